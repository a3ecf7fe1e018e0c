package io.airs.core.guardrail.pii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * Trains the {@link PiiTagger} (a multi-class averaged perceptron, seeded: the same rows and seed
 * give the same bytes) from labelled JSON Lines sets:
 *
 * <ul>
 *   <li>the PII set ({@code pii*.jsonl}): every capitalised word inside a gold {@code PERSON},
 *       {@code LOCATION}/{@code ADDRESS} or {@code ORGANIZATION} span is an example of that class,
 *       every other one an example of outside;
 *   <li>every other set, every second row (by a checksum of its id): all its capitalised words are
 *       examples of outside, which teaches the tagger the capitalised words of prompts, code, tables
 *       and e-mails that are no one's name.
 * </ul>
 *
 * <p>{@code airs train --model pii-tagger} runs it and writes {@code tagger.bin} and {@code
 * tagger-manifest.json} (sources, licences, counts, seed, digest).
 */
public final class PiiTaggerTrainer {

    /** Passes over the shuffled examples. */
    static final int EPOCHS = 8;

    /** One text with its labelled spans ({@code [start, end, class]}); none for outside-only text. */
    public record Example(String id, String text, List<int[]> spans, String group, String source, String license) {}

    private PiiTaggerTrainer() {}

    /**
     * The examples of a data folder: the PII set's rows and every second row of the other sets, in
     * file and line order.
     */
    public static List<Example> load(Path dataDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Path> files;
        try (Stream<Path> s = Files.list(dataDir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
        if (files.stream().noneMatch(PiiTaggerTrainer::isPiiFile)) {
            throw new java.nio.file.NoSuchFileException(
                    dataDir.resolve("pii_dev.jsonl").toString());
        }
        List<Example> out = new ArrayList<>();
        for (Path f : files) {
            boolean pii = isPiiFile(f);
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank()) {
                        continue;
                    }
                    JsonNode row = json.readTree(line);
                    String id = row.path("id").asText("");
                    String text = row.path("text").asText(null);
                    if (text == null || (!pii && !secondRow(id))) {
                        continue;
                    }
                    List<int[]> spans = new ArrayList<>();
                    for (JsonNode e : row.path("entities")) {
                        int cls = classOf(e.path("type").asText(""));
                        if (cls > 0 && e.path("start").isInt() && e.path("end").isInt()) {
                            spans.add(new int[] {
                                e.path("start").asInt(), e.path("end").asInt(), cls
                            });
                        }
                    }
                    out.add(new Example(
                            id,
                            text,
                            spans,
                            pii ? group(row) : "",
                            row.path("source").asText(""),
                            row.path("license").asText("")));
                }
            }
        }
        return out;
    }

    /** A span given in code points (as the sets give it) as UTF-16 offsets; null if unusable. */
    private static int[] utf16(String text, JsonNode start, JsonNode end) {
        if (!start.canConvertToInt() || !end.canConvertToInt()) {
            return null;
        }
        int cps = text.codePointCount(0, text.length());
        int a = start.asInt();
        int b = end.asInt();
        if (a < 0 || b < a || b > cps) {
            return null;
        }
        return new int[] {text.offsetByCodePoints(0, a), text.offsetByCodePoints(0, b)};
    }

    private static boolean isPiiFile(Path f) {
        return f.getFileName().toString().startsWith("pii");
    }

    private static boolean secondRow(String id) {
        CRC32 crc = new CRC32();
        crc.update(id.getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 2 == 0;
    }

    /**
     * The held-out group of a PII row: one of five folds of its source's templates when the row
     * names its template (so rows of one template are never split between training and test),
     * else its source.
     */
    public static String group(JsonNode row) {
        String source = row.path("source").asText("");
        JsonNode template = row.path("meta").path("template_id");
        return template.canConvertToInt() ? source + ":templates-" + Math.floorMod(template.asInt(), 5) : source;
    }

    static int classOf(String type) {
        return switch (type) {
            case "PERSON" -> 1;
            case "LOCATION", "ADDRESS", "STREET_ADDRESS", "GPE" -> 2;
            case "ORGANIZATION" -> 3;
            default -> 0;
        };
    }

    /** Trains on {@code rows} those {@code use} accepts. */
    public static PiiTagger train(List<Example> rows, Predicate<Example> use, long seed) {
        return train(rows, use, seed, Lexicon.shipped());
    }

    static PiiTagger train(List<Example> rows, Predicate<Example> use, long seed, Lexicon lexicon) {
        TaggerFeatures tf = new TaggerFeatures(lexicon);
        List<int[]> feats = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (Example ex : rows) {
            if (!use.test(ex)) {
                continue;
            }
            tf.reset(ex.text());
            for (int p = tf.next(0); p >= 0; p = tf.next(tf.candidateEnd())) {
                int k = tf.extract();
                int[] f = new int[k];
                for (int j = 0; j < k; j++) {
                    f[j] = tf.features[j] & (PiiTagger.BUCKETS - 1);
                }
                feats.add(f);
                labels.add(label(ex.spans(), p, tf.candidateEnd()));
            }
        }
        int c = PiiTagger.CLASSES;
        float[] w = new float[PiiTagger.BUCKETS * c];
        float[] u = new float[PiiTagger.BUCKETS * c];
        int[] order = new int[feats.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Random rnd = new Random(seed);
        long step = 1;
        float[] score = new float[c];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int idx : order) {
                int[] f = feats.get(idx);
                int y = labels.get(idx);
                java.util.Arrays.fill(score, 0f);
                for (int b : f) {
                    for (int k = 0; k < c; k++) {
                        score[k] += w[b * c + k];
                    }
                }
                int p = 0;
                for (int k = 1; k < c; k++) {
                    if (score[k] > score[p]) {
                        p = k;
                    }
                }
                if (p != y) {
                    for (int b : f) {
                        w[b * c + y] += 1;
                        w[b * c + p] -= 1;
                        u[b * c + y] += step;
                        u[b * c + p] -= step;
                    }
                }
                step++;
            }
        }
        float max = 0;
        float[] avg = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            avg[i] = w[i] - u[i] / step;
            max = Math.max(max, Math.abs(avg[i]));
        }
        float scale = max == 0 ? 1f : max / Short.MAX_VALUE;
        short[] q = new short[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = (short) Math.round(avg[i] / scale);
        }
        return new PiiTagger(q, scale, lexicon);
    }

    private static int label(List<int[]> spans, int a, int b) {
        for (int[] s : spans) {
            if (s[0] <= a && b <= s[1]) {
                return s[2];
            }
        }
        return 0;
    }

    /**
     * Trains on every example of {@code dataDir} and writes {@code tagger.bin} and {@code
     * tagger-manifest.json} to {@code outDir}; returns the tagger.
     */
    public static PiiTagger run(Path dataDir, Path outDir, long seed, LocalDate date, PrintStream log)
            throws IOException {
        List<Example> rows = load(dataDir);
        long labelled = rows.stream().filter(e -> !e.group().isEmpty()).count();
        log.printf("pii tagger: %d labelled rows, %d outside-only rows%n", labelled, rows.size() - labelled);
        PiiTagger tagger = train(rows, e -> true, seed);
        byte[] bytes = tagger.toBytes();
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("tagger.bin"), bytes);
        Map<String, Map<String, Object>> sources = new TreeMap<>();
        for (Example e : rows) {
            Map<String, Object> s = sources.computeIfAbsent(e.source(), k -> new TreeMap<>());
            s.put("license", e.license());
            s.merge(e.group().isEmpty() ? "outside_only_rows" : "labelled_rows", 1, (a, b) -> (int) a + (int) b);
        }
        ObjectNode m = new ObjectMapper().createObjectNode();
        m.put("model", "pii-tagger");
        m.put("kind", "multi-class averaged perceptron over hashed word features, int16 weights");
        m.put("classes", "outside, PERSON, LOCATION, ORGANIZATION");
        m.put("buckets", PiiTagger.BUCKETS);
        m.put("epochs", EPOCHS);
        m.put("seed", seed);
        m.put("trained", date.toString());
        m.put("command", "airs train --model pii-tagger --seed " + seed);
        m.put("bytes", bytes.length);
        m.put("sha256", sha256(bytes));
        m.put("lexicon", "lexicon.bin (tools/pii-lexicon/build.sh; NOTICE.md)");
        m.set("sources", new ObjectMapper().valueToTree(sources));
        Files.writeString(
                outDir.resolve("tagger-manifest.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(m) + "\n",
                StandardCharsets.UTF_8);
        log.printf("tagger.bin: %d bytes, sha256 %s%n", bytes.length, sha256(bytes));
        return tagger;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
