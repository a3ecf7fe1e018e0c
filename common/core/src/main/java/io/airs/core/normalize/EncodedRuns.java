package io.airs.core.normalize;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Finds encoded runs in text and decodes them. One linear pass with no allocation until a candidate
 * is found; candidates are deliberately generous (any long mixed-case base64-alphabet token, any long
 * hex token, any cluster of escapes) because {@link #decode} plus the text-likeness test is what
 * rejects identifiers, hashes and keys.
 */
final class EncodedRuns {

    /** The kind of encoding a run uses, and the transform name its decoded view reports. */
    enum Kind {
        BASE64("base64"),
        HEX("hex"),
        HEX_PAIRS("hex"),
        HEX_ESCAPE("hex"),
        URL("url"),
        HTML_ENTITY("html_entity"),
        UNICODE_ESCAPE("unicode_escape");

        final String transform;

        Kind(String transform) {
            this.transform = transform;
        }
    }

    /** An encoded run over {@code [start, end)} of the scanned text. */
    record Run(Kind kind, int start, int end) {}

    /** Escapes further apart than this (in plain characters) belong to different clusters. */
    static final int MAX_ESCAPE_GAP = 16;

    /** Bounds the candidate list on hostile input; real payloads come long before this. */
    static final int MAX_RUNS = 256;

    private static final int URL = 0;
    private static final int HTML = 1;
    private static final int UNI = 2;
    private static final int XESC = 3;

    private final int minBase64;
    private final int minHex;
    private final int minEscapes;

    EncodedRuns(int minBase64, int minHex, int minEscapes) {
        this.minBase64 = minBase64;
        this.minHex = minHex;
        this.minEscapes = minEscapes;
    }

    /**
     * A cheap, allocation-free test that {@link #scan} would find nothing: false only when {@code s}
     * has no escape, no token long enough to be base64 or hex, and no row of enough hex byte pairs.
     */
    boolean mayHaveRuns(String s) {
        int minToken = Math.min(minBase64, minHex);
        int n = s.length();
        int tokLen = 0;
        int hexPairs = 0;
        boolean tokHex = true;
        byte[] classes = ASCII_CLASSES;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int cls = c < 128 ? classes[c] : 0;
            if (cls != 0) {
                tokHex &= cls == HEX_CLASS || (tokLen == 1 && (c | 0x20) == 'x');
                tokLen++;
                continue;
            }
            if (tokLen >= minToken) {
                return true;
            }
            if (tokHex && (tokLen == 2 || tokLen == 4)) {
                if (++hexPairs * 2 >= minHex) {
                    return true;
                }
            } else if (tokLen > 0) {
                // spaced hex pairs only count in an unbroken row ("de ad be ef"); a word in between
                // ends the row, so "94" and "be" scattered over ordinary prose do not add up
                hexPairs = 0;
            }
            tokLen = 0;
            tokHex = true;
            if (c == '%' || c == '&' || c == '\\') {
                if (i + 2 < n
                        && (isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2)) && c == '%'
                                || c == '&' && s.charAt(i + 1) == '#'
                                || c == '\\' && (s.charAt(i + 1) == 'u' || s.charAt(i + 1) == 'x'))) {
                    return true;
                }
            }
        }
        return tokLen >= minToken || (tokHex && (tokLen == 2 || tokLen == 4) && ++hexPairs * 2 >= minHex);
    }

    /** Candidate runs in {@code s}, in order of start; an empty immutable list when there are none. */
    List<Run> scan(String s) {
        Scan sc = new Scan(s);
        sc.run();
        if (sc.runs == null) {
            return List.of();
        }
        if (sc.runs.size() > 1) {
            sc.runs.sort(Comparator.comparingInt(Run::start));
        }
        return sc.runs;
    }

    /** One scan's state. */
    private final class Scan {
        final String s;
        final int n;
        List<Run> runs;
        int[] clStart;
        int[] clLast;
        int[] clCount;
        int pairStart = -1;
        int pairEnd = -1;
        int pairCount;
        boolean pairLetter;

        Scan(String s) {
            this.s = s;
            this.n = s.length();
        }

        void run() {
            int tokStart = -1;
            boolean upper = false;
            boolean lower = false;
            boolean allHex = true;
            boolean hexLetter = false;
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (isBase64Char(c)) {
                    if (tokStart < 0) {
                        tokStart = i;
                        upper = false;
                        lower = false;
                        allHex = true;
                        hexLetter = false;
                    }
                    if (c >= 'A' && c <= 'Z') {
                        upper = true;
                        hexLetter |= c <= 'F';
                        allHex &= c <= 'F';
                    } else if (c >= 'a' && c <= 'z') {
                        lower = true;
                        hexLetter |= c <= 'f';
                        allHex &= c <= 'f';
                    } else if (c > '9' || c < '0') {
                        allHex = false;
                    }
                    i++;
                    continue;
                }
                if (tokStart >= 0) {
                    int padEnd = i;
                    while (padEnd < n && padEnd - i < 2 && s.charAt(padEnd) == '=') {
                        padEnd++;
                    }
                    token(tokStart, i, padEnd, upper, lower, allHex, hexLetter);
                    tokStart = -1;
                    if (padEnd > i) {
                        i = padEnd;
                        continue;
                    }
                }
                i = escape(c, i);
            }
            if (tokStart >= 0) {
                token(tokStart, n, n, upper, lower, allHex, hexLetter);
            }
            flushPairs();
            if (clCount != null) {
                for (int k = 0; k < 4; k++) {
                    flushCluster(k);
                }
            }
        }

        /** Handles a possible escape at {@code i}; returns where scanning continues. */
        private int escape(char c, int i) {
            if (c == '%') {
                if (i + 2 < n && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                    cluster(URL, i, i + 3);
                    return i + 3;
                }
            } else if (c == '&') {
                int end = htmlEntityEnd(s, i);
                if (end > 0) {
                    cluster(HTML, i, end);
                    return end;
                }
            } else if (c == '\\' && i + 1 < n) {
                char k = s.charAt(i + 1);
                if (k == 'u' && hexDigits(s, i + 2, 4)) {
                    cluster(UNI, i, i + 6);
                    return i + 6;
                }
                if (k == 'x' && hexDigits(s, i + 2, 2)) {
                    cluster(XESC, i, i + 4);
                    return i + 4;
                }
            }
            return i + 1;
        }

        private void token(
                int start, int end, int padEnd, boolean upper, boolean lower, boolean allHex, boolean hexLetter) {
            int len = end - start;
            boolean prefixed = len > 2 && s.charAt(start) == '0' && (s.charAt(start + 1) | 0x20) == 'x';
            boolean restHex = false;
            boolean restLetter = false;
            if (prefixed) {
                restHex = true;
                for (int k = start + 2; k < end && restHex; k++) {
                    char c = s.charAt(k);
                    restHex = isHex(c);
                    restLetter |= c > '9';
                }
            }
            if ((len == 2 && allHex) || (len == 4 && prefixed && restHex)) {
                pair(start, end, prefixed ? restLetter : hexLetter);
                return;
            }
            if (allHex && hexLetter && len >= minHex && (len & 1) == 0) {
                add(new Run(Kind.HEX, start, end));
            } else if (prefixed && restHex && restLetter && len - 2 >= minHex && (len & 1) == 0) {
                add(new Run(Kind.HEX, start, end));
            } else if (upper && lower && len >= minBase64) {
                add(new Run(Kind.BASE64, start, padEnd));
            }
        }

        private void pair(int start, int end, boolean letter) {
            if (pairCount > 0 && pairGap(pairEnd, start)) {
                pairCount++;
                pairEnd = end;
                pairLetter |= letter;
                return;
            }
            flushPairs();
            pairStart = start;
            pairEnd = end;
            pairCount = 1;
            pairLetter = letter;
        }

        private boolean pairGap(int from, int to) {
            int gap = to - from;
            if (gap < 1 || gap > 3) {
                return false;
            }
            for (int k = from; k < to; k++) {
                char c = s.charAt(k);
                if (c != ' ' && c != ',' && c != ':' && c != ';' && c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            }
            return true;
        }

        private void flushPairs() {
            // hex byte pairs without any a-f digit are more likely a table of numbers than a payload
            if (pairCount > 0 && pairCount * 2 >= minHex && pairLetter) {
                add(new Run(Kind.HEX_PAIRS, pairStart, pairEnd));
            }
            pairCount = 0;
        }

        private void cluster(int kind, int start, int end) {
            if (clCount == null) {
                clStart = new int[4];
                clLast = new int[4];
                clCount = new int[4];
            }
            if (clCount[kind] > 0 && start - clLast[kind] <= MAX_ESCAPE_GAP) {
                clCount[kind]++;
                clLast[kind] = end;
                return;
            }
            flushCluster(kind);
            clStart[kind] = start;
            clLast[kind] = end;
            clCount[kind] = 1;
        }

        private void flushCluster(int kind) {
            if (clCount[kind] >= minEscapes) {
                // the plain characters around the escapes belong to the same encoded word
                int start = clStart[kind];
                int limit = Math.max(0, start - MAX_ESCAPE_GAP);
                while (start > limit && !Character.isWhitespace(s.charAt(start - 1))) {
                    start--;
                }
                int end = clLast[kind];
                int endLimit = Math.min(n, end + MAX_ESCAPE_GAP);
                while (end < endLimit && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                Kind k = switch (kind) {
                    case URL -> Kind.URL;
                    case HTML -> Kind.HTML_ENTITY;
                    case UNI -> Kind.UNICODE_ESCAPE;
                    default -> Kind.HEX_ESCAPE;
                };
                add(new Run(k, start, end));
            }
            clCount[kind] = 0;
        }

        private void add(Run r) {
            if (runs == null) {
                runs = new ArrayList<>(4);
            }
            if (runs.size() < MAX_RUNS) {
                runs.add(r);
            }
        }
    }

    /**
     * Decodes {@code run} of {@code s} into at most {@code maxOut} characters; null when it does not
     * decode to text with at least {@code minPrintable} printable characters and some letters.
     */
    static String decode(String s, Run run, int maxOut, double minPrintable) {
        if (maxOut <= 0 || !plausibleText(s, run, minPrintable)) {
            return null;
        }
        String text = switch (run.kind()) {
            case BASE64 -> utf8(base64(s, run.start(), run.end(), maxOut));
            case HEX, HEX_PAIRS -> utf8(hex(s, run.start(), run.end(), maxOut));
            case HEX_ESCAPE, URL -> utf8(escapedBytes(s, run, maxOut));
            case HTML_ENTITY -> htmlEntities(s, run.start(), run.end(), maxOut);
            case UNICODE_ESCAPE -> unicodeEscapes(s, run.start(), run.end(), maxOut);
        };
        if (text.length() > maxOut) {
            text = text.substring(0, maxOut);
        }
        return textLike(text, minPrintable) ? text : null;
    }

    /** Bytes of a base64 or hex run that {@link #plausibleText} looks at before decoding it all. */
    private static final int SNIFF_BYTES = 24;

    /**
     * Decodes the first bytes of a base64 or hex run without allocating and rejects the run when they
     * are clearly not UTF-8 text. Identifiers, hashes and keys decode to bytes that look random, and
     * random bytes fail within a few bytes, so most candidates cost only this.
     */
    static boolean plausibleText(String s, Run run, double minPrintable) {
        boolean b64 = run.kind() == Kind.BASE64;
        if (!b64 && run.kind() != Kind.HEX && run.kind() != Kind.HEX_PAIRS) {
            return true;
        }
        int count = 0;
        int bad = 0;
        int pending = 0;
        int acc = 0;
        int bits = 0;
        int end = run.end();
        int i = run.start();
        while (i < end && count < SNIFF_BYTES) {
            int b;
            if (b64) {
                int v = base64Value(s.charAt(i++));
                if (v < 0) {
                    continue;
                }
                acc = (acc << 6) | v;
                bits += 6;
                if (bits < 8) {
                    continue;
                }
                bits -= 8;
                b = (acc >> bits) & 0xFF;
                acc &= (1 << bits) - 1;
            } else {
                char c = s.charAt(i);
                if (c == '0' && i + 2 < end && (s.charAt(i + 1) | 0x20) == 'x') {
                    i += 2;
                    continue;
                }
                if (i + 1 >= end || !isHex(c) || !isHex(s.charAt(i + 1))) {
                    i++;
                    continue;
                }
                b = (hexValue(c) << 4) | hexValue(s.charAt(i + 1));
                i += 2;
            }
            count++;
            if (pending > 0) {
                if ((b & 0xC0) == 0x80) {
                    pending--;
                    continue;
                }
                bad++;
                pending = 0;
            }
            if (b < 0x80) {
                if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                    bad++;
                }
            } else if (b >= 0xC2 && b <= 0xDF) {
                pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                pending = 2;
            } else if (b >= 0xF0 && b <= 0xF4) {
                pending = 3;
            } else {
                bad++;
            }
        }
        return count > 0 && bad <= (1.0 - minPrintable) * count + 1;
    }

    /**
     * Whether {@code t} reads as text: enough printable characters (invalid UTF-8, controls, private
     * use and unassigned code points are not) and at least one letter.
     */
    static boolean textLike(String t, double minPrintable) {
        int total = 0;
        int printable = 0;
        int letters = 0;
        for (int i = 0; i < t.length(); ) {
            int cp = t.codePointAt(i);
            i += Character.charCount(cp);
            total++;
            if (cp == '\n' || cp == '\r' || cp == '\t') {
                printable++;
                continue;
            }
            int type = Character.getType(cp);
            if (cp == 0xFFFD
                    || type == Character.CONTROL
                    || type == Character.UNASSIGNED
                    || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE) {
                continue;
            }
            printable++;
            if (Character.isLetter(cp)) {
                letters++;
            }
        }
        return total > 0 && letters > 0 && printable >= minPrintable * total;
    }

    private static ByteSlice base64(String s, int start, int end, int maxOut) {
        byte[] out = new byte[Math.min(maxOut, (end - start) * 3 / 4 + 3)];
        int len = 0;
        int acc = 0;
        int bits = 0;
        for (int i = start; i < end && len < out.length; i++) {
            int v = base64Value(s.charAt(i));
            if (v < 0) {
                continue;
            }
            acc = (acc << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out[len++] = (byte) (acc >> bits);
                acc &= (1 << bits) - 1;
            }
        }
        return new ByteSlice(out, len);
    }

    private static ByteSlice hex(String s, int start, int end, int maxOut) {
        byte[] out = new byte[Math.min(maxOut, (end - start) / 2 + 1)];
        int len = 0;
        int i = start;
        while (i + 1 < end && len < out.length) {
            char c = s.charAt(i);
            if (c == '0' && i + 2 < end && (s.charAt(i + 1) | 0x20) == 'x') {
                i += 2;
                continue;
            }
            if (!isHex(c) || !isHex(s.charAt(i + 1))) {
                i++;
                continue;
            }
            out[len++] = (byte) ((hexValue(c) << 4) | hexValue(s.charAt(i + 1)));
            i += 2;
        }
        return new ByteSlice(out, len);
    }

    private static ByteSlice escapedBytes(String s, Run run, int maxOut) {
        boolean url = run.kind() == Kind.URL;
        int start = run.start();
        int end = run.end();
        byte[] out = new byte[Math.min(maxOut, (end - start) * 3)];
        int len = 0;
        int i = start;
        while (i < end && len + 3 < out.length) {
            char c = s.charAt(i);
            if (url && c == '%' && i + 2 < end && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out[len++] = (byte) ((hexValue(s.charAt(i + 1)) << 4) | hexValue(s.charAt(i + 2)));
                i += 3;
            } else if (!url && c == '\\' && i + 3 < end && s.charAt(i + 1) == 'x' && hexDigits(s, i + 2, 2)) {
                out[len++] = (byte) ((hexValue(s.charAt(i + 2)) << 4) | hexValue(s.charAt(i + 3)));
                i += 4;
            } else if (url && c == '+') {
                out[len++] = ' ';
                i++;
            } else if (c < 0x80) {
                out[len++] = (byte) c;
                i++;
            } else {
                // plain non-ASCII text between escapes: keep it as its UTF-8 bytes
                int cp = s.codePointAt(i);
                int n = Character.charCount(cp);
                byte[] b = s.substring(i, Math.min(end, i + n)).getBytes(StandardCharsets.UTF_8);
                int copy = Math.min(b.length, out.length - len);
                System.arraycopy(b, 0, out, len, copy);
                len += copy;
                i += n;
            }
        }
        return new ByteSlice(out, len);
    }

    private static String htmlEntities(String s, int start, int end, int maxOut) {
        StringBuilder sb = new StringBuilder(Math.min(maxOut, end - start));
        int i = start;
        while (i < end && sb.length() < maxOut) {
            char c = s.charAt(i);
            int e = c == '&' ? htmlEntityEnd(s, i) : -1;
            if (e > 0 && e <= end) {
                boolean hexForm = (s.charAt(i + 2) | 0x20) == 'x';
                int j = hexForm ? i + 3 : i + 2;
                int cp = 0;
                while (j < e && s.charAt(j) != ';') {
                    cp = cp * (hexForm ? 16 : 10) + hexValue(s.charAt(j));
                    j++;
                }
                if (cp > 0 && cp <= Character.MAX_CODE_POINT && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                    sb.appendCodePoint(cp);
                } else {
                    sb.append('\uFFFD');
                }
                i = e;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static String unicodeEscapes(String s, int start, int end, int maxOut) {
        StringBuilder sb = new StringBuilder(Math.min(maxOut, end - start));
        int i = start;
        while (i < end && sb.length() < maxOut) {
            char c = s.charAt(i);
            if (c == '\\' && i + 6 <= end && s.charAt(i + 1) == 'u' && hexDigits(s, i + 2, 4)) {
                int v = 0;
                for (int k = i + 2; k < i + 6; k++) {
                    v = (v << 4) | hexValue(s.charAt(k));
                }
                sb.append((char) v);
                i += 6;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    /** The end of a numeric character reference ({@code &#105;} or {@code &#x69;}) at {@code i}, or -1. */
    static int htmlEntityEnd(String s, int i) {
        int n = s.length();
        if (i + 2 >= n || s.charAt(i) != '&' || s.charAt(i + 1) != '#') {
            return -1;
        }
        int j = i + 2;
        boolean hexForm = (s.charAt(j) | 0x20) == 'x';
        if (hexForm) {
            j++;
        }
        int digits = 0;
        while (j < n && digits < 8 && (hexForm ? isHex(s.charAt(j)) : isDigit(s.charAt(j)))) {
            j++;
            digits++;
        }
        if (digits == 0 || digits == 8) {
            return -1;
        }
        if (j < n && s.charAt(j) == ';') {
            j++;
        }
        return j;
    }

    private static String utf8(ByteSlice b) {
        return new String(b.bytes(), 0, b.length(), StandardCharsets.UTF_8);
    }

    private record ByteSlice(byte[] bytes, int length) {}

    private static final byte BASE64_CLASS = 1;
    private static final byte HEX_CLASS = 2;

    /** Per ASCII unit: {@link #HEX_CLASS} for a hex digit, else {@link #BASE64_CLASS} for a base64 one, else 0. */
    private static final byte[] ASCII_CLASSES = asciiClasses();

    private static byte[] asciiClasses() {
        byte[] t = new byte[128];
        for (char c = 0; c < 128; c++) {
            t[c] = isHex(c) ? HEX_CLASS : isBase64Char(c) ? BASE64_CLASS : 0;
        }
        return t;
    }

    static boolean isBase64Char(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '-'
                || c == '_';
    }

    private static int base64Value(char c) {
        return Base64Alphabet.value(c);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean hexDigits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if (!isHex(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private static int hexValue(char c) {
        if (c <= '9') {
            return c - '0';
        }
        return (c | 0x20) - 'a' + 10;
    }
}
