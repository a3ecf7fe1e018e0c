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

    /**
     * Decodes {@code text[from, to)} (no padding, either alphabet) into {@code out}, as far as it has
     * room; returns the number of bytes written, or -1 at the first character that is not base64.
     */
    public static int decode(CharSequence text, int from, int to, byte[] out) {
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (int i = from; i < to && o < out.length; i++) {
            int v = value(text.charAt(i));
            if (v < 0) {
                return -1;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[o++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return o;
    }
}
