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
}
