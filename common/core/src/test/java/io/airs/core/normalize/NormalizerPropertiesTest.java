package io.airs.core.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;

class NormalizerPropertiesTest {

    private final Normalizer normalizer = new Normalizer(NormalizerConfig.defaults());

    /** Pieces that exercise every path: tricks, encodings, marks, surrogates (paired and lone). */
    @Provide
    Arbitrary<String> tricky() {
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().ascii().ofMaxLength(6),
                Arbitraries.of(
                        "\u200B",
                        "\u200D",
                        "\uFEFF",
                        "\u00AD",
                        "\u202E",
                        "\uFE0F",
                        "\u0000",
                        "\u0085",
                        "\u0456",
                        "\u0430",
                        "\u041E",
                        "\u03BF",
                        "\u0391",
                        "\uFF49",
                        "\uFB01",
                        "\u2126",
                        "\u0301",
                        "\u0308",
                        "\u1100",
                        "\u1161",
                        "\u11A8",
                        "\uFF76",
                        "\uFF9E",
                        "\u3164",
                        "\uD835\uDC22",
                        "\uD83D\uDE00",
                        "\uD83C\uDFF4",
                        "\uDB40\uDC41",
                        "\uDB40\uDC7F",
                        "\uD800",
                        "\uDC00",
                        "\uDBFF",
                        "%",
                        "%4",
                        "%41",
                        "&#",
                        "&#105;",
                        "&#x69",
                        "\\u00",
                        "\\u0069",
                        "\\x6",
                        "\\x69",
                        "0x",
                        "==",
                        "=",
                        " ",
                        "\n",
                        "aWdub3Jl",
                        "IGFsbCBw",
                        "69676e6f7265",
                        "6e",
                        "4F",
                        ", ",
                        "\u00E9",
                        "\u4E2D"),
                Arbitraries.strings().all().ofMaxLength(4));
        return pieces.list().ofMaxSize(40).map(l -> String.join("", l));
    }

    private List<TextView> views(NormalizedText n) {
        List<TextView> all = new ArrayList<>();
        all.add(n.primary());
        all.addAll(n.decoded());
        return all;
    }

    @Property(tries = 1500)
    void everyViewIndexMapsIntoTheOriginalMonotonically(@ForAll("tricky") String s) {
        NormalizedText n = normalizer.normalize(s);
        int len = s.length();
        for (TextView v : views(n)) {
            int vl = v.text().length();
            for (int i = 0; i <= vl; i++) {
                assertThat(v.originalStart(i)).isBetween(0, len);
                assertThat(v.originalEnd(i)).isBetween(0, len);
                if (i < vl) {
                    assertThat(v.originalStart(i)).isLessThanOrEqualTo(v.originalEnd(i + 1));
                    assertThat(v.originalStart(i)).isLessThanOrEqualTo(v.originalStart(i + 1));
                    assertThat(v.originalEnd(i)).isLessThanOrEqualTo(v.originalEnd(i + 1));
                }
            }
        }
        assertThat(n.signals()).allSatisfy(f -> assertThat(f.end()).isBetween(f.start(), len));
        assertThat(n.original()).isSameAs(s);
    }

    @Property(tries = 1000)
    void neverThrowsOnArbitraryStrings(@ForAll @StringLength(max = 200) String s) {
        NormalizedText n = normalizer.normalize(s);
        assertThat(n.primary().originalEnd(n.primary().text().length())).isBetween(0, s.length());
    }

    @Property(tries = 500)
    void neverThrowsOnArbitraryCharsIncludingLoneSurrogates(
            @ForAll @StringLength(max = 60) @CharRange(from = '\uD700', to = '\uE100') @Chars({'a', ' ', '%'})
                    String s) {
        normalizer.normalize(s);
    }

    @Property(tries = 1000)
    void normalisingAlreadyNormalisedAsciiIsTheIdentity(
            @ForAll @StringLength(max = 300) @CharRange(from = ' ', to = '~') @Chars({'\n', '\t'}) String s) {
        String once = normalizer.normalize(s).primary().text();
        assertThat(once).isEqualTo(s);
        assertThat(normalizer.normalize(once).primary().text()).isEqualTo(once);
    }

    @Property(tries = 1000)
    void primaryTextOfAnyInputIsStableUnderASecondPassWhenItIsAscii(@ForAll("tricky") String s) {
        String once = normalizer.normalize(s).primary().text();
        if (once.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            assertThat(normalizer.normalize(once).primary().text()).isEqualTo(once);
        }
    }

    @Property(tries = 500)
    void decodedViewsStayWithinTheLimits(@ForAll("tricky") String s) {
        NormalizedText n = normalizer.normalize(s);
        NormalizerConfig c = normalizer.config();
        assertThat(n.decoded()).hasSizeLessThanOrEqualTo(c.maxDecodedViews());
        assertThat(n.decoded().stream().mapToInt(v -> v.text().length()).sum())
                .isLessThanOrEqualTo(c.maxDecodedChars());
    }
}
