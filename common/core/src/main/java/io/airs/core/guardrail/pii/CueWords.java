package io.airs.core.guardrail.pii;

/**
 * Cue words searched for near a candidate value ("phone", "passport", "ssn"). Besides the words it
 * keeps, as two bit masks, which ASCII characters can begin one of them once lower-cased, so a
 * search window is walked with one bit test per character and the words are compared only where one
 * can start.
 */
final class CueWords {

    private final String[] words;
    private final long firstLow;
    private final long firstHigh;

    CueWords(String... words) {
        this.words = words.clone();
        long low = 0;
        long high = 0;
        for (char c = 0; c < 0x80; c++) {
            char lc = Character.toLowerCase(c);
            for (String w : words) {
                if (w.charAt(0) == lc) {
                    if (c < 64) {
                        low |= 1L << c;
                    } else {
                        high |= 1L << (c - 64);
                    }
                }
            }
        }
        firstLow = low;
        firstHigh = high;
    }

    /** The words, in the order given. */
    String[] words() {
        return words;
    }

    /**
     * False only when no word can start with {@code c}; any non-ASCII character may lower-case onto
     * a word's first letter, so it always passes.
     */
    boolean mayStartWith(char c) {
        if (c < 64) {
            return (firstLow >>> c & 1L) != 0;
        }
        if (c < 0x80) {
            return (firstHigh >>> (c - 64) & 1L) != 0;
        }
        return true;
    }
}
