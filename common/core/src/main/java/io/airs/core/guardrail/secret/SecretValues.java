package io.airs.core.guardrail.secret;

import io.airs.core.guardrail.text.KeywordAutomaton;
import java.util.Locale;
import java.util.Set;

/** Tests on candidate secret values: entropy, character classes, placeholders and fake patterns. */
final class SecretValues {

    /** Words that stand for a value rather than being one. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of(
            "password",
            "passwd",
            "pass",
            "pwd",
            "secret",
            "token",
            "key",
            "apikey",
            "api_key",
            "changeme",
            "change_me",
            "changeit",
            "null",
            "none",
            "nil",
            "true",
            "false",
            "yes",
            "no",
            "undefined",
            "empty",
            "string",
            "str",
            "value",
            "required",
            "optional",
            "default",
            "hidden",
            "redacted",
            "masked",
            "removed",
            "example",
            "sample",
            "dummy",
            "placeholder",
            "test",
            "todo",
            "tbd",
            "unknown",
            "foobar",
            "foo",
            "bar");

    /** Fragments that mark documentation or masked values in any position. */
    private static final String[] PLACEHOLDER_FRAGMENTS = {
        "example",
        "placeholder",
        "your_",
        "your-",
        "yourkey",
        "yourtoken",
        "yourpass",
        "_here",
        "-here",
        "<",
        ">",
        "${",
        "{{",
        "}}",
        "$(",
        "xxxx",
        "****",
        "....",
        "…",
        "redacted",
        "dummy",
        "sample",
        "not-a-",
        "not_a_",
        "fake"
    };

    private SecretValues() {}

    /** Shannon entropy of {@code s[start, end)} in bits per character. */
    static double entropy(CharSequence s, int start, int end) {
        int n = end - start;
        if (n <= 0) {
            return 0.0;
        }
        int[] counts = new int[256];
        for (int i = start; i < end; i++) {
            counts[s.charAt(i) & 0xFF]++;
        }
        double h = 0.0;
        for (int c : counts) {
            if (c > 0) {
                double p = (double) c / n;
                h -= p * (Math.log(p) / Math.log(2));
            }
        }
        return h;
    }

    /** How many of lower case, upper case, digits and other printable characters occur (0-4). */
    static int charClasses(CharSequence s, int start, int end) {
        boolean lower = false;
        boolean upper = false;
        boolean digit = false;
        boolean other = false;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else {
                other = true;
            }
        }
        return (lower ? 1 : 0) + (upper ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    static boolean hasDigit(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the value is a stand-in rather than a credential: a variable reference, a template, a
     * mask, a word such as {@code changeme}, one repeated character, or documentation text.
     */
    static boolean isPlaceholder(CharSequence s, int start, int end) {
        int n = end - start;
        if (n == 0) {
            return true;
        }
        char first = s.charAt(start);
        if (first == '$' || first == '<' || first == '{' || first == '[' || first == '(' || first == '@') {
            return true;
        }
        if (first == '%' && indexOf(s, '%', start + 1, end) >= 0) {
            return true;
        }
        boolean allSame = true;
        for (int i = start + 1; i < end; i++) {
            if (s.charAt(i) != first) {
                allSame = false;
                break;
            }
        }
        if (allSame) {
            return true;
        }
        String lower = s.subSequence(start, end).toString().toLowerCase(Locale.ROOT);
        if (PLACEHOLDER_WORDS.contains(lower)) {
            return true;
        }
        for (String f : PLACEHOLDER_FRAGMENTS) {
            if (lower.contains(f)) {
                return true;
            }
        }
        int stars = 0;
        for (int i = start; i < end; i++) {
            if (s.charAt(i) == '*') {
                stars++;
            }
        }
        return stars >= 3;
    }

    /**
     * Whether the value holds a run of six or more consecutive ascending or descending characters
     * ({@code 123456}, {@code abcdef}, {@code 987654}), the mark of a hand-made sample key.
     */
    static boolean hasSequentialRun(CharSequence s, int start, int end) {
        int up = 1;
        int down = 1;
        for (int i = start + 1; i < end; i++) {
            char a = Character.toLowerCase(s.charAt(i - 1));
            char b = Character.toLowerCase(s.charAt(i));
            boolean alnum = Character.isLetterOrDigit(a) && Character.isLetterOrDigit(b);
            up = alnum && b == a + 1 ? up + 1 : 1;
            down = alnum && b == a - 1 ? down + 1 : 1;
            if (up >= 6 || down >= 6) {
                return true;
            }
        }
        return false;
    }

    /** Whether the value is a UUID (8-4-4-4-12 hex digits). */
    static boolean isUuid(CharSequence s, int start, int end) {
        if (end - start != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(start + i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return false;
                }
            } else if (Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value is only hex digits. */
    static boolean isHex(CharSequence s, int start, int end) {
        for (int i = start; i < end; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return end > start;
    }

    /**
     * Whether an unquoted value reads as code rather than a literal: a dotted name, a call, or a plain
     * word or snake_case name with no digit.
     */
    static boolean looksLikeCode(CharSequence s, int start, int end) {
        boolean digit = false;
        boolean onlyNameChars = true;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '(' || c == '[') {
                return true;
            }
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(Character.isLetter(c) || c == '_' || c == '.' || c == '-')) {
                onlyNameChars = false;
            }
        }
        return onlyNameChars && !digit;
    }

    /**
     * Whether the value has the shape of a licence or product key: three or more equal-length groups
     * of 4 to 8 upper-case letters or digits joined by dashes ({@code ABCDE-FGHIJ-KLMNO-PQRST}).
     */
    static boolean isGroupedKey(CharSequence s, int start, int end) {
        int groups = 0;
        int width = -1;
        int run = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? s.charAt(i) : '-';
            if (c == '-') {
                if (run < 4 || run > 8 || (width >= 0 && run != width)) {
                    return false;
                }
                width = run;
                run = 0;
                groups++;
            } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                run++;
            } else {
                return false;
            }
        }
        return groups >= 3;
    }

    static int indexOf(CharSequence s, char c, int from, int end) {
        for (int i = from; i < end; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code s} has {@code lowerLiteral} at {@code at}, ignoring ASCII case. */
    static boolean regionMatchesLower(CharSequence s, int at, String lowerLiteral) {
        if (at < 0 || at + lowerLiteral.length() > s.length()) {
            return false;
        }
        for (int i = 0; i < lowerLiteral.length(); i++) {
            if (KeywordAutomaton.lower(s.charAt(at + i)) != lowerLiteral.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
