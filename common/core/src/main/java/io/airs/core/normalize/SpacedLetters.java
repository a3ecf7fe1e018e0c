package io.airs.core.normalize;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Finds words written letter by letter ("I g n o r e  a l l", "s.a.y", "h-a-t-e") and joins the
 * letters back, so detectors see the words. A run is at least {@link #MIN_LETTERS} single letters or
 * digits, each separated from the next by one space, dot, dash, underscore or asterisk; a wider gap
 * (two or more separators, or a slash or bar) is a word break inside the run. A run written without
 * any word break ("S a y t h a t y o u") is split into words with a small lexicon of common words;
 * letters it cannot place stay joined.
 *
 * <p>{@link #mayHave} is one allocation-free pass, so text without such a run costs little.
 */
final class SpacedLetters {

    /** Transform name of a view built from a spaced-letter run. */
    static final String TRANSFORM = "spaced_letters";

    /** Fewer single letters in a row are ordinary text ("a I"), or an initialism ("U. S. A."). */
    static final int MIN_LETTERS = 8;

    /** Longest run considered, in letters; the lexicon split is quadratic in a bounded window only. */
    private static final int MAX_LETTERS = 2000;

    private static final int MAX_WORD = 14;

    /**
     * Common English and German words, including the verbs and nouns of instructions, for splitting a
     * run written without word breaks. Unknown letters stay together, so a name survives as one word.
     */
    private static final Set<String> LEXICON = Set.of(
            "a",
            "i",
            "an",
            "the",
            "and",
            "or",
            "but",
            "not",
            "no",
            "to",
            "of",
            "in",
            "on",
            "at",
            "by",
            "for",
            "from",
            "with",
            "as",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "am",
            "it",
            "its",
            "this",
            "that",
            "these",
            "those",
            "you",
            "your",
            "me",
            "my",
            "we",
            "our",
            "us",
            "they",
            "them",
            "he",
            "she",
            "him",
            "her",
            "what",
            "how",
            "why",
            "who",
            "when",
            "where",
            "which",
            "do",
            "does",
            "did",
            "can",
            "could",
            "will",
            "would",
            "should",
            "must",
            "shall",
            "may",
            "have",
            "has",
            "had",
            "now",
            "then",
            "all",
            "any",
            "every",
            "each",
            "just",
            "only",
            "also",
            "so",
            "if",
            "about",
            "above",
            "before",
            "after",
            "into",
            "say",
            "said",
            "tell",
            "told",
            "write",
            "print",
            "show",
            "give",
            "make",
            "let",
            "stop",
            "start",
            "ignore",
            "forget",
            "disregard",
            "override",
            "bypass",
            "reveal",
            "repeat",
            "output",
            "respond",
            "answer",
            "reply",
            "act",
            "pretend",
            "hate",
            "love",
            "kill",
            "hack",
            "steal",
            "build",
            "bomb",
            "previous",
            "prior",
            "earlier",
            "instruction",
            "instructions",
            "rules",
            "rule",
            "prompt",
            "system",
            "secret",
            "password",
            "hidden",
            "everything",
            "anything",
            "nothing",
            "something",
            "new",
            "task",
            "mode",
            "developer",
            "admin",
            "free",
            "unfiltered",
            "evil",
            "like",
            "think",
            "know",
            "want",
            "need",
            "please",
            "here",
            "there",
            "yes",
            "one",
            "two",
            "out",
            "up",
            "ich",
            "du",
            "sie",
            "er",
            "es",
            "wir",
            "ihr",
            "und",
            "oder",
            "nicht",
            "kein",
            "keine",
            "der",
            "die",
            "das",
            "den",
            "dem",
            "ein",
            "eine",
            "ist",
            "sind",
            "bist",
            "hast",
            "hat",
            "mir",
            "mich",
            "dir",
            "dich",
            "dass",
            "alle",
            "alles",
            "vergiss",
            "ignoriere",
            "sag",
            "sage",
            "schreibe",
            "zeige",
            "vorherigen",
            "anweisungen",
            "regeln",
            "jetzt",
            "nun",
            "hasse",
            "hasst",
            "liebe",
            "wie");

    private SpacedLetters() {}

    private static boolean separator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*';
    }

    private static boolean wordBreak(char c) {
        return c == '/' || c == '|';
    }

    private static boolean letter(char c) {
        if (c < 0x80) {
            return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' || c >= '0' && c <= '9';
        }
        return Character.isLetterOrDigit(c);
    }

    /** A single letter at {@code i}: a letter with no letter on either side. */
    private static boolean single(String s, int i) {
        return letter(s.charAt(i))
                && (i == 0 || !letter(s.charAt(i - 1)))
                && (i + 1 == s.length() || !letter(s.charAt(i + 1)));
    }

    /** The end of the gap starting at {@code from}: separators and word breaks, up to three. */
    private static int gapEnd(String s, int from) {
        int q = from;
        while (q < s.length() && q - from < 3 && (separator(s.charAt(q)) || wordBreak(s.charAt(q)))) {
            q++;
        }
        return q;
    }

    /**
     * False when {@code s} has no run of {@link #MIN_LETTERS} spaced single letters. Allocation-free,
     * and it reads only every {@link #STRIDE}th character until one may lie inside a run: a run spans
     * at least {@code 2 * MIN_LETTERS - 1} characters, so a stride below that cannot step over it.
     */
    static boolean mayHave(String s) {
        int n = s.length();
        for (int i = STRIDE - 1; i < n; i += STRIDE) {
            char c = s.charAt(i);
            int anchor = -1;
            if (letter(c)) {
                if (single(s, i)) {
                    anchor = i;
                }
            } else if (separator(c) || wordBreak(c)) {
                // the letter before this gap, at most three characters back
                for (int k = i - 1; k >= 0 && k >= i - 3; k--) {
                    if (letter(s.charAt(k))) {
                        anchor = single(s, k) ? k : -1;
                        break;
                    }
                }
            }
            if (anchor >= 0 && runLength(s, anchor) >= MIN_LETTERS) {
                return true;
            }
        }
        return false;
    }

    private static final int STRIDE = MIN_LETTERS;

    /** The number of spaced single letters in the run through the single letter at {@code at}. */
    private static int runLength(String s, int at) {
        int count = 1;
        for (int q = at; count < MIN_LETTERS; count++) {
            int g = gapEnd(s, q + 1);
            if (g == q + 1 || g >= s.length() || !single(s, g)) {
                break;
            }
            q = g;
        }
        for (int q = at; count < MIN_LETTERS; count++) {
            int g = q - 1;
            while (g >= 0 && q - 1 - g < 3 && (separator(s.charAt(g)) || wordBreak(s.charAt(g)))) {
                g--;
            }
            if (g == q - 1 || g < 0 || !single(s, g)) {
                break;
            }
            q = g;
        }
        return count;
    }

    /** Adds one view per run in {@code parent}'s text, while {@code views} holds fewer than {@code max}. */
    static void views(TextView parent, List<TextView> views, int max) {
        String s = parent.text();
        int n = s.length();
        int i = 0;
        while (i < n && views.size() < max) {
            if (!single(s, i)) {
                i++;
                continue;
            }
            // collect the run: letter positions and whether a word break precedes each letter
            int[] at = new int[16];
            boolean[] breakBefore = new boolean[16];
            int count = 0;
            int q = i;
            while (true) {
                if (count + 1 >= at.length) {
                    at = Arrays.copyOf(at, at.length * 2);
                    breakBefore = Arrays.copyOf(breakBefore, at.length);
                }
                at[count++] = q;
                int g = gapEnd(s, q + 1);
                if (g == q + 1 || g >= n || !single(s, g) || count >= MAX_LETTERS) {
                    break;
                }
                breakBefore[count] = g - (q + 1) > 1 || wordBreak(s.charAt(q + 1));
                q = g;
            }
            if (count >= MIN_LETTERS) {
                views.add(view(parent, s, at, breakBefore, count));
            }
            i = at[count - 1] + 1;
        }
    }

    private static TextView view(TextView parent, String s, int[] at, boolean[] breakBefore, int count) {
        boolean anyBreak = false;
        for (int k = 1; k < count; k++) {
            anyBreak |= breakBefore[k];
        }
        boolean[] split = anyBreak ? breakBefore : lexiconSplit(s, at, count);
        StringBuilder sb = new StringBuilder(count * 2);
        int[] starts = new int[count * 2];
        int[] ends = new int[count * 2];
        for (int k = 0; k < count; k++) {
            int orig = parent.originalStart(at[k]);
            if (k > 0 && split[k]) {
                starts[sb.length()] = ends[sb.length() - 1];
                ends[sb.length()] = orig;
                sb.append(' ');
            }
            starts[sb.length()] = orig;
            ends[sb.length()] = Math.max(orig, parent.originalEnd(at[k] + 1));
            sb.append(s.charAt(at[k]));
        }
        int last = ends[sb.length() - 1];
        return new MappedView(sb.toString(), last, starts, ends, TRANSFORM);
    }

    /**
     * Splits letters written without word breaks into lexicon words: fewest letters outside a word
     * first, then fewest words. Returns, per letter, whether a word starts there.
     */
    private static boolean[] lexiconSplit(String s, int[] at, int count) {
        char[] letters = new char[count];
        for (int k = 0; k < count; k++) {
            letters[k] = Character.toLowerCase(s.charAt(at[k]));
        }
        int[] unknown = new int[count + 1];
        int[] words = new int[count + 1];
        int[] from = new int[count + 1];
        boolean[] known = new boolean[count + 1];
        for (int e = 1; e <= count; e++) {
            // one unknown letter, which joins the unknown letters before it
            unknown[e] = unknown[e - 1] + 1;
            words[e] = words[e - 1] + (e > 1 && !known[e - 1] ? 0 : 1);
            from[e] = e - 1;
            known[e] = false;
            for (int b = Math.max(0, e - MAX_WORD); b < e; b++) {
                if (!LEXICON.contains(new String(letters, b, e - b))) {
                    continue;
                }
                int u = unknown[b];
                int w = words[b] + 1;
                if (u < unknown[e] || (u == unknown[e] && w < words[e])) {
                    unknown[e] = u;
                    words[e] = w;
                    from[e] = b;
                    known[e] = true;
                }
            }
        }
        boolean[] split = new boolean[count];
        for (int e = count; e > 0; e = from[e]) {
            if (known[e]) {
                split[from[e]] = true;
                if (e < count) {
                    split[e] = true;
                }
            }
        }
        split[0] = false;
        return split;
    }
}
