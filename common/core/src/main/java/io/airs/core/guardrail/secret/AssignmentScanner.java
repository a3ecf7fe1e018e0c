package io.airs.core.guardrail.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds values assigned to password-, token- and key-named identifiers: {@code password = "..."},
 * {@code api_key: ...}, {@code SECRET_TOKEN=...}, JSON {@code "token": "..."}, CLI flags
 * ({@code --password x}), SQL ({@code IDENTIFIED BY 'x'}), HTTP authorization schemes and prose
 * ({@code password is x}). The key gives the context; the value must then pass placeholder,
 * character-class and entropy tests, so references, templates, masks and ordinary words are skipped.
 */
final class AssignmentScanner {

    /** Keywords that send an identifier here; the identifier around them is then classified. */
    static final List<String> KEYWORDS = List.of(
            "pass",
            "pw",
            "psw",
            "pssw",
            "pasw",
            "paas",
            "kennwort",
            "pword",
            "secret",
            "token",
            "key",
            "cred",
            "auth",
            "identified",
            "bearer",
            "basic",
            "ntlm",
            "negotiate",
            "패스워드",
            "비밀번호",
            "비번",
            "암호",
            "пароль",
            "密码",
            "パスワード",
            "contraseña",
            "contrasena",
            "senha",
            "wachtwoord",
            "haslo",
            "hasło",
            "motdepasse");

    private static final Set<String> PASSWORD_WORDS = Set.of(
            "password",
            "passwords",
            "passwd",
            "passwrd",
            "passphrase",
            "pass",
            "pwd",
            "pw",
            "pswd",
            "pswrd",
            "psswd",
            "psswrd",
            "pssword",
            "psword",
            "paswd",
            "paswrd",
            "pasword",
            "paasword",
            "passwort",
            "kennwort",
            "pword",
            "userpwd",
            "passcode",
            "패스워드",
            "비밀번호",
            "비번",
            "암호",
            "пароль",
            "密码",
            "パスワード",
            "contraseña",
            "contrasena",
            "senha",
            "wachtwoord",
            "haslo",
            "hasło",
            "motdepasse");

    private static final Set<String> SECRET_WORDS = Set.of(
            "secret",
            "token",
            "apikey",
            "credential",
            "credentials",
            "creds",
            "cred",
            "auth",
            "authorization",
            "accesskey",
            "privatekey",
            "secretkey",
            "clientsecret",
            "authtoken",
            "accesstoken",
            "apitoken");

    /** Words that may take their value after a space when written as a CLI flag. */
    private static final Set<String> FLAG_WORDS = Set.of("password", "passphrase", "secret", "token");

    /** Words that qualify a bare {@code key} as a credential. */
    private static final Set<String> KEY_QUALIFIERS = Set.of(
            "api",
            "access",
            "secret",
            "private",
            "client",
            "auth",
            "app",
            "account",
            "master",
            "encryption",
            "signing",
            "license",
            "activation",
            "service",
            "aes",
            "hmac",
            "consumer",
            "session",
            "x",
            "subscription");

    /** Trailing words that name the representation, not the thing: {@code token_value}, {@code pwd_str}. */
    private static final Set<String> SUFFIX_WORDS =
            Set.of("value", "val", "str", "string", "data", "text", "b64", "base64", "raw", "plain", "plaintext");

    private static final Set<String> AUTH_SCHEMES = Set.of("bearer", "basic", "ntlm", "negotiate");

    private static final String[] CONNECTION_KEYS = {
        "server=", "data source=", "host=", "database=", "initial catalog=", "user id=", "uid=", "jdbc:", "provider="
    };

    enum Kind {
        NONE,
        PASSWORD,
        SECRET,
        BARE_KEY,
        SQL_IDENTIFIED,
        AUTH_SCHEME
    }

    private enum Op {
        NONE,
        ASSIGN,
        COMMA,
        URL_ENCODED,
        IS,
        SPACE,
        SPACE_QUOTED
    }

    private final double minEntropy;

    AssignmentScanner(double minEntropy) {
        this.minEntropy = minEntropy;
    }

    /**
     * Handles one keyword occurrence at {@code hit}; returns the identifier's start so the caller
     * can skip further keywords inside the same identifier.
     */
    int scan(String text, int hit, int previousIdentStart, Candidates out) {
        int n = text.length();
        int s = hit;
        while (s > 0 && isIdentChar(text.charAt(s - 1))) {
            s--;
        }
        if (s == previousIdentStart) {
            return s;
        }
        int identStart = s;
        int e = hit;
        while (e < n && isIdentChar(text.charAt(e))) {
            e++;
        }
        boolean flag = false;
        while (s < e && text.charAt(s) == '-') {
            s++;
            flag = true;
        }
        while (e > s && (text.charAt(e - 1) == '.' || text.charAt(e - 1) == '-')) {
            e--;
        }
        if (e - s > 80 || !mayBeFollowedByValue(text, e, flag)) {
            return identStart;
        }
        Kind kind = classify(text, s, e);
        if (kind != Kind.NONE) {
            value(text, identStart, s, e, flag, kind, out);
        }
        return identStart;
    }

    /**
     * A cheap look past the identifier, before any allocation: prose such as "the password policy"
     * has no operator, quote, flag or {@code is}/{@code by} after the word and is skipped here.
     */
    private static boolean mayBeFollowedByValue(String text, int e, boolean flag) {
        int n = text.length();
        int p = e;
        if (p < n
                && (isQuote(text.charAt(p))
                        || text.charAt(p) == '\\'
                        || text.charAt(p) == '&'
                        || text.charAt(p) == ']')) {
            return true;
        }
        int q = skipBlanks(text, p);
        if (q >= n) {
            return false;
        }
        char c = text.charAt(q);
        if ("=:-!?,%\"'`\\&".indexOf(c) >= 0) {
            return true;
        }
        if (q == p) {
            return false;
        }
        return flag
                || SecretValues.regionMatchesLower(text, q, "is ")
                || SecretValues.regionMatchesLower(text, q, "by ")
                || Character.isLetterOrDigit(c) && isAuthScheme(text, e);
    }

    private static boolean isAuthScheme(String text, int e) {
        for (String scheme : AUTH_SCHEMES) {
            int s = e - scheme.length();
            if (s >= 0
                    && SecretValues.regionMatchesLower(text, s, scheme)
                    && (s == 0 || !isIdentChar(text.charAt(s - 1)))) {
                return true;
            }
        }
        return false;
    }

    static Kind classify(String text, int s, int e) {
        String ident = text.substring(s, e);
        String lower = ident.toLowerCase(Locale.ROOT);
        if (AUTH_SCHEMES.contains(lower)) {
            return Kind.AUTH_SCHEME;
        }
        if (lower.equals("identified")) {
            return Kind.SQL_IDENTIFIED;
        }
        List<String> words = words(ident);
        while (words.size() > 1 && SUFFIX_WORDS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty()) {
            return Kind.NONE;
        }
        String last = words.get(words.size() - 1);
        if (PASSWORD_WORDS.contains(last)) {
            return Kind.PASSWORD;
        }
        if (SECRET_WORDS.contains(last)) {
            return Kind.SECRET;
        }
        if (last.equals("key")) {
            if (words.size() > 1 && KEY_QUALIFIERS.contains(words.get(words.size() - 2))) {
                return Kind.SECRET;
            }
            return Kind.BARE_KEY;
        }
        String joined = String.join("", words);
        if (joined.endsWith("password") || joined.endsWith("passwd") || joined.endsWith("passphrase")) {
            return Kind.PASSWORD;
        }
        if (joined.endsWith("secret") || joined.endsWith("token") || joined.endsWith("apikey")) {
            return Kind.SECRET;
        }
        // Upper-case constants glue words without separators: DBPASS, MYSQLPWD.
        if (ident.equals(ident.toUpperCase(Locale.ROOT))
                && (joined.endsWith("pass") || joined.endsWith("pwd") || joined.endsWith("pswd"))) {
            return Kind.PASSWORD;
        }
        return Kind.NONE;
    }

    /** Splits an identifier into lower-case words at separators and lower-to-upper case changes. */
    static List<String> words(String ident) {
        List<String> words = new ArrayList<>(4);
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < ident.length(); i++) {
            char c = ident.charAt(i);
            if (c == '_' || c == '-' || c == '.') {
                flush(words, cur);
                continue;
            }
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(ident.charAt(i - 1))) {
                flush(words, cur);
            }
            cur.append(Character.toLowerCase(c));
        }
        flush(words, cur);
        return words;
    }

    private static void flush(List<String> words, StringBuilder cur) {
        if (!cur.isEmpty()) {
            words.add(cur.toString());
            cur.setLength(0);
        }
    }

    private void value(String text, int identStart, int s, int e, boolean flag, Kind kind, Candidates out) {
        int n = text.length();
        int p = e;
        boolean keyQuoted = true;
        if (p < n && isQuote(text.charAt(p))) {
            p++;
        } else if (p + 1 < n && text.charAt(p) == '\\' && isQuote(text.charAt(p + 1))) {
            p += 2;
        } else if (text.startsWith("&quot;", p)) {
            p += 6;
        } else {
            keyQuoted = false;
        }
        if (p < n && text.charAt(p) == ']') {
            p++;
        }
        int afterKey = p;
        p = skipBlanks(text, p);
        if (p >= n) {
            return;
        }
        Op op = Op.NONE;
        char c = text.charAt(p);
        char c1 = p + 1 < n ? text.charAt(p + 1) : 0;
        boolean colonOp = false;
        if (kind == Kind.AUTH_SCHEME) {
            op = p > afterKey ? Op.SPACE : Op.NONE;
        } else if (kind == Kind.SQL_IDENTIFIED) {
            if (p > afterKey
                    && SecretValues.regionMatchesLower(text, p, "by")
                    && p + 2 < n
                    && isBlank(text.charAt(p + 2))) {
                p += 3;
                op = Op.ASSIGN;
            }
        } else if (c == '=') {
            p++;
            while (p < n && (text.charAt(p) == '=' || text.charAt(p) == '>')) {
                p++;
            }
            op = Op.ASSIGN;
        } else if (c == ':') {
            p++;
            while (p < n && text.charAt(p) == ':') {
                p++;
            }
            if (p < n && text.charAt(p) == '=') {
                p++;
            } else {
                colonOp = true;
            }
            op = Op.ASSIGN;
        } else if ((c == '-' && c1 == '>') || (c == '?' && c1 == '=')) {
            p += 2;
            op = Op.ASSIGN;
        } else if (c == '!' && c1 == '=') {
            p += 2;
            while (p < n && text.charAt(p) == '=') {
                p++;
            }
            op = Op.ASSIGN;
        } else if (c == ',' && !keyQuoted) {
            // In "key", "next" the comma separates two keys; only call arguments pass values this way.
            p++;
            op = Op.COMMA;
        } else if (SecretValues.regionMatchesLower(text, p, "%3d")) {
            p += 3;
            op = Op.URL_ENCODED;
        } else if (p > afterKey) {
            if (SecretValues.regionMatchesLower(text, p, "by") && p + 2 < n && isBlank(text.charAt(p + 2))) {
                p += 3;
                op = Op.ASSIGN;
            } else if (SecretValues.regionMatchesLower(text, p, "is") && p + 2 < n && isBlank(text.charAt(p + 2))) {
                p += 3;
                op = Op.IS;
            } else {
                // Abbreviated flags (-p, --pass, -pw) often take a source or file, not the secret.
                op = flag && FLAG_WORDS.contains(lastWord(text, s, e)) ? Op.SPACE : Op.SPACE_QUOTED;
            }
        }
        if (op == Op.NONE) {
            return;
        }
        p = skipBlanks(text, p);
        if (colonOp) {
            p = skipTypeAnnotation(text, p);
        }
        if (p >= n) {
            return;
        }
        if (p + 1 < n && "bBrRuUf".indexOf(text.charAt(p)) >= 0 && isQuote(text.charAt(p + 1))) {
            p++;
        }
        int vs;
        int ve;
        boolean quoted;
        c = text.charAt(p);
        if (isQuote(c)) {
            vs = p + 1;
            ve = closing(text, vs, String.valueOf(c));
            quoted = true;
        } else if (c == '\\' && p + 1 < n && isQuote(text.charAt(p + 1))) {
            vs = p + 2;
            ve = closing(text, vs, "\\" + text.charAt(p + 1));
            quoted = true;
        } else if (text.startsWith("&quot;", p)) {
            vs = p + 6;
            ve = closing(text, vs, "&quot;");
            quoted = true;
        } else {
            if (op == Op.COMMA || op == Op.SPACE_QUOTED) {
                return;
            }
            vs = p;
            ve = p;
            while (ve < n && !isValueStop(text.charAt(ve), op == Op.URL_ENCODED)) {
                ve++;
            }
            while (ve > vs && text.charAt(ve - 1) == '.') {
                ve--;
            }
            quoted = false;
        }
        if (ve < 0) {
            return;
        }
        if (kind == Kind.PASSWORD
                && identStart >= 2
                && (text.charAt(identStart - 1) == '/' || text.charAt(identStart - 1) == ':')
                && Character.isLetter(text.charAt(identStart - 2))) {
            // "ID/PW: user/secret": the value is a pair, and only its second half is the password.
            for (int i = ve - 1; i > vs; i--) {
                char ch = text.charAt(i);
                if (ch == '/' || ch == ':') {
                    vs = i + 1;
                    break;
                }
            }
        }
        judge(text, identStart, vs, ve, quoted, op, kind, out);
    }

    private static String lastWord(String text, int s, int e) {
        List<String> w = words(text.substring(s, e));
        return w.isEmpty() ? "" : w.get(w.size() - 1);
    }

    private void judge(String text, int identStart, int vs, int ve, boolean quoted, Op op, Kind kind, Candidates out) {
        int len = ve - vs;
        if (len < 6 || len > (kind == Kind.PASSWORD ? 128 : 256)) {
            return;
        }
        for (int i = vs; i < ve; i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return;
            }
        }
        if (SecretValues.isPlaceholder(text, vs, ve)
                || SecretValues.hasSequentialRun(text, vs, ve)
                || SecretValues.isUuid(text, vs, ve)
                || (text.charAt(vs) == '0' && len > 2 && (text.charAt(vs + 1) == 'x' || text.charAt(vs + 1) == 'X'))) {
            return;
        }
        if (!quoted && SecretValues.looksLikeCode(text, vs, ve)) {
            return;
        }
        int classes = SecretValues.charClasses(text, vs, ve);
        double entropy = SecretValues.entropy(text, vs, ve);
        switch (kind) {
            case PASSWORD, SQL_IDENTIFIED -> {
                if (classes < 2 || (op == Op.IS && !SecretValues.hasDigit(text, vs, ve))) {
                    return;
                }
                double score = 0.45 + 0.1 * classes + (quoted ? 0.05 : 0.0) - (op == Op.IS ? 0.1 : 0.0);
                String type = kind == Kind.PASSWORD && connectionString(text, identStart)
                        ? "connection-string-password"
                        : "password-assignment";
                out.add(type, vs, ve, Math.min(0.95, score));
            }
            case SECRET, BARE_KEY -> {
                if (len < 8 || classes < 2 || entropy < minEntropy || op == Op.IS) {
                    return;
                }
                double score = 0.35
                        + 0.1 * classes
                        + (entropy >= minEntropy + 0.5 ? 0.1 : 0.0)
                        + (len >= 16 ? 0.05 : 0.0)
                        - (kind == Kind.BARE_KEY ? 0.15 : 0.0);
                out.add("generic-api-key", vs, ve, Math.min(0.85, score));
            }
            case AUTH_SCHEME -> {
                if (len < 8 || classes < 2 || entropy < minEntropy - 0.5) {
                    return;
                }
                out.add("authorization-header", vs, ve, Math.min(0.9, 0.5 + 0.1 * classes));
            }
            default -> {}
        }
    }

    private static boolean connectionString(String text, int identStart) {
        int from = identStart;
        while (from > 0 && identStart - from < 300 && text.charAt(from - 1) != '\n') {
            from--;
        }
        if (SecretValues.indexOf(text, ';', from, Math.min(text.length(), identStart + 300)) < 0) {
            return false;
        }
        for (int i = from; i < identStart; i++) {
            for (String k : CONNECTION_KEYS) {
                if (SecretValues.regionMatchesLower(text, i, k)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Skips a type annotation such as {@code passwd: str = "..."}; returns where the value starts. */
    private static int skipTypeAnnotation(String text, int p) {
        int n = text.length();
        int q = p;
        while (q < n && (Character.isLetterOrDigit(text.charAt(q)) || text.charAt(q) == '_')) {
            q++;
        }
        if (q == p) {
            return p;
        }
        int r = skipBlanks(text, q);
        if (r < n && text.charAt(r) == '=' && (r + 1 >= n || text.charAt(r + 1) != '=')) {
            return skipBlanks(text, r + 1);
        }
        return p;
    }

    /** The index of the closing delimiter on the same line, skipping escaped characters; -1 if none. */
    private static int closing(String text, int from, String delimiter) {
        int n = text.length();
        int limit = Math.min(n, from + 512);
        for (int i = from; i < limit; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return -1;
            }
            if (text.startsWith(delimiter, i)) {
                return i;
            }
            if (c == '\\' && delimiter.length() == 1) {
                i++;
            }
        }
        return -1;
    }

    private static int skipBlanks(String text, int p) {
        while (p < text.length() && isBlank(text.charAt(p))) {
            p++;
        }
        return p;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\'' || c == '`';
    }

    private static boolean isValueStop(char c, boolean urlEncoded) {
        return Character.isWhitespace(c)
                || c == '"'
                || c == '\''
                || c == '`'
                || c == ';'
                || c == ','
                || c == ')'
                || c == ']'
                || c == '}'
                || c == '<'
                || c == '>'
                || c == '&'
                || c == '\\'
                || (urlEncoded && c == '%');
    }

    static boolean isIdentChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }
}
