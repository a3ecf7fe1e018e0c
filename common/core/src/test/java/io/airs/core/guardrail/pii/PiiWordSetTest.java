package io.airs.core.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The hashed word sets and cue masks answer exactly as a plain case-insensitive comparison does. */
class PiiWordSetTest {

    private static final String[] WORDS = {
        "street", "st", "st.", "road", "ave", "katu", "straße", "vägen", "apt.", "c/", "my", "i", "miss"
    };
    private static final WordSet SET = new WordSet(WORDS);

    /**
     * Stretches built from the words, their case variants, and characters that Java's case-insensitive
     * comparison folds onto ASCII letters (dotted and dotless i, long s, Kelvin sign).
     */
    @Provide
    Arbitrary<String> stretches() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(WORDS),
                Arbitraries.of(WORDS).map(w -> w.toUpperCase(java.util.Locale.ROOT)),
                Arbitraries.strings()
                        .withChars("stravekuSTRAVEKUiIßäÄ.'/ \u0130\u0131\u017f\u212a")
                        .ofMaxLength(8));
        return piece.list().ofMaxSize(3).map(parts -> String.join("", parts));
    }

    @Property(tries = 2000)
    void containsAgreesWithRegionMatchesOverEveryWord(@ForAll("stretches") String text) {
        String padded = "x " + text + " y";
        assertThat(SET.contains(padded, 2, 2 + text.length())).isEqualTo(plainContains(padded, 2, 2 + text.length()));
    }

    @Test
    void matchesWholeWordsIgnoringCaseOnly() {
        assertThat(SET.contains("Main STREET 5", 5, 11)).isTrue();
        assertThat(SET.contains("Main Streets", 5, 12)).isFalse();
        assertThat(SET.contains("Koskikatu", 0, 4)).isFalse();
        assertThat(SET.contains("KATU", 0, 4)).isTrue();
        assertThat(SET.contains("STRASSE", 0, 7)).isFalse();
    }

    @Test
    void foldsCharactersOutsideAsciiTheWayStringComparisonDoes() {
        // U+212A KELVIN SIGN lower-cases to 'k'; U+017F LONG S upper-cases to 'S'.
        assertThat(SET.contains("\u212Aatu", 0, 4)).isTrue();
        assertThat(SET.contains("\u017Ft", 0, 2)).isTrue();
        assertThat(SET.contains("Straße", 0, 6)).isTrue();
    }

    @Test
    void matchesAWordBeyondAsciiWhenNoAsciiWordSharesItsLength() {
        WordSet set = new WordSet("gränd", "weg");
        assertThat(set.contains("GRÄND", 0, 5)).isTrue();
        assertThat(set.contains("Grand", 0, 5)).isFalse();
        assertThat(set.contains("WEG", 0, 3)).isTrue();
    }

    @Property(tries = 500)
    void cueMaskNeverRejectsACharacterThatStartsACue(@ForAll char c) {
        CueWords cues = new CueWords("phone", "tel", "#:", "né le", "driver’s licen");
        boolean starts = false;
        for (String w : cues.words()) {
            starts |= w.charAt(0) == Character.toLowerCase(c);
        }
        if (starts) {
            assertThat(cues.mayStartWith(c)).isTrue();
        }
        if (c < 0x80 && !starts) {
            assertThat(cues.mayStartWith(c)).isFalse();
        }
    }

    private static boolean plainContains(String s, int from, int to) {
        for (String w : WORDS) {
            if (w.length() == to - from && s.regionMatches(true, from, w, 0, w.length())) {
                return true;
            }
        }
        return false;
    }
}
