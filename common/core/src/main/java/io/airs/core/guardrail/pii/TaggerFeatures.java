package io.airs.core.guardrail.pii;

/**
 * Candidates and hashed features of the {@link PiiTagger}, shared by tagging and training so that
 * the two can never disagree. A token is a run of letters (with inner apostrophes and hyphens), a run
 * of digits, or one other visible character. A candidate is a capitalised word that is not glued to
 * letters, digits or underscores (so not a piece of an identifier, a key or a hash) and, when a single letter, is followed by a
 * full stop (an initial), and that is not an ordinary English word opening a sentence (which the
 * {@link Lexicon} knows as a word and as nothing else). Only the candidates and the two tokens either side of each are tokenised,
 * so the cost follows the number of capitalised words, not the length of the text.
 *
 * <p>Features of a candidate: the word, its prefix, suffixes, shape and length; the words around it;
 * what the {@link Lexicon} says of it and its neighbours (given name, surname, place word, ordinary
 * word); where it stands (line start, sentence start, next to other capitalised words). Each is
 * hashed with its template into {@code 2^LOG2_BUCKETS} buckets. One instance is reused per thread;
 * not thread-safe.
 */
final class TaggerFeatures {

    static final int MAX_FEATURES = 40;

    private static final int SENTENCE_START = 0x5f3759df;
    private static final int TEXT_END = 0x2545f491;
    private static final int C = 2; // the candidate's slot in the window

    private final Lexicon lexicon;
    private char[] t;
    private int len;
    /** The window: tokens {@code C-2 .. C+2}; a slot outside the text has start -1. */
    final int[] start = new int[5];

    final int[] end = new int[5];
    private final int[] hash = new int[5];
    private final int[] kinds = new int[5];
    final int[] features = new int[MAX_FEATURES];

    TaggerFeatures(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    /** Starts over on {@code text}. */
    void reset(String text) {
        reset(text.toCharArray());
    }

    /** Starts over on {@code text}, which is read and not kept past the next reset. */
    void reset(char[] text) {
        t = text;
        len = text.length;
    }

    /** The candidate's span, after {@link #next} found one. */
    int candidateStart() {
        return start[C];
    }

    int candidateEnd() {
        return end[C];
    }

    /**
     * Finds the first candidate at or after {@code from} and fills the window around it; returns its
     * start, or -1 when there is none.
     */
    int next(int from) {
        for (int p = from; p < len; p++) {
            char c = t[p];
            boolean upper = c < 128 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c) || Character.isTitleCase(c);
            if (!upper || !tokenStart(p)) {
                continue;
            }
            int b = tokenEnd(p);
            if (b - p > 3 && (t[b - 1] | 0x20) == 's' && (t[b - 2] == '\'' || t[b - 2] == '’')) {
                b -= 2; // "Yefremova's": the name without its possessive ending
            }
            if ((b < len && glued(t[b])) || (b - p == 1 && (b >= len || t[b] != '.'))) {
                p = b - 1;
                continue;
            }
            if (sentenceStart(p) && lexicon.kinds(t, p, b) == 1 << Lexicon.WORD) {
                p = b - 1; // "We", "Please": an ordinary word capitalised only because a sentence starts
                continue;
            }
            fill(p, b);
            return p;
        }
        return -1;
    }

    /** Whether the token at {@code p} opens the text, a line, or follows . ! ? : or a double quote. */
    private boolean sentenceStart(int p) {
        int j = p - 1;
        while (j >= 0 && space(t[j])) {
            if (t[j] == '\n') {
                return true;
            }
            j--;
        }
        return j < 0 || ".!?:\"".indexOf(t[j]) >= 0;
    }

    /** Whether a letter at {@code p} starts a token (and is not glued to a letter or a digit). */
    private boolean tokenStart(int p) {
        if (p == 0) {
            return true;
        }
        char q = t[p - 1];
        if (glued(q)) {
            return false;
        }
        return !(joiner(q) && p >= 2 && Character.isLetter(t[p - 2]));
    }

    /** A character that makes a word next to it part of an identifier, a key or a hash. */
    private static boolean glued(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    private static boolean joiner(char c) {
        return c == '\'' || c == '’' || c == '-';
    }

    private static boolean letter(char c) {
        return c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
    }

    private static boolean space(char c) {
        return c <= ' ' ? c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f) : Character.isWhitespace(c);
    }

    /** The end of the token starting at {@code p} (not whitespace). */
    private int tokenEnd(int p) {
        char c = t[p];
        int j = p + 1;
        if (letter(c)) {
            while (j < len) {
                char d = t[j];
                if (letter(d)) {
                    j++;
                } else if (joiner(d) && j + 1 < len && letter(t[j + 1])) {
                    j += 2;
                } else {
                    break;
                }
            }
        } else if (Character.isDigit(c)) {
            while (j < len && Character.isDigit(t[j])) {
                j++;
            }
        }
        return j;
    }

    /** The start of the token ending at {@code e} (exclusive; {@code s[e-1]} is not whitespace). */
    private int tokenStartBefore(int e) {
        char c = t[e - 1];
        int j = e - 1;
        if (letter(c)) {
            while (j > 0) {
                char d = t[j - 1];
                if (letter(d)) {
                    j--;
                } else if (joiner(d) && j >= 2 && letter(t[j - 2])) {
                    j -= 2;
                } else {
                    break;
                }
            }
        } else if (Character.isDigit(c)) {
            while (j > 0 && Character.isDigit(t[j - 1])) {
                j--;
            }
        }
        return j;
    }

    private void fill(int a, int b) {
        set(C, a, b);
        int e = a;
        for (int slot = C - 1; slot >= 0; slot--) {
            while (e > 0 && space(t[e - 1])) {
                e--;
            }
            if (e == 0 || start[slot + 1] < 0) {
                set(slot, -1, -1);
            } else {
                int st = tokenStartBefore(e);
                set(slot, st, e);
                e = st;
            }
        }
        int p = b;
        for (int slot = C + 1; slot < 5; slot++) {
            while (p < len && space(t[p])) {
                p++;
            }
            if (p >= len || end[slot - 1] < 0) {
                set(slot, -1, -1);
            } else {
                int en = tokenEnd(p);
                set(slot, p, en);
                p = en;
            }
        }
    }

    private void set(int slot, int a, int b) {
        start[slot] = a;
        end[slot] = b;
        kinds[slot] = -1;
        if (a < 0) {
            hash[slot] = slot < C ? SENTENCE_START : TEXT_END;
        } else {
            hash[slot] = sliceHash(a, b);
        }
    }

    private boolean present(int slot) {
        return start[slot] >= 0;
    }

    private boolean upper(int slot) {
        return present(slot) && Character.isUpperCase(t[start[slot]]);
    }

    private boolean has(int kind, int slot) {
        if (!present(slot)) {
            return false;
        }
        int k = kinds[slot];
        if (k < 0) {
            k = lexicon.kinds(t, start[slot], end[slot]);
            kinds[slot] = k;
        }
        return (k & (1 << kind)) != 0;
    }

    private static int mix(int template, int value) {
        int h = template * 0x9E3779B1 ^ value;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    private int sliceHash(int from, int to) {
        int h = 0x811c9dc5;
        for (int k = from; k < to; k++) {
            char c = t[k];
            h = (h ^ (c < 128 ? (c >= 'A' && c <= 'Z' ? c | 0x20 : c) : Character.toLowerCase(c))) * 0x01000193;
        }
        return h;
    }

    private int shape(int from, int to) {
        int h = 0x811c9dc5;
        char last = 0;
        int run = 0;
        for (int k = from; k < to; k++) {
            char c = t[k];
            char x = Character.isUpperCase(c) ? 'X' : Character.isLetter(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
            run = x == last ? run + 1 : 1;
            last = x;
            if (run <= 2) {
                h = (h ^ x) * 0x01000193;
            }
        }
        return h;
    }

    /** Writes the features of the candidate {@link #next} found into {@link #features}; returns their count. */
    int extract() {
        int a = start[C];
        int b = end[C];
        int length = b - a;
        int[] f = features;
        int k = 0;
        int w = hash[C];
        int prev = hash[C - 1];
        int next = hash[C + 1];
        f[k++] = mix(1, 0);
        f[k++] = mix(2, w);
        f[k++] = mix(3, sliceHash(Math.max(a, b - 3), b));
        f[k++] = mix(4, sliceHash(Math.max(a, b - 4), b));
        f[k++] = mix(5, sliceHash(a, Math.min(b, a + 3)));
        f[k++] = mix(6, shape(a, b));
        f[k++] = mix(7, prev);
        f[k++] = mix(8, hash[C - 2] * 31 + prev);
        f[k++] = mix(9, next);
        f[k++] = mix(10, next * 31 + hash[C + 2]);
        f[k++] = mix(11, Math.min(length, 10));
        boolean ascii = true;
        boolean allUpper = length > 1;
        for (int j = a; j < b; j++) {
            char c = t[j];
            ascii &= c < 128;
            allUpper &= !Character.isLowerCase(c);
        }
        if (!ascii) {
            f[k++] = mix(12, 0);
        }
        if (has(Lexicon.FIRST_NAME, C)) {
            f[k++] = mix(13, 0);
        }
        if (has(Lexicon.WORD, C)) {
            f[k++] = mix(14, 0);
            f[k++] = mix(15, prev);
        }
        if (has(Lexicon.SURNAME, C)) {
            f[k++] = mix(16, 0);
            f[k++] = mix(17, prev);
        }
        if (has(Lexicon.PLACE, C)) {
            f[k++] = mix(18, 0);
            f[k++] = mix(19, prev);
        }
        if (allUpper) {
            f[k++] = mix(20, 0);
            f[k++] = mix(21, prev);
        }
        if (upper(C + 1)) {
            f[k++] = mix(22, 0);
            if (has(Lexicon.SURNAME, C + 1)) {
                f[k++] = mix(23, 0);
            }
        }
        if (has(Lexicon.WORD, C + 1)) {
            f[k++] = mix(24, 0);
        }
        if (upper(C - 1)) {
            f[k++] = mix(25, 0);
            if (has(Lexicon.FIRST_NAME, C - 1)) {
                f[k++] = mix(26, 0);
            }
            if (has(Lexicon.SURNAME, C - 1)) {
                f[k++] = mix(27, 0);
            }
        }
        boolean lineStart = a == 0;
        for (int j = Math.max(0, a - 3); j < a && !lineStart; j++) {
            lineStart = t[j] == '\n';
        }
        if (lineStart) {
            f[k++] = mix(28, 0);
        }
        boolean sentence = !present(C - 1);
        if (!sentence) {
            int p = start[C - 1];
            sentence = end[C - 1] - p == 1 && ".!?:\"".indexOf(t[p]) >= 0;
            for (int j = end[C - 1]; j < a && !sentence; j++) {
                sentence = t[j] == '\n';
            }
        }
        if (sentence) {
            f[k++] = mix(29, 0);
            f[k++] = mix(30, w);
        }
        return k;
    }
}
