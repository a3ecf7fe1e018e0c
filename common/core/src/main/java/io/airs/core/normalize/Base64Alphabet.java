package io.airs.core.normalize;

/** The base64 alphabets, standard ({@code +/}) and URL-safe ({@code -_}), read as one. */
public final class Base64Alphabet {

    private Base64Alphabet() {}

    /** The six-bit value of a base64 character of either alphabet, or -1 when it is none. */
    public static int value(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '+' || c == '-') {
            return 62;
        }
        if (c == '/' || c == '_') {
            return 63;
        }
        return -1;
    }
}
