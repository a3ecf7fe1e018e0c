package io.airs.core.guardrail.pii;

import java.util.Arrays;

/**
 * A fixed set of words, matched whole and case-insensitively against a stretch of text without
 * allocating. An all-ASCII stretch is hashed once and probed in an open-addressing table; a stretch
 * with any other character is hashed over its case-folded characters ({@code
 * toLowerCase(toUpperCase(c))}, the equivalence {@link String#regionMatches(boolean, int, String, int,
 * int)} uses, which also folds characters such as the Kelvin sign or the long s onto ASCII letters)
 * and probed in a second table holding every word folded the same way, so the answer is always
 * exactly that of the plain comparison and costs the same however many words there are.
 */
final class WordSet {

    private final String[] words;
    private final String[] slots;
    private final int[] slotHashes;
    private final int mask;
    private final int minLength;
    private final int maxLength;
    /** Per length, which lower-cased ASCII characters begin a word of that length (two 64-bit halves). */
    private final long[] firstLow;

    private final long[] firstHigh;
    /** Every word case-folded, for stretches with characters beyond ASCII; built on first need. */
    private volatile Folded folded;

    private record Folded(String[] words, int[] hashes, int mask) {}

    WordSet(String... words) {
        this.words = words.clone();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (String w : words) {
            min = Math.min(min, w.length());
            max = Math.max(max, w.length());
        }
        minLength = min;
        maxLength = max;
        firstLow = new long[max + 1];
        firstHigh = new long[max + 1];
        for (String w : words) {
            char first = lower(w.charAt(0));
            if (first >= 0x80) {
                // Some ASCII letters fold onto characters beyond ASCII (k onto the Kelvin sign), so
                // no ASCII first character rules out a word of this length.
                firstLow[w.length()] = -1L;
                firstHigh[w.length()] = -1L;
            } else if (first < 64) {
                firstLow[w.length()] |= 1L << first;
            } else {
                firstHigh[w.length()] |= 1L << (first - 64);
            }
        }
        int size = Integer.highestOneBit(Math.max(4, words.length * 4) - 1) << 1;
        slots = new String[size];
        slotHashes = new int[size];
        mask = size - 1;
        for (String w : words) {
            if (!isAscii(w)) {
                // Only a stretch holding non-ASCII characters can match it; the fallback sees it.
                continue;
            }
            String lower = lowerAscii(w);
            int h = hash(lower, 0, lower.length());
            int slot = spread(h) & mask;
            while (slots[slot] != null && !slots[slot].equals(lower)) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = lower;
            slotHashes[slot] = h;
        }
    }

    private Folded folded() {
        Folded f = folded;
        if (f == null) {
            synchronized (this) {
                f = folded;
                if (f == null) {
                    f = fold(words);
                    folded = f;
                }
            }
        }
        return f;
    }

    private static Folded fold(String[] words) {
        int size = Integer.highestOneBit(Math.max(4, words.length * 2) - 1) << 1;
        String[] table = new String[size];
        int[] hashes = new int[size];
        int mask = size - 1;
        for (String w : words) {
            char[] cs = w.toCharArray();
            for (int k = 0; k < cs.length; k++) {
                cs[k] = fold(cs[k]);
            }
            String f = new String(cs);
            int h = hash(f, 0, f.length());
            int slot = spread(h) & mask;
            while (table[slot] != null && !table[slot].equals(f)) {
                slot = (slot + 1) & mask;
            }
            table[slot] = f;
            hashes[slot] = h;
        }
        return new Folded(table, hashes, mask);
    }

    /** Whether {@code s[from, to)} equals one of the words, ignoring case. */
    boolean contains(String s, int from, int to) {
        int len = to - from;
        if (len < minLength || len > maxLength) {
            return false;
        }
        // An ASCII first character that starts no word of this length rules the stretch out,
        // whatever follows it.
        char first = s.charAt(from);
        if (first < 64) {
            if ((firstLow[len] >>> first & 1L) == 0) {
                return false;
            }
        } else if (first < 0x80 && (firstHigh[len] >>> (lower(first) - 64) & 1L) == 0) {
            return false;
        }
        int h = 0;
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (c >= 0x80) {
                return containsByRegionMatch(s, from, to);
            }
            h = 31 * h + lower(c);
        }
        for (int slot = spread(h) & mask; slots[slot] != null; slot = (slot + 1) & mask) {
            if (slotHashes[slot] == h && equalsLowerAscii(s, from, len, slots[slot])) {
                return true;
            }
        }
        return false;
    }

    private boolean containsByRegionMatch(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + fold(s.charAt(k));
        }
        int len = to - from;
        Folded t = folded();
        for (int slot = spread(h) & t.mask(); t.words()[slot] != null; slot = (slot + 1) & t.mask()) {
            String f = t.words()[slot];
            if (t.hashes()[slot] == h && f.length() == len && equalsFolded(s, from, f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsFolded(String s, int from, String f) {
        for (int k = 0; k < f.length(); k++) {
            if (fold(s.charAt(from + k)) != f.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The case folding of {@code regionMatches(true, ...)}: two characters match when these agree. */
    static char fold(char c) {
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    private static boolean equalsLowerAscii(String s, int from, int len, String lower) {
        if (lower.length() != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (lower(s.charAt(from + k)) != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
    }

    private static int hash(String s, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + s.charAt(k);
        }
        return h;
    }

    private static int spread(int h) {
        return h ^ (h >>> 7) ^ (h >>> 15);
    }

    private static boolean isAscii(String w) {
        return w.chars().allMatch(c -> c < 0x80);
    }

    private static String lowerAscii(String w) {
        char[] cs = w.toCharArray();
        for (int k = 0; k < cs.length; k++) {
            cs[k] = lower(cs[k]);
        }
        return new String(cs);
    }

    @Override
    public String toString() {
        return "WordSet" + Arrays.toString(words);
    }
}
