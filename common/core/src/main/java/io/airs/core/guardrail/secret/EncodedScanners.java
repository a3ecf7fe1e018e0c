package io.airs.core.guardrail.secret;

import java.nio.charset.StandardCharsets;

/**
 * Scanners for secrets whose format is an encoding with a checkable structure: base64 text that
 * decodes to a PEM private key or a private JSON Web Key, base64 DER private keys, NATS NKEY seeds
 * and Discord bot tokens. Each starts at a keyword occurrence found by the automaton and decodes at
 * most one bounded run.
 */
final class EncodedScanners {

    /** The stable middle of {@code -----BEGIN} and {@code "kty"} base64-encoded at each byte offset. */
    static final String[] BASE64_MARKERS = {
        "ls0tls1crudjt", "0tls0tqkvhsu", "tls0tlujfr0lo", "imt0es", "jrdhki", "ia3r5i",
    };

    /**
     * Leading base64 of DER private keys, each with its offset from the start of the key: PKCS#1 RSA
     * ({@code SEQUENCE, INTEGER 0, INTEGER n}), PKCS#8 RSA, SEC1 EC P-256 and P-384, PKCS#8 Ed25519.
     */
    static final String[] DER_MARKERS = {
        "ibaak", "ibaaj", "ibadanbgkqhkig9w0baqef", "mhccaqeei", "migkagebbd", "mc4caqawbqydk2vw"
    };

    private static final int[] DER_OFFSETS = {6, 6, 6, 0, 0, 0};

    /** The fewest base64 characters each DER form takes: a 512-bit RSA key, a P-256, P-384 or Ed25519 key. */
    private static final int[] DER_MIN_CHARS = {400, 400, 400, 160, 200, 64};

    /** NKEY seed openings: {@code S}, the key type (operator, account, user, server, cluster, curve), {@code A}. */
    static final String[] NKEY_MARKERS = {"soa", "saa", "sua", "sna", "sca", "sxa"};

    private static final int MAX_RUN = 64 * 1024;
    private static final int NKEY_LENGTH = 58;

    private EncodedScanners() {}

    /**
     * Base64 that decodes to a PEM private key ({@code -----BEGIN ... PRIVATE KEY}) or to a JSON Web
     * Key holding a private member. Reports the whole encoded run. Returns the run's end so that
     * further markers inside it are skipped.
     */
    static int base64Key(String text, int at, Candidates out) {
        int s = at;
        while (s > 0 && isBase64(text.charAt(s - 1)) && at - s < MAX_RUN) {
            s--;
        }
        int e = runEnd(text, at);
        String decoded = decode(text, s, e);
        if (decoded == null) {
            return e;
        }
        int pem = decoded.indexOf("-----BEGIN");
        while (pem >= 0) {
            int priv = decoded.indexOf("PRIVATE", pem);
            int lineEnd = decoded.indexOf('\n', pem);
            if (priv >= 0 && priv < pem + 40 && (lineEnd < 0 || priv < lineEnd)) {
                out.add("private-key", s, e, 0.95);
                return e;
            }
            pem = decoded.indexOf("-----BEGIN", pem + 10);
        }
        if (decoded.contains("\"kty\"")) {
            Candidates inner = new Candidates();
            int k = decoded.indexOf("\"kty\"");
            while (k >= 0 && inner.items.isEmpty()) {
                StructuredScanners.jsonWebKey(decoded, k, inner);
                k = decoded.indexOf("\"kty\"", k + 5);
            }
            if (!inner.items.isEmpty()) {
                out.add("jwk-private-key", s, e, 0.9);
            }
        }
        return e;
    }

    /**
     * A base64 DER private key starting with one of {@link #DER_MARKERS} at its documented offset,
     * long enough for the smallest key of its kind; wrapped lines of base64 that follow belong to it.
     */
    static void derKey(String text, int at, int marker, Candidates out) {
        int s = at - DER_OFFSETS[marker];
        if (s < 0 || text.charAt(s) != 'M' || (s > 0 && isBase64(text.charAt(s - 1)))) {
            return;
        }
        for (int i = s; i < at; i++) {
            if (!isBase64(text.charAt(i))) {
                return;
            }
        }
        int e = runEnd(text, at);
        int chars = e - s;
        int last = e;
        // Wrapped continuation lines: a line break, indentation, then a line of base64 only.
        while (chars < MAX_RUN) {
            int p = last;
            if (p < text.length() && text.charAt(p) == '\r') {
                p++;
            }
            if (p >= text.length() || text.charAt(p) != '\n') {
                break;
            }
            p++;
            while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            int q = runEnd(text, p);
            if (q - p < 16 || (q < text.length() && text.charAt(q) != '\n' && text.charAt(q) != '\r')) {
                break;
            }
            chars += q - p;
            last = q;
        }
        if (chars < DER_MIN_CHARS[marker] || SecretValues.entropy(text, s, e) < 4.0) {
            return;
        }
        out.add("private-key", s, last, 0.9);
    }

    /**
     * A NATS NKEY seed: {@code S}, the key type letter and {@code A}, then base32 to 58 characters in
     * all, ending in a CRC-16 of the rest. A seed of that exact shape whose checksum does not hold
     * (a hand-edited or truncated copy) scores lower.
     */
    static void nkeySeed(String text, int at, Candidates out) {
        int n = text.length();
        int e = at + NKEY_LENGTH;
        if (text.charAt(at) != 'S' || e > n || (at > 0 && Character.isLetterOrDigit(text.charAt(at - 1)))) {
            return;
        }
        if (e < n && Character.isLetterOrDigit(text.charAt(e))) {
            return;
        }
        byte[] raw = new byte[NKEY_LENGTH * 5 / 8];
        int acc = 0;
        int bits = 0;
        int o = 0;
        for (int i = at; i < e; i++) {
            char c = text.charAt(i);
            int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
            if (v < 0) {
                return;
            }
            acc = (acc << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                raw[o++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        if (o != raw.length) {
            return;
        }
        int stored = (raw[o - 2] & 0xFF) | (raw[o - 1] & 0xFF) << 8;
        boolean valid = crc16(raw, o - 2) == stored;
        if (!valid && SecretValues.entropy(text, at + 3, e) < 4.0) {
            return;
        }
        out.add("nkey-seed", at, e, valid ? 0.95 : 0.7);
    }

    /**
     * A Discord bot token: the bot's user id (a snowflake of 17 to 20 digits) in base64, a six
     * character timestamp and an HMAC of 27 to 38 characters, joined by dots. {@code dot} is the
     * first dot; the six characters up to the second are tested first, so ordinary dots cost one
     * comparison.
     */
    static void discordBotToken(String text, int dot, Candidates out) {
        int n = text.length();
        if (dot + 7 >= n || text.charAt(dot + 7) != '.' || dot < 23) {
            return;
        }
        for (int i = dot + 1; i < dot + 7; i++) {
            if (!StructuredScanners.isBase64Url(text.charAt(i))) {
                return;
            }
        }
        int s = dot;
        while (s > 0 && StructuredScanners.isBase64Url(text.charAt(s - 1)) && dot - s <= 28) {
            s--;
        }
        int idLength = dot - s;
        if (idLength < 23 || idLength > 27 || (s > 0 && isTokenChar(text.charAt(s - 1)))) {
            return;
        }
        int e = dot + 8;
        while (e < n && StructuredScanners.isBase64Url(text.charAt(e)) && e - dot <= 50) {
            e++;
        }
        int hmac = e - (dot + 8);
        if (hmac < 27 || hmac > 38 || (e < n && isTokenChar(text.charAt(e)))) {
            return;
        }
        String id = decode(text, s, dot);
        if (id == null || id.length() < 17 || id.length() > 20 || id.charAt(0) == '0') {
            return;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < '0' || id.charAt(i) > '9') {
                return;
            }
        }
        if (SecretValues.charClasses(text, dot + 8, e) < 2) {
            return;
        }
        out.add("discord-bot-token", s, e, 0.9);
    }

    private static boolean isTokenChar(char c) {
        return StructuredScanners.isBase64Url(c) || c == '.' || c == '+' || c == '/';
    }

    private static int runEnd(String text, int from) {
        int e = from;
        int limit = Math.min(text.length(), from + MAX_RUN);
        while (e < limit && isBase64(text.charAt(e))) {
            e++;
        }
        while (e < text.length() && text.charAt(e) == '=' && e < limit + 2) {
            e++;
        }
        return e;
    }

    /** Decodes standard or URL-safe base64 in {@code [s, e)} as Latin-1 text; null when it is not base64. */
    static String decode(String text, int s, int e) {
        while (e > s && text.charAt(e - 1) == '=') {
            e--;
        }
        byte[] buf = new byte[(e - s) * 3 / 4 + 1];
        int o = io.airs.core.normalize.Base64Alphabet.decode(text, s, e, buf);
        return o < 0 ? null : new String(buf, 0, o, StandardCharsets.ISO_8859_1);
    }

    private static boolean isBase64(char c) {
        return io.airs.core.normalize.Base64Alphabet.value(c) >= 0;
    }

    /** CRC-16/XMODEM (polynomial 0x1021, initial 0), as NKEYs append it. */
    private static int crc16(byte[] data, int length) {
        int crc = 0;
        for (int i = 0; i < length; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int b = 0; b < 8; b++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }
}
