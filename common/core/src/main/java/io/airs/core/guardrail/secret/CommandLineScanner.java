package io.airs.core.guardrail.secret;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds passwords that only their command or line layout marks as such: the {@code -p} option of
 * clients where it takes the password ({@code mysql -pSECRET}, {@code sshpass -p SECRET}, {@code
 * docker login -p SECRET}) and host/user/password triples ({@code 10.0.0.5 admin/S3cret!}, {@code
 * host 10.0.0.5 user admin pass S3cret!}). Elsewhere {@code -p} is left alone: for {@code ssh} and
 * {@code docker run} it is a port.
 */
final class CommandLineScanner {

    /** Commands whose {@code -p} carries the password; mysql only when attached ({@code -p x} prompts). */
    static final List<String> COMMANDS = List.of(
            "mysql",
            "mariadb",
            "sshpass",
            "docker login",
            "podman login",
            "nerdctl login",
            "buildah login",
            "skopeo login",
            "oras login",
            "helm registry login");

    /** A digit and a dot: where a dotted IPv4 address may start. */
    static final List<String> IP_MARKERS = List.of("0.", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.", "9.");

    private static final String[] USER_LABELS = {"username", "user", "login", "id", "uid"};
    private static final Set<String> HEADER_WORDS = Set.of(
            "ip",
            "host",
            "server",
            "address",
            "addr",
            "id",
            "user",
            "username",
            "login",
            "pw",
            "pwd",
            "pass",
            "password",
            "passwd");

    private static final String[] PASSWORD_LABELS = {"password", "passwd", "pass", "pwd", "pw"};

    private CommandLineScanner() {}

    /** The options of the command at {@code at} up to the end of its line or pipeline stage. */
    static void command(String text, int at, int keyword, Candidates out) {
        int n = text.length();
        if (at > 0 && (Character.isLetterOrDigit(text.charAt(at - 1)) || text.charAt(at - 1) == '_')) {
            return;
        }
        int p = at + COMMANDS.get(keyword).length();
        while (p < n && (Character.isLetterOrDigit(text.charAt(p)) || text.charAt(p) == '-')) {
            p++; // mysqldump, mysqladmin, mariadb-dump
        }
        if (p >= n || (text.charAt(p) != ' ' && text.charAt(p) != '\t')) {
            return;
        }
        boolean attachedOnly = keyword <= 1;
        int limit = Math.min(n, p + 400);
        while (p < limit) {
            while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            if (p >= limit || "\n\r|;&`".indexOf(text.charAt(p)) >= 0) {
                return;
            }
            int ts = p;
            p = tokenEnd(text, p, limit);
            if (p - ts < 2 || text.charAt(ts) != '-' || text.charAt(ts + 1) != 'p') {
                continue;
            }
            if (p - ts > 2) {
                value(text, ts + 2, p, out);
                return;
            }
            if (attachedOnly) {
                continue;
            }
            while (p < limit && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
                p++;
            }
            int vs = p;
            p = tokenEnd(text, p, limit);
            value(text, vs, p, out);
            return;
        }
    }

    private static int tokenEnd(String text, int p, int limit) {
        if (p < limit && (text.charAt(p) == '"' || text.charAt(p) == '\'')) {
            int close = SecretValues.indexOf(text, text.charAt(p), p + 1, limit);
            return close < 0 ? limit : close + 1;
        }
        while (p < limit && !Character.isWhitespace(text.charAt(p)) && "|;&`".indexOf(text.charAt(p)) < 0) {
            if ((text.charAt(p) == '"' || text.charAt(p) == '\'') && p + 1 < limit) {
                int close = SecretValues.indexOf(text, text.charAt(p), p + 1, limit);
                p = close < 0 ? limit : close + 1;
                continue;
            }
            p++;
        }
        return p;
    }

    private static void value(String text, int vs, int ve, Candidates out) {
        if (ve - vs >= 2
                && (text.charAt(vs) == '"' || text.charAt(vs) == '\'')
                && text.charAt(ve - 1) == text.charAt(vs)) {
            vs++;
            ve--;
        }
        int len = ve - vs;
        if (len < 4
                || len > 128
                || text.charAt(vs) == '-'
                || SecretValues.isPlaceholder(text, vs, ve)
                || SecretValues.hasSequentialRun(text, vs, ve)) {
            return;
        }
        for (int i = vs; i < ve; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return;
            }
        }
        int classes = SecretValues.charClasses(text, vs, ve);
        out.add("password-assignment", vs, ve, classes >= 2 ? 0.85 : 0.65);
    }

    /**
     * A dotted IPv4 address at {@code at} followed on its line by a user and a password, with or
     * without labels: {@code 10.0.0.5 admin/S3cret!}, {@code 10.0.0.5, admin S3cret!}, {@code host
     * 10.0.0.5 user admin pass S3cret!}. Without labels the password must mix upper and lower case
     * letters with a digit, which host names, interface names, MAC addresses and ports do not.
     */
    static void ipTriple(String text, int at, Candidates out) {
        int n = text.length();
        int s = at;
        while (s > 0 && isDigit(text.charAt(s - 1))) {
            s--;
        }
        if (s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) {
            return;
        }
        int p = s;
        for (int octet = 0; octet < 4; octet++) {
            int ds = p;
            int v = 0;
            while (p < n && isDigit(text.charAt(p)) && p - ds < 3) {
                v = v * 10 + (text.charAt(p) - '0');
                p++;
            }
            if (p == ds || v > 255) {
                return;
            }
            if (octet < 3) {
                if (p >= n || text.charAt(p) != '.') {
                    return;
                }
                p++;
            }
        }
        if (p < n && (Character.isLetterOrDigit(text.charAt(p)) || text.charAt(p) == '.')) {
            return;
        }
        p = separator(text, p, ",/|");
        if (p < 0) {
            return;
        }
        int afterLabel = label(text, p, USER_LABELS);
        boolean userLabel = afterLabel > p;
        p = afterLabel;
        int us = p;
        while (p < n && (Character.isLetterOrDigit(text.charAt(p)) || "_.@-".indexOf(text.charAt(p)) >= 0)) {
            p++;
        }
        if (p - us < 2 || p - us > 32 || !Character.isLetter(text.charAt(us))) {
            return;
        }
        p = separator(text, p, ",/:|");
        if (p < 0) {
            return;
        }
        afterLabel = label(text, p, PASSWORD_LABELS);
        boolean passwordLabel = afterLabel > p;
        if (userLabel != passwordLabel) {
            return;
        }
        int vs = afterLabel;
        int ve = vs;
        while (ve < n && !Character.isWhitespace(text.charAt(ve)) && ve - vs <= 64) {
            ve++;
        }
        while (ve > vs && ",;.)".indexOf(text.charAt(ve - 1)) >= 0) {
            ve--;
        }
        if (ve - vs < 6
                || ve - vs > 64
                || SecretValues.indexOf(text, '/', vs, ve) >= 0
                || SecretValues.indexOf(text, '=', vs, ve) >= 0
                || "-$<{[(\"'".indexOf(text.charAt(vs)) >= 0
                || SecretValues.isPlaceholder(text, vs, ve)
                || SecretValues.hasSequentialRun(text, vs, ve)
                || SecretValues.isUuid(text, vs, ve)) {
            return;
        }
        int classes = SecretValues.charClasses(text, vs, ve);
        if (SecretValues.looksLikeCode(text, vs, ve)) {
            return;
        }
        if (passwordLabel) {
            if (classes < 2) {
                return;
            }
        } else if (classes < 3
                || !mixedCase(text, vs, ve)
                || !SecretValues.hasDigit(text, vs, ve)
                || !startsRecord(text, s)) {
            return;
        }
        out.add("password-assignment", vs, ve, passwordLabel ? 0.85 : 0.7);
    }

    /**
     * Whether the address opens its line, or follows only column labels ({@code IP ID PW}, {@code
     * host:}): in "version 1.2.3.4 build ..." the words after the address are no login.
     */
    private static boolean startsRecord(String text, int s) {
        int p = s;
        while (p > 0 && s - p < 40) {
            char c = text.charAt(p - 1);
            if (c == '\n') {
                return true;
            }
            if (Character.isLetter(c)) {
                int we = p;
                while (p > 0 && Character.isLetter(text.charAt(p - 1))) {
                    p--;
                }
                if (!HEADER_WORDS.contains(text.substring(p, we).toLowerCase(Locale.ROOT))) {
                    return false;
                }
            } else if (" \t:,/|".indexOf(c) >= 0) {
                p--;
            } else {
                return false;
            }
        }
        return p == 0;
    }

    /** Skips blanks and at most one of {@code marks} (or only blanks); -1 when there is no separator. */
    private static int separator(String text, int p, String marks) {
        int n = text.length();
        int from = p;
        int seen = 0;
        while (p < n && p - from < 6) {
            char c = text.charAt(p);
            if (c == ' ' || c == '\t') {
                p++;
            } else if (marks.indexOf(c) >= 0 && seen == 0) {
                seen++;
                p++;
            } else {
                break;
            }
        }
        return p > from && p < n ? p : -1;
    }

    /** Skips a label such as {@code user}, {@code user:} or {@code pass=} and the blanks after it. */
    private static int label(String text, int p, String[] labels) {
        int n = text.length();
        for (String l : labels) {
            int e = p + l.length();
            if (SecretValues.regionMatchesLower(text, p, l) && e < n && !Character.isLetterOrDigit(text.charAt(e))) {
                if (text.charAt(e) == ':' || text.charAt(e) == '=') {
                    e++;
                }
                int q = e;
                while (q < n && (text.charAt(q) == ' ' || text.charAt(q) == '\t')) {
                    q++;
                }
                return q > p + l.length() ? q : p;
            }
        }
        return p;
    }

    private static boolean mixedCase(String text, int s, int e) {
        boolean upper = false;
        boolean lower = false;
        for (int i = s; i < e; i++) {
            char c = text.charAt(i);
            upper |= c >= 'A' && c <= 'Z';
            lower |= c >= 'a' && c <= 'z';
        }
        return upper && lower;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
