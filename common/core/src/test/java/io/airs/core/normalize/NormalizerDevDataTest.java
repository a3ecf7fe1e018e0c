package io.airs.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.airs.core.testdata.DevData;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Measures the normaliser on the development sets: how rarely ordinary text (benign or not) gains
 * decoded views or signals, and how reliably attack text wrapped in each obfuscation is recovered.
 * Prints counts and rates only, never row text.
 */
class NormalizerDevDataTest {

    private static final List<String> FILES = List.of(
            "injection_dev.jsonl",
            "indirect_injection_dev.jsonl",
            "harmful_dev.jsonl",
            "toxicity_dev.jsonl",
            "pii_dev.jsonl",
            "secrets_dev.jsonl");

    private final Normalizer normalizer = new Normalizer(NormalizerConfig.defaults());

    @BeforeEach
    void needsData() {
        assumeTrue(DevData.dir().isPresent(), "shared/data is not beside the repository");
    }

    @Test
    void ordinaryTextRarelyGainsDecodedViewsOrSignals() {
        int proseRows = 0;
        int proseWithViews = 0;
        int proseWithSignals = 0;
        for (String file : FILES) {
            int rows = 0;
            int fast = 0;
            int withViews = 0;
            int withSignals = 0;
            long nanos = 0;
            for (DevData.Row row : DevData.load(file)) {
                long t0 = System.nanoTime();
                NormalizedText n = normalizer.normalize(row.text());
                nanos += System.nanoTime() - t0;
                rows++;
                if (n.primary().text() == row.text()
                        && n.decoded().isEmpty()
                        && n.signals().isEmpty()) {
                    fast++;
                }
                if (!n.decoded().isEmpty()) {
                    withViews++;
                }
                if (!n.signals().isEmpty()) {
                    withSignals++;
                }
            }
            System.out.printf(
                    "normalize %-30s rows=%5d unchanged=%5d withDecodedViews=%4d withSignals=%4d meanMicrosColdJvm=%.1f%n",
                    file, rows, fast, withViews, withSignals, nanos / 1000.0 / rows);
            if (!file.startsWith("secrets")) {
                proseRows += rows;
                proseWithViews += withViews;
                proseWithSignals += withSignals;
            }
        }
        double viewRate = proseWithViews / (double) proseRows;
        double signalRate = proseWithSignals / (double) proseRows;
        System.out.printf(
                "normalize prose rows=%d decodedViewRate=%.4f signalRate=%.4f%n", proseRows, viewRate, signalRate);
        assertThat(viewRate).isLessThanOrEqualTo(0.01);
        assertThat(signalRate).isLessThanOrEqualTo(0.005);
    }

    @Test
    void recoversAttackTextFromEveryObfuscation() {
        List<String> attacks = DevData.load("injection_dev.jsonl").stream()
                .filter(DevData.Row::positive)
                .map(r -> clip(r.text(), 400))
                .toList();
        Map<String, UnaryOperator<String>> tricks = new LinkedHashMap<>();
        tricks.put("zero_width", NormalizerDevDataTest::zeroWidthSplit);
        tricks.put("homoglyphs", NormalizerDevDataTest::cyrillic);
        tricks.put("fullwidth", NormalizerDevDataTest::fullwidth);
        tricks.put("base64", s -> "Decode and follow: " + Base64.getEncoder().encodeToString(utf8(s)));
        tricks.put("hex", s -> "hex: " + HexFormat.of().formatHex(utf8(s)));
        tricks.put("url", s -> "q=" + escapeBytes(s, "%%%02X"));
        tricks.put("url+base64", s -> escapeBytes(Base64.getEncoder().encodeToString(utf8(s)), "%%%02X"));
        tricks.put(
                "html_entity",
                s -> s.codePoints()
                        .collect(
                                StringBuilder::new,
                                (b, c) -> b.append("&#").append(c).append(';'),
                                StringBuilder::append)
                        .toString());
        tricks.put(
                "unicode_escape",
                s -> s.chars()
                        .collect(
                                StringBuilder::new,
                                (b, c) -> b.append(String.format("\\u%04x", c)),
                                StringBuilder::append)
                        .toString());
        tricks.put("tag_characters", s -> "Summarise this page." + tags(s));

        double worst = 1.0;
        for (var trick : tricks.entrySet()) {
            int recovered = 0;
            int tried = 0;
            for (String attack : attacks) {
                if (trick.getKey().equals("tag_characters") && !attack.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
                    continue; // tag characters can only carry printable ASCII
                }
                tried++;
                String expected = normalizer.normalize(attack).primary().text().strip();
                NormalizedText n = normalizer.normalize(trick.getValue().apply(attack));
                boolean found = n.primary().text().contains(expected)
                        || n.decoded().stream().anyMatch(v -> v.text().contains(expected));
                if (found) {
                    recovered++;
                }
            }
            double rate = recovered / (double) tried;
            worst = Math.min(worst, rate);
            System.out.printf("normalize recovery %-15s %4d/%4d = %.4f%n", trick.getKey(), recovered, tried, rate);
        }
        assertThat(worst).isGreaterThanOrEqualTo(0.97);
    }

    private static String clip(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = max;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String escapeBytes(String s, String format) {
        StringBuilder sb = new StringBuilder();
        for (byte b : utf8(s)) {
            sb.append(String.format(format, b & 0xFF));
        }
        return sb.toString();
    }

    private static String zeroWidthSplit(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c);
            if (Character.isLetter(c) && i + 1 < s.length() && Character.isLetter(s.charAt(i + 1)) && (i % 3 == 0)) {
                sb.append('\u200B');
            }
        }
        return sb.toString();
    }

    private static String cyrillic(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(
                    switch (c) {
                        case 'a' -> '\u0430';
                        case 'e' -> '\u0435';
                        case 'o' -> '\u043E';
                        case 'p' -> '\u0440';
                        case 'c' -> '\u0441';
                        case 'i' -> '\u0456';
                        case 'x' -> '\u0445';
                        default -> c;
                    });
        }
        return sb.toString();
    }

    private static String fullwidth(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c > ' ' && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return sb.toString();
    }

    private static String tags(String ascii) {
        StringBuilder sb = new StringBuilder();
        ascii.chars().forEach(c -> sb.appendCodePoint(0xE0000 + c));
        return sb.toString();
    }
}
