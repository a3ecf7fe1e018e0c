package io.airs.core.guardrail.injection;

/** Character classes shared by the trie walk and the phrase confirmation. */
final class Chars {

    private Chars() {}

    /** Case-folds one UTF-16 unit; typographic apostrophes fold to the ASCII one. */
    static char fold(char c) {
        if (c < 128) {
            return (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        }
        if (c == '\u2019' || c == '\u2018' || c == '\u02bc') {
            return '\'';
        }
        return Character.toLowerCase(c);
    }

    static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        }
        return Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK;
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u02bc';
    }

    /**
     * Whether the unit at {@code i} belongs to a word. An apostrophe counts when it sits between two
     * letters, so "don't" is one word while a quoted 'word' is not glued to its quotes.
     */
    static boolean isWordAt(String s, int i) {
        if (i < 0 || i >= s.length()) {
            return false;
        }
        char c = s.charAt(i);
        if (c < 128) {
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                return true;
            }
            if (c != '\'') {
                return false;
            }
        } else if (isWordChar(c)) {
            return true;
        }
        return isApostrophe(c)
                && i > 0
                && i + 1 < s.length()
                && Character.isLetter(s.charAt(i - 1))
                && Character.isLetter(s.charAt(i + 1));
    }

    /** Ends a clause: a phrase is never confirmed across it. */
    static boolean isClauseBreak(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\n' || c == ';' || c == '\u3002';
    }

    /**
     * Whether the word at {@code i} opens a sentence: before it, past white space, quotes, brackets
     * and list markers, comes the start of the text, a line break, or sentence-ending
     * punctuation followed by white space. Looks back a bounded distance.
     */
    static boolean opensSentence(String s, int i) {
        int q = i - 1;
        int limit = Math.max(-1, i - 24);
        while (q > limit) {
            char c = s.charAt(q);
            if (c == '\n' || c == '\r') {
                return true;
            }
            if (c == '.' || c == '!' || c == '?' || c == ':' || c == '\u3002') {
                return q + 1 < s.length() && Character.isWhitespace(s.charAt(q + 1));
            }
            if (Character.isWhitespace(c)
                    || c == '"'
                    || c == '\''
                    || c == '\u201c'
                    || c == '\u201d'
                    || c == '\u2018'
                    || c == '\u2019'
                    || c == '('
                    || c == '['
                    || c == '*'
                    || c == '-'
                    || c == '>'
                    || c == '#'
                    || c == '|') {
                q--;
                continue;
            }
            return false;
        }
        return q < 0;
    }

    /** Bound on how far a span is widened to its sentence, each way. */
    private static final int MAX_SENTENCE = 400;

    /** Bound on the fenced code block that a sentence ending in a colon is widened over. */
    private static final int MAX_FENCE = 4000;

    /** The start of the sentence holding {@code i}: just after the previous sentence end or line break. */
    static int sentenceStart(String s, int i) {
        int limit = Math.max(0, i - MAX_SENTENCE);
        int q = i;
        while (q > limit) {
            char c = s.charAt(q - 1);
            if (c == '\n' || (endsSentence(c) && q < s.length() && Character.isWhitespace(s.charAt(q)))) {
                break;
            }
            q--;
        }
        while (q < i && Character.isWhitespace(s.charAt(q))) {
            q++;
        }
        return q;
    }

    /**
     * The end of the sentence holding {@code i}, its closing punctuation included. A sentence that ends
     * in a colon and introduces a fenced code block ("merge the following code:") runs to the fence's
     * end, since the block is part of what it asks for.
     */
    static int sentenceEnd(String s, int i) {
        int n = s.length();
        int limit = Math.min(n, i + MAX_SENTENCE);
        int q = i;
        while (q < limit) {
            char c = s.charAt(q);
            if (c == '\n') {
                break;
            }
            if (endsSentence(c) && (q + 1 == n || Character.isWhitespace(s.charAt(q + 1)))) {
                q++;
                break;
            }
            q++;
        }
        int e = q;
        while (e > i && Character.isWhitespace(s.charAt(e - 1))) {
            e--;
        }
        if (e > 0 && s.charAt(e - 1) == ':') {
            int fence = q;
            while (fence < n && Character.isWhitespace(s.charAt(fence))) {
                fence++;
            }
            if (s.startsWith("```", fence)) {
                int close = s.indexOf("```", fence + 3);
                if (close > 0 && close - fence <= MAX_FENCE) {
                    return close + 3;
                }
            }
        }
        return e;
    }

    private static boolean endsSentence(char c) {
        return c == '.' || c == '!' || c == '?' || c == '\u3002';
    }
}
