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
            "p/w",
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
            "convertto-securestring",
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
            "apitoken",
            "authentication",
            "bearer");

    /** Words that may take their value after a space when written as a CLI flag. */
    private static final Set<String> FLAG_WORDS = Set.of("password", "passphrase", "secret", "token", "bearer");

    /** Words that name the user half of an {@code ID/PW user/secret} pair. */
    private static final Set<String> USER_WORDS =
            Set.of("id", "user", "username", "userid", "usr", "login", "account", "acct", "uid");

    /**
     * Last name segments of calls that read configuration with a fallback, as in {@code
     * getenv("DB_PASSWORD", "fallback")}: the fallback literal is then the hard-coded secret.
     */
    private static final String[] LOOKUP_CALLS = {
        "getenv", "get", "getproperty", "fetch", "env", "getordefault", "getstring", "config", "setting", "getvalue"
    };

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
        AUTH_SCHEME,
        SECURE_STRING
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
        if (SecretValues.regionMatchesLower(text, hit, "p/w")) {
            // The P/W abbreviation: a label of its own, since '/' ends an identifier.
            int e = hit + 3;
            if ((hit == 0 || !isIdentChar(text.charAt(hit - 1)))
                    && (e >= n || !isIdentChar(text.charAt(e)))
                    && mayBeFollowedByValue(text, hit, e, false)) {
                value(text, hit, hit, e, false, Kind.PASSWORD, out);
            }
            return hit;
        }
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
        if (e - s > 80 || !mayBeFollowedByValue(text, s, e, flag)) {
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
    private static boolean mayBeFollowedByValue(String text, int s, int e, boolean flag) {
        int n = text.length();
        int p = e;
        if (p < n
                && (isQuote(text.charAt(p))
                        || text.charAt(p) == '\\'
                        || text.charAt(p) == '&'
                        || text.charAt(p) == ']'
                        || text.charAt(p) == '>')) {
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
            return c == '(' && userWordBefore(text, s) >= 0;
        }
        return flag
                || (s > 0 && text.charAt(s - 1) == '<')
                || afterDefine(text, s)
                || userWordBefore(text, s) >= 0
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
        if (lower.equals("convertto-securestring")) {
            return Kind.SECURE_STRING;
        }
        List<String> words = words(ident);
        while (words.size() > 1 && SUFFIX_WORDS.contains(words.get(words.size() - 1))) {
            words.remove(words.size() - 1);
        }
        if (words.isEmpty()) {
            return Kind.NONE;
        }
        String last = words.get(words.size() - 1);
        if (PASSWORD_WORDS.contains(last) || (last.startsWith("passw") && last.length() <= 10 && words.size() == 1)) {
            // The second test forgives a typo in a lone word (passwrod, passworsd).
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
                && (joined.endsWith("pass")
                        || joined.endsWith("pwd")
                        || joined.endsWith("pswd")
                        || (joined.endsWith("pw") && joined.length() <= 8))) {
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
        if (kind == Kind.SECURE_STRING) {
            secureString(text, identStart, e, out);
            return;
        }
        if (kind == Kind.PASSWORD && identStart > 0 && text.charAt(identStart - 1) == '<') {
            // <password>value</password>, also with attributes: <password name="db">value</password>
            int gt = SecretValues.indexOf(text, '>', e, Math.min(n, e + 200));
            if (gt > 0 && text.charAt(gt - 1) != '/' && SecretValues.indexOf(text, '\n', e, gt) < 0) {
                element(text, identStart, gt + 1, kind, out);
            }
            return;
        }
        boolean sql = kind == Kind.PASSWORD && sqlStatement(text, identStart);
        if (kind == Kind.PASSWORD && !sql && userWordBefore(text, identStart) >= 0 && pair(text, identStart, e, out)) {
            return;
        }
        boolean keyQuoted = true;
        int openQuote = identStart - 1;
        if (p < n && isQuote(text.charAt(p))) {
            p++;
        } else if (p + 1 < n && text.charAt(p) == '\\' && isQuote(text.charAt(p + 1))) {
            p += 2;
            openQuote--;
        } else if (text.startsWith("&quot;", p)) {
            p += 6;
            openQuote -= 5;
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
        } else if (keyQuoted && c == '>' && p == afterKey) {
            // <entry key="password">value</entry>
            element(text, identStart, p + 1, kind, out);
            return;
        } else if (keyQuoted && SecretValues.regionMatchesLower(text, p, "value=")) {
            // <add key="DbPassword" value="..." />
            p += 6;
            op = Op.ASSIGN;
        } else if (c == ':' && (c1 == '-' || c1 == '=') && identStart >= 2 && text.startsWith("${", identStart - 2)) {
            // ${DB_PASSWORD:-fallback}: the shell default is the hard-coded value.
            p += 2;
            op = Op.URL_ENCODED;
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
        } else if (c == ',' && (!keyQuoted || firstCallArgument(text, openQuote))) {
            // In "key", "next" the comma separates two keys; only call arguments pass values this way,
            // as in define('PASSWORD', '...') or getenv("API_TOKEN", "...").
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
            } else if (!keyQuoted && (afterDefine(text, identStart) || sql)) {
                // #define DB_PASSWORD "..." and %define token ..., and SQL's unquoted
                // CREATE ROLE app LOGIN PASSWORD secret;
                op = Op.SPACE;
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
        if (op == Op.ASSIGN && p + 1 < n && text.charAt(p) == '(' && isQuote(text.charAt(p + 1))) {
            p++;
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
            boolean triple = p + 2 < n && text.charAt(p + 1) == c && text.charAt(p + 2) == c;
            vs = triple ? p + 3 : p + 1;
            ve = closing(text, vs, triple ? String.valueOf(c).repeat(3) : String.valueOf(c));
            if (ve < 0) {
                ve = unterminated(text, vs);
            }
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
            if (op != Op.URL_ENCODED && fallback(text, p, identStart, kind, out)) {
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
            if (op == Op.URL_ENCODED && ve < n && text.charAt(ve) == '}') {
                quoted = true;
            } else {
                quoted = false;
            }
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

    /**
     * An unquoted value that is a configuration lookup with a literal fallback: {@code
     * getenv("X", "fallback")}, {@code os.environ.get("X") or "fallback"}, {@code process.env.X ||
     * "fallback"}. Judges the fallback and returns true when the value had that shape.
     */
    private boolean fallback(String text, int p, int identStart, Kind kind, Candidates out) {
        int n = text.length();
        int q = p;
        while (q < n && (isIdentChar(text.charAt(q)) || text.charAt(q) == '$' || text.charAt(q) == '[')) {
            if (text.charAt(q) == '[') {
                int close = SecretValues.indexOf(text, ']', q, Math.min(n, q + 80));
                if (close < 0) {
                    return false;
                }
                q = close;
            }
            q++;
        }
        if (q == p || q - p > 80) {
            return false;
        }
        int afterRef = q;
        if (q < n && text.charAt(q) == '(') {
            if (!isLookupCall(text, p, q)) {
                return false;
            }
            int close = -1;
            int lastArg = q + 1;
            int args = 1;
            int limit = Math.min(n, q + 300);
            for (int i = q + 1; i < limit; i++) {
                char ch = text.charAt(i);
                if (ch == '\n') {
                    return false;
                }
                if (isQuote(ch)) {
                    int end = closing(text, i + 1, String.valueOf(ch));
                    if (end < 0) {
                        return false;
                    }
                    i = end;
                } else if (ch == '(') {
                    return false;
                } else if (ch == ',') {
                    args++;
                    lastArg = i + 1;
                } else if (ch == ')') {
                    close = i;
                    break;
                }
            }
            if (close < 0) {
                return false;
            }
            if (args >= 2 && literal(text, lastArg, close, identStart, kind, out)) {
                return true;
            }
            afterRef = close + 1;
        }
        int r = skipBlanks(text, afterRef);
        if (SecretValues.regionMatchesLower(text, r, "or ")) {
            r += 3;
        } else if (text.startsWith("||", r) || text.startsWith("??", r) || text.startsWith("?:", r)) {
            r += 2;
        } else {
            return afterRef > q;
        }
        int end = skipBlanks(text, r);
        if (end < n && isQuote(text.charAt(end))) {
            int close = closing(text, end + 1, String.valueOf(text.charAt(end)));
            if (close > 0) {
                literal(text, end, close + 1, identStart, kind, out);
            }
        }
        return true;
    }

    private static boolean isLookupCall(String text, int p, int paren) {
        int s = paren;
        while (s > p && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '_')) {
            s--;
        }
        for (String call : LOOKUP_CALLS) {
            if (paren - s >= call.length()
                    && SecretValues.regionMatchesLower(text, paren - call.length(), call)
                    && (paren - s == call.length()
                            || text.charAt(paren - call.length() - 1) == '_'
                            || Character.isLowerCase(text.charAt(paren - call.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Judges a quoted literal (optionally with a b/r/u prefix) found in {@code [from, to)}. */
    private boolean literal(String text, int from, int to, int identStart, Kind kind, Candidates out) {
        int a = skipBlanks(text, from);
        int b = to;
        while (b > a && isBlank(text.charAt(b - 1))) {
            b--;
        }
        if (a + 1 < b && "bBrRuU".indexOf(text.charAt(a)) >= 0 && isQuote(text.charAt(a + 1))) {
            a++;
        }
        if (b - a < 2 || !isQuote(text.charAt(a)) || text.charAt(b - 1) != text.charAt(a)) {
            return false;
        }
        judge(text, identStart, a + 1, b - 1, true, Op.ASSIGN, kind, out);
        return true;
    }

    /** Element content from {@code from} up to the next tag: {@code <password>value</password>}. */
    private void element(String text, int identStart, int from, Kind kind, Candidates out) {
        int n = text.length();
        int end = from;
        while (end < n && end - from <= 256 && text.charAt(end) != '<' && text.charAt(end) != '\n') {
            end++;
        }
        if (end < n && text.charAt(end) == '<' && end > from && text.charAt(end - 1) != ':') {
            // Content is judged as unquoted: a plain word there is more often a label than a secret.
            judge(text, identStart, from, end, false, Op.ASSIGN, kind, out);
        }
    }

    /**
     * {@code ConvertTo-SecureString "secret" -AsPlainText -Force}: the first argument that is not a
     * parameter name is the plain-text password.
     */
    private void secureString(String text, int identStart, int e, Candidates out) {
        int n = text.length();
        int p = skipBlanks(text, e);
        int limit = Math.min(n, e + 120);
        while (p < limit && text.charAt(p) == '-') {
            while (p < limit && !isBlank(text.charAt(p))) {
                p++;
            }
            p = skipBlanks(text, p);
        }
        if (p >= limit) {
            return;
        }
        int vs;
        int ve;
        boolean quoted = true;
        if (isQuote(text.charAt(p))) {
            vs = p + 1;
            ve = closing(text, vs, String.valueOf(text.charAt(p)));
        } else if (text.charAt(p) == '\\' && p + 1 < n && isQuote(text.charAt(p + 1))) {
            vs = p + 2;
            ve = closing(text, vs, "\\" + text.charAt(p + 1));
        } else {
            vs = p;
            ve = p;
            while (ve < n && !isValueStop(text.charAt(ve), false)) {
                ve++;
            }
            quoted = false;
        }
        if (ve > vs) {
            judge(text, identStart, vs, ve, quoted, Op.ASSIGN, Kind.PASSWORD, out);
        }
    }

    /**
     * A login pair after an {@code ID/PW} style label: {@code id/pw admin/s3cret}, {@code ID PW admin
     * s3cret}, {@code User/Password (admin, s3cret)}. Only the second half is reported, and it must
     * hold a digit or a symbol, so prose after such a label ("ID/PW fields are required") is skipped.
     * Returns false when the text after the label is no pair, so that it is read as an assignment.
     */
    private boolean pair(String text, int identStart, int e, Candidates out) {
        int n = text.length();
        int p = skipBlanks(text, e);
        if (p < n && (text.charAt(p) == ':' || text.charAt(p) == '=' || text.charAt(p) == '(')) {
            p = skipBlanks(text, p + 1);
        }
        if (p >= n || isQuote(text.charAt(p)) || text.charAt(p) == '\\') {
            // "LOGIN PASSWORD 'x'" or "user password: "x"": a plain assignment, not a pair.
            return false;
        }
        int us = p;
        while (p < n && !Character.isWhitespace(text.charAt(p)) && "/,:()".indexOf(text.charAt(p)) < 0) {
            p++;
        }
        if (p == us || p - us > 64) {
            return false;
        }
        int sepStart = p;
        while (p < n && (isBlank(text.charAt(p)) || "/,:(".indexOf(text.charAt(p)) >= 0) && p - sepStart < 6) {
            p++;
        }
        if (p == sepStart || p >= n || text.charAt(p) == '\n') {
            return false;
        }
        int vs = p;
        int ve = p;
        while (ve < n && !Character.isWhitespace(text.charAt(ve))) {
            if ("{}:".indexOf(text.charAt(ve)) >= 0) {
                return true;
            }
            ve++;
        }
        while (ve > vs && ".,;)".indexOf(text.charAt(ve - 1)) >= 0) {
            ve--;
        }
        if (ve - vs < 6) {
            return true;
        }
        boolean strong = false;
        for (int i = vs; i < ve; i++) {
            if (!Character.isLetter(text.charAt(i))) {
                strong = true;
                break;
            }
        }
        if (strong) {
            judge(text, identStart, vs, ve, true, Op.ASSIGN, Kind.PASSWORD, out);
        }
        return true;
    }

    /**
     * Where a user-naming word ends a label right before the password word ({@code ID/PW}, {@code
     * user / password}, {@code ID PW}); -1 when there is none.
     */
    static int userWordBefore(String text, int identStart) {
        int p = identStart;
        int slash = 0;
        while (p > 0 && (isBlank(text.charAt(p - 1)) || text.charAt(p - 1) == '/') && identStart - p < 4) {
            if (text.charAt(p - 1) == '/') {
                slash++;
            }
            p--;
        }
        if (p == identStart || slash > 1) {
            return -1;
        }
        int we = p;
        while (p > 0 && Character.isLetter(text.charAt(p - 1)) && we - p <= 8) {
            p--;
        }
        if (p == we || (p > 0 && isIdentChar(text.charAt(p - 1)))) {
            return -1;
        }
        String word = text.substring(p, we).toLowerCase(Locale.ROOT);
        return USER_WORDS.contains(word) ? p : -1;
    }

    /** Whether the line holding the identifier is a {@code CREATE} or {@code ALTER} statement. */
    private static boolean sqlStatement(String text, int identStart) {
        int from = identStart;
        while (from > 0 && identStart - from < 200 && text.charAt(from - 1) != '\n') {
            from--;
        }
        from = skipBlanks(text, from);
        return SecretValues.regionMatchesLower(text, from, "create ")
                || SecretValues.regionMatchesLower(text, from, "alter ");
    }

    /** Whether the identifier is the name in a {@code #define NAME value} or {@code %define}. */
    private static boolean afterDefine(String text, int identStart) {
        int p = identStart;
        while (p > 0 && isBlank(text.charAt(p - 1))) {
            p--;
        }
        return p < identStart
                && p >= 7
                && SecretValues.regionMatchesLower(text, p - 6, "define")
                && (text.charAt(p - 7) == '#' || text.charAt(p - 7) == '%');
    }

    /** Whether the quote at {@code openQuote} starts the first argument of a call: {@code f("key", ...)}. */
    private static boolean firstCallArgument(String text, int openQuote) {
        int p = openQuote;
        while (p > 0 && isBlank(text.charAt(p - 1))) {
            p--;
        }
        return p > 1 && text.charAt(p - 1) == '(' && isIdentChar(text.charAt(p - 2));
    }

    /**
     * The end of a quoted value whose closing quote is not on its line (a multi-line string, a
     * continued line, or a cut-off text): the run of non-blank characters, or -1 when the line has
     * more than one token.
     */
    private static int unterminated(String text, int vs) {
        int n = text.length();
        int ve = vs;
        while (ve < n && !Character.isWhitespace(text.charAt(ve))) {
            ve++;
        }
        int after = skipBlanks(text, ve);
        if (after < n && text.charAt(after) != '\n' && text.charAt(after) != '\r') {
            return -1;
        }
        if (ve > vs && text.charAt(ve - 1) == '\\') {
            ve--;
        }
        return ve - vs >= 16 ? ve : -1;
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
        if (!quoted && SecretValues.looksLikeCode(text, vs, ve) && !SecretValues.isGroupedKey(text, vs, ve)) {
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
        if (q == p || q - p > 24 || digits(text, p, q) > 2) {
            // A long or digit-rich word before '=' is a base64 value's body, not a type name.
            return p;
        }
        int r = skipBlanks(text, q);
        if (r < n && text.charAt(r) == '=' && (r + 1 >= n || text.charAt(r + 1) != '=')) {
            return skipBlanks(text, r + 1);
        }
        return p;
    }

    private static int digits(String text, int from, int to) {
        int d = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                d++;
            }
        }
        return d;
    }

    /** The index of the closing delimiter on the same line, skipping escaped characters; -1 if none. */
    private static int closing(String text, int from, String delimiter) {
        int n = text.length();
        int limit = Math.min(n, from + 8192);
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
