package io.airs.core.guardrail.secret;

/**
 * Scanners for secrets with a checkable structure: PEM private key blocks, JSON Web Tokens and
 * credentials in URLs. Each starts at a keyword occurrence found by the automaton.
 */
final class StructuredScanners {

    private static final int MAX_PEM = 64 * 1024;

    private StructuredScanners() {}

    /** {@code -----BEGIN ... PRIVATE KEY-----} through its END line; {@code at} is the first dash. */
    static void privateKey(String text, int at, Candidates out) {
        int n = text.length();
        int p = at + "-----begin".length();
        int limit = Math.min(n, p + 120);
        int k = -1;
        for (int i = p; i < limit; i++) {
            char c = text.charAt(i);
            if (SecretValues.regionMatchesLower(text, i, "private key")) {
                k = i;
                break;
            }
            if (!(c == ' ' || c == '_' || c == '-' || Character.isLetterOrDigit(c))) {
                return;
            }
        }
        if (k < 0) {
            return;
        }
        int q = k + "private key".length();
        if (SecretValues.regionMatchesLower(text, q, " block")) {
            q += " block".length();
        }
        if (!text.startsWith("-----", q)) {
            return;
        }
        q += 5;
        int searchEnd = Math.min(n, q + MAX_PEM);
        int endMarker = indexOfLower(text, "-----end", q, searchEnd);
        int bodyEnd = endMarker >= 0 ? endMarker : searchEnd;
        int base64 = 0;
        for (int i = q; i < bodyEnd; i++) {
            char c = text.charAt(i);
            if (isBase64(c)) {
                base64++;
            }
        }
        if (base64 < 64) {
            return;
        }
        int spanEnd;
        if (endMarker >= 0) {
            int close = text.indexOf("-----", endMarker + 8);
            spanEnd = close >= 0 && close - endMarker < 120 ? close + 5 : endMarker + 8;
            out.add("private-key", at, spanEnd, 0.99);
        } else {
            // A truncated block is still a leaked key; the span runs to the last body character.
            spanEnd = bodyEnd;
            while (spanEnd > q && !isBase64(text.charAt(spanEnd - 1))) {
                spanEnd--;
            }
            out.add("private-key", at, spanEnd, 0.9);
        }
    }

    /**
     * The private member of a JSON Web Key: after {@code "kty"}, a {@code "d"} (the RSA or EC private
     * exponent) or {@code "k"} (a symmetric key) holding base64url text. Public keys have neither.
     */
    static void jsonWebKey(String text, int at, Candidates out) {
        int n = text.length();
        int limit = Math.min(n, at + 4000);
        for (int i = at + 5; i + 4 < limit; i++) {
            char c = text.charAt(i);
            if (c == '"' && text.startsWith("kty\"", i + 1)) {
                return;
            }
            if (c != '"' || (text.charAt(i + 1) != 'd' && text.charAt(i + 1) != 'k') || text.charAt(i + 2) != '"') {
                continue;
            }
            int p = i + 3;
            while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p >= limit || text.charAt(p) != ':') {
                continue;
            }
            p++;
            while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p >= limit || text.charAt(p) != '"') {
                continue;
            }
            int vs = p + 1;
            int ve = scanBase64Url(text, vs);
            if (ve < n && text.charAt(ve) == '"' && ve - vs >= 16 && !SecretValues.isPlaceholder(text, vs, ve)) {
                out.add("jwk-private-key", vs, ve, 0.9);
                return;
            }
        }
    }

    /**
     * A JWT: three base64url parts whose first decodes to a JSON header naming an {@code alg}.
     * Returns the end of the token, or {@code at} when there is none.
     */
    static int jwt(String text, int at, Candidates out) {
        int n = text.length();
        if (at + 3 > n || text.charAt(at) != 'e' || text.charAt(at + 1) != 'y' || text.charAt(at + 2) != 'J') {
            return at;
        }
        if (at > 0 && isBase64Url(text.charAt(at - 1))) {
            return at;
        }
        int b = scanBase64Url(text, at);
        if (b - at < 10 || b >= n || text.charAt(b) != '.') {
            return at;
        }
        int d = scanBase64Url(text, b + 1);
        if (d - (b + 1) < 2 || d >= n || text.charAt(d) != '.') {
            return at;
        }
        int f = scanBase64Url(text, d + 1);
        while (f < n && text.charAt(f) == '=') {
            f++;
        }
        if (!text.startsWith("ey", b + 1) || !headerNamesAlg(text, at, b) || SecretValues.isPlaceholder(text, at, f)) {
            return at;
        }
        out.add("jwt", at, f, f - (d + 1) >= 16 ? 0.95 : 0.85);
        return f;
    }

    /** {@code scheme://user:password@host}; {@code at} is the colon of {@code ://}. */
    static void urlCredentials(String text, int at, Candidates out) {
        int n = text.length();
        int s = at;
        while (s > 0 && isSchemeChar(text.charAt(s - 1))) {
            s--;
        }
        if (at - s < 2 || !Character.isLetter(text.charAt(s))) {
            return;
        }
        int us = at + 3;
        int ue = us;
        int lastAt = -1;
        while (ue < n && ue - us < 256) {
            char c = text.charAt(ue);
            if (c == '/'
                    || c == '?'
                    || c == '#'
                    || Character.isWhitespace(c)
                    || c == '"'
                    || c == '\''
                    || c == '`'
                    || c == '<'
                    || c == '>'
                    || c == ')'
                    || c == '\\') {
                break;
            }
            if (c == '@') {
                lastAt = ue;
            }
            ue++;
        }
        if (lastAt < 0 || lastAt + 1 >= ue) {
            return;
        }
        int colon = SecretValues.indexOf(text, ':', us, lastAt);
        if (colon < 0) {
            return;
        }
        int ps = colon + 1;
        int pe = lastAt;
        if (pe - ps < 3 || SecretValues.isPlaceholder(text, ps, pe) || SecretValues.hasSequentialRun(text, ps, pe)) {
            return;
        }
        int classes = SecretValues.charClasses(text, ps, pe);
        out.add("connection-string-password", ps, pe, classes >= 2 ? 0.85 : 0.6);
    }

    static boolean headerNamesAlg(String text, int start, int end) {
        int len = Math.min(end - start, 1368);
        byte[] buf = new byte[len * 3 / 4 + 3];
        int o = io.airs.core.normalize.Base64Alphabet.decode(text, start, start + len, buf);
        if (o < 0) {
            return false;
        }
        if (o == 0 || buf[0] != '{') {
            return false;
        }
        for (int i = 0; i + 5 <= o; i++) {
            if (buf[i] == '"' && buf[i + 1] == 'a' && buf[i + 2] == 'l' && buf[i + 3] == 'g' && buf[i + 4] == '"') {
                return true;
            }
        }
        return false;
    }

    private static int scanBase64Url(String text, int from) {
        int i = from;
        while (i < text.length() && isBase64Url(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static int indexOfLower(String text, String lowerLiteral, int from, int to) {
        int last = Math.min(to, text.length()) - lowerLiteral.length();
        for (int i = from; i <= last; i++) {
            if (SecretValues.regionMatchesLower(text, i, lowerLiteral)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isBase64Url(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static boolean isSchemeChar(char c) {
        return (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '-'
                || c == '.';
    }
}
