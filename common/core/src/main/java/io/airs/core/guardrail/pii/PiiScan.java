package io.airs.core.guardrail.pii;

import io.airs.core.Finding;
import java.util.List;

/**
 * One pass of {@link PiiGuardrail} over one text. Scanners return the end of what they accepted, or
 * -1; the pass then resumes after the accepted span so no value is reported twice.
 */
final class PiiScan {

    private static final int NONE = -1;

    private static final CueWords PHONE_CUES_BEFORE = new CueWords(
            "phone",
            "tel",
            "mobile",
            "mob:",
            "cell",
            "fax",
            "call",
            "ring",
            "dial",
            "text me",
            "sms",
            "whatsapp",
            "desk",
            "office",
            "contact",
            "reach",
            "answer",
            "messag",
            "hotline",
            "landline",
            "telefon",
            "téléphone",
            "handy",
            "ph:",
            "ph.",
            "#:");
    private static final CueWords PHONE_CUES_AFTER =
            new CueWords("office", "fax", "mobile", "cell", "home", "work", "phone", "tel");
    private static final CueWords DOB_CUES =
            new CueWords("born", "birth", "dob", "d.o.b", "geboren", "né le", "née le");
    private static final CueWords SSN_CUES = new CueWords("ssn", "social security", "social-security", "ss#", "ss #");
    private static final CueWords DL_CUES = new CueWords(
            "driver's licen",
            "drivers licen",
            "driver licen",
            "driving licen",
            "driver’s licen",
            "licence number",
            "license number",
            "licence no",
            "license no",
            "dl#",
            "dl no",
            "dl number");
    private static final CueWords PASSPORT_CUES = new CueWords("passport", "reisepass", "passeport", "pasaporte");
    private static final CueWords CARD_CUES = new CueWords(
            "card",
            "cc ",
            "cc:",
            "cc#",
            "visa",
            "mastercard",
            "amex",
            "maestro",
            "jcb",
            "discover",
            "diners",
            "credit",
            "debit",
            "payment",
            "karte",
            "carte",
            "tarjeta");
    private static final CueWords VERSION_CUES = new CueWords("version", "ver.", "release", "build", "v.");
    private static final String[] MONTHS = {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december"
    };

    private final String s;
    /** The text's characters: indexing an array is cheaper than {@link String#charAt} on every step. */
    private final char[] t;

    private final int n;
    private final PiiConfig config;
    private final List<Finding> out;
    private final byte[] digits = new byte[20];
    private int lastEnd;
    /** The first digit at or after the last query of {@link #nextDigit}. */
    private int nextDigit = -1;

    private boolean digitsLocated;
    /** Bit k is set when character k is an ASCII digit; null when there were too many to locate. */
    private long[] digitBits;
    /** The first character at or after the last queried word end that is not {@link #isPlain}. */
    private int plainEnd = -1;
    /** The digit {@link #streetStart} was last worked out for, and where a street name ends before it. */
    private int streetDigit = -1;

    private int streetStart = -1;
    /** Where the word last examined by {@link #word} ends. */
    private int wordEnd;

    // Working space of the card and phone scanners, allocated on first use and reused for the text.
    private int[] cardGroupEnds;
    private int[] cardGroupCounts;
    private int[] phoneLens;
    private int[] phoneEnds;
    private char[] phoneSeps;
    private boolean[] phoneParens;

    PiiScan(String text, PiiConfig config, List<Finding> out) {
        this.s = text;
        this.t = text.toCharArray();
        this.n = t.length;
        this.config = config;
        this.out = out;
    }

    /** The text's characters, which the tagger reads after the scan. */
    char[] chars() {
        return t;
    }

    void run() {
        char[] t = this.t;
        int i = 0;
        while (i < t.length) {
            char c = t[i];
            if (c == ' ') {
                i++;
                continue;
            }
            int end = NONE;
            if (isLetter(c)) {
                if (boundaryBefore(i)) {
                    end = word(i);
                    if (end <= i) {
                        // Nothing starts inside the word just examined.
                        i = wordEnd;
                        continue;
                    }
                }
            } else if (c >= '0' && c <= '9') {
                if (boundaryBefore(i)) {
                    end = numeric(i);
                }
            } else if (c == '+' || c == '(') {
                if (boundaryBefore(i) && i + 1 < n && isDigit(t[i + 1])) {
                    end = phone(i);
                }
            } else if (c == '@') {
                end = email(i);
            }
            if (end > i) {
                lastEnd = end;
                i = end;
            } else if (isAlnum(c)) {
                // Inside a run of letters and digits no boundary holds, so no scanner can start.
                i = alnumEnd(i + 1);
            } else {
                i++;
            }
        }
    }

    /**
     * Whether a number follows the word {@code [i, w)} within a few plain words ("Villacher Strasse
     * 89", "March 5"), the precondition of every street and date scanner that starts at a word: the
     * first character after the word that is neither a letter nor a space, dot, apostrophe, hyphen or
     * slash must be a digit no more than 40 characters from {@code i}, and the word itself plain.
     * Queries move forward only, so the text is walked once; the street name that may end before
     * that digit is looked for once per digit.
     */
    private boolean numberFollowsWords(int i, int w) {
        int digit = nextDigit(w);
        if (digit - i > 40 || digit == n) {
            // Also when no digit follows at all: most words in prose end here.
            return false;
        }
        if (plainEnd < w) {
            int k = w;
            while (k < digit && isPlain(t[k])) {
                k++;
            }
            plainEnd = k;
        }
        int k = plainEnd;
        if (k != digit) {
            return false;
        }
        for (int j = i; j < w; j++) {
            if (!isPlain(t[j])) {
                return false;
            }
        }
        streetStartFor(k);
        return true;
    }

    /**
     * Where a street name ends right before the house number at digit {@code k}, the start of that
     * name, else -1; worked out once per digit and kept in {@link #streetStart}.
     */
    private int streetStartFor(int k) {
        if (streetDigit != k) {
            streetDigit = k;
            int houseNumber = digitRun(k, 4);
            streetStart = houseNumber >= 1 && houseNumber <= 4 ? streetStartBefore(k) : -1;
        }
        return streetStart;
    }

    /**
     * The first ASCII digit at or after {@code from}, or the text length. Queries move forward
     * only; the answer is kept until the scan passes it.
     */
    private int nextDigit(int from) {
        if (nextDigit >= from) {
            return nextDigit;
        }
        if (!digitsLocated) {
            digitsLocated = true;
            digitBits = locateDigits();
        }
        int k = n;
        if (digitBits != null) {
            int word = from >>> 6;
            long bits = word < digitBits.length ? digitBits[word] & (-1L << from) : 0;
            while (bits == 0 && ++word < digitBits.length) {
                bits = digitBits[word];
            }
            if (bits != 0) {
                k = (word << 6) + Long.numberOfTrailingZeros(bits);
            }
        } else {
            k = from;
            while (k < n && !isDigit(t[k])) {
                k++;
            }
        }
        nextDigit = k;
        return k;
    }

    /**
     * Marks where the digits are, one bit per character. Prose has few digits, and {@link
     * String#indexOf(int, int)} finds each one with vector instructions, which beats testing every
     * character; a text with many digits gives up early (null) and is walked character by character.
     */
    private long[] locateDigits() {
        long[] bits = new long[(n + 63) >>> 6];
        int budget = 16 + n / 48;
        for (char d = '0'; d <= '9'; d++) {
            for (int k = s.indexOf(d); k >= 0; k = s.indexOf(d, k + 1)) {
                if (--budget < 0) {
                    return null;
                }
                bits[k >>> 6] |= 1L << k;
            }
        }
        return bits;
    }

    /**
     * Whether the word {@code [i, w)}, with a digit at most 40 characters on, could begin something
     * that ends in a number: a month name, a unit or box line, a street prefix, or the street name
     * that ends right before that digit. Only then is it worth asking {@link #numberFollowsWords};
     * for any other word the answer would change nothing.
     */
    private boolean mayPrecedeNumber(int i, int w) {
        int digit = nextDigit(w);
        if (digit - i > 40 || digit == n) {
            return false;
        }
        return streetStartFor(digit) == i || NUMBER_OPENERS.contains(s, i, w);
    }

    /** What may stand between a street or month name and its number. */
    private static boolean isPlain(char c) {
        return isLetter(c) || c == ' ' || c == '.' || c == '\'' || c == '-' || c == '/';
    }

    private void emit(PiiEntityType type, int start, int end) {
        if (config.reports(type)) {
            out.add(type.finding(start, end));
        }
    }

    // ---------------------------------------------------------------- character classes

    static boolean isDigit(char c) {
        return (char) (c - '0') <= 9;
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(char c) {
        if (c < 0x80) {
            return isAsciiLetter(c) || isDigit(c);
        }
        return Character.isLetterOrDigit(c);
    }

    private static char toLowerCase(char c) {
        return c < 0x80 ? WordSet.lower(c) : Character.toLowerCase(c);
    }

    static boolean isLetter(char c) {
        return c < 0x80 ? isAsciiLetter(c) : Character.isLetter(c);
    }

    static boolean isUpperCase(char c) {
        return c < 0x80 ? c >= 'A' && c <= 'Z' : Character.isUpperCase(c);
    }

    /** The end of the run of letters and digits that starts at {@code j}. */
    private int alnumEnd(int j) {
        int k = j;
        while (k < n && isAlnum(t[k])) {
            k++;
        }
        return k;
    }

    private char at(int i) {
        return i >= 0 && i < n ? t[i] : '\0';
    }

    /** A value may start here: not inside a word, number, path or URL-encoded sequence. */
    private boolean boundaryBefore(int i) {
        // Small enough to be inlined in the main loop, where the character before is mostly a space.
        return i == 0 || t[i - 1] == ' ' || boundaryAfterOther(i);
    }

    private boolean boundaryAfterOther(int i) {
        char p = t[i - 1];
        return !(isAlnum(p)
                || p == '.'
                || p == '_'
                || p == '-'
                || p == '/'
                || p == '@'
                || p == '%'
                || p == '&'
                || p == '='
                || p == '+'
                || p == '\'' && i >= 2 && isAlnum(t[i - 2]));
    }

    /** A value may end here: not followed by more of a word, or by a separator that continues it. */
    private boolean boundaryAfter(int j) {
        if (j >= n) {
            return true;
        }
        char c = t[j];
        if (isAlnum(c) || c == '_' || c == '@') {
            return false;
        }
        if ((c == '.' || c == '-' || c == '/') && j + 1 < n && isDigit(t[j + 1])) {
            // "1.2.3.4.5" or "12-34-56-78": the digits go on, so this is part of something longer.
            return false;
        }
        return true;
    }

    private boolean cueBefore(int start, int window, CueWords cues) {
        int from = Math.max(0, start - window);
        for (int k = from; k < start; k++) {
            char raw = t[k];
            if (!cues.mayStartWith(raw) || k > 0 && !cueMayStartAfter(t[k - 1])) {
                continue;
            }
            char c = Character.toLowerCase(raw);
            for (String cue : cues.words()) {
                if (cue.charAt(0) == c && k + cue.length() <= start && s.regionMatches(true, k, cue, 0, cue.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Cue words start a word; a redaction token such as {@code <PHONE_NUMBER_1>} is not a cue, so
     * redacted text scans the same way twice.
     */
    private static boolean cueMayStartAfter(char p) {
        return !(isAlnum(p) || p == '<' || p == '_');
    }

    private boolean cueAfter(int end, int window, CueWords cues) {
        int to = Math.min(n, end + window);
        for (int k = end; k < to; k++) {
            char raw = t[k];
            if (!cues.mayStartWith(raw) || k > 0 && !cueMayStartAfter(t[k - 1])) {
                continue;
            }
            char c = Character.toLowerCase(raw);
            for (String cue : cues.words()) {
                if (cue.charAt(0) == c && k + cue.length() <= n && s.regionMatches(true, k, cue, 0, cue.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private int digitRun(int j, int max) {
        int k = j;
        while (k < n && isDigit(t[k]) && k - j <= max) {
            k++;
        }
        return k - j;
    }

    private int num(int j, int len) {
        int v = 0;
        for (int k = j; k < j + len; k++) {
            v = v * 10 + (t[k] - '0');
        }
        return v;
    }

    // ---------------------------------------------------------------- dispatch

    /** A digit at a token start: dates, IPs, MACs, licence numbers, SSNs, cards, phones, wallets. */
    private int numeric(int i) {
        int end;
        if ((end = date(i)) > 0) {
            return end;
        }
        if ((end = ipv4(i)) > 0) {
            return end;
        }
        if ((end = hexColon(i)) > 0) {
            return end;
        }
        if ((end = cuedDocument(i)) > 0) {
            return end;
        }
        if ((end = ssn(i)) > 0) {
            return end;
        }
        if ((end = card(i)) > 0) {
            return end;
        }
        if ((end = crypto(i)) > 0) {
            return end;
        }
        if ((end = phone(i)) > 0) {
            return end;
        }
        return address(i);
    }

    private boolean allHex(int from, int to) {
        for (int k = from; k < to; k++) {
            if (!isHex(t[k])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A letter at a token start. Most words of prose are letters only, no number follows them
     * closely and they are neither a URL start nor short enough to be a title or name cue: those
     * are settled here, in a method small enough to inline into the main loop, and only the rest
     * go through {@link #wordScanners}.
     */
    private int word(int i) {
        char[] t = this.t;
        int w = i + 1;
        while (w < t.length && isAsciiLetter(t[w])) {
            w++;
        }
        if (w < t.length && isAlnum(t[w])) {
            return wordScanners(i);
        }
        wordEnd = w;
        int len = w - i;
        char c = t[i];
        char c1 = at(i + 1);
        char next = at(w);
        boolean inert = !((c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W')
                        && (c1 == 't' || c1 == 'T' || c1 == 'w' || c1 == 'W'))
                && (len > 5 || !isNameInitial(toLowerCase(c)))
                && !(len <= 4 && (next == ':' || next == '-' || next == '.'))
                && !(len == 2 && next == ' ' && isDigit(at(w + 1)))
                // a capitalised word may be a known first name
                && !(len >= 2 && isUpperCase(c));
        if (inert && !mayPrecedeNumber(i, w)) {
            return NONE;
        }
        return wordScanners(i);
    }

    /**
     * The first letters of a title or a name cue (Mr, Dr, Prof, my name is, I am called, call me,
     * named, was called, directed by).
     */
    private static boolean isNameInitial(char c) {
        return c == 'm' || c == 'd' || c == 'p' || c == 'n' || c == 'i' || c == 'c' || c == 'w' || c == 'b';
    }

    /** Every scanner that may start at a word: URLs, IBANs, NINOs, IPv6/MAC, wallets, dates, names. */
    private int wordScanners(int i) {
        char c = t[i];
        int end;
        char c1 = at(i + 1);
        if ((c == 'h' || c == 'H' || c == 'f' || c == 'F' || c == 'w' || c == 'W')
                && (c1 == 't' || c1 == 'T' || c1 == 'w' || c1 == 'W')
                && (end = url(i)) > 0) {
            return end;
        }
        // One pass over the word decides which of the costlier scanners can apply at all.
        int w = i + 1;
        while (w < n && isAsciiLetter(t[w])) {
            w++;
        }
        boolean hasDigit = false;
        while (w < n && isAlnum(t[w])) {
            hasDigit |= isDigit(t[w]);
            w++;
        }
        wordEnd = w;
        int len = w - i;
        char next = at(w);
        boolean spacedNino = len == 2 && next == ' ' && isDigit(at(w + 1));
        if ((hasDigit && len >= 4 || spacedNino) && isAsciiLetter(c) && isAsciiLetter(t[i + 1])) {
            if (isDigit(t[i + 2]) && isDigit(t[i + 3]) && (end = iban(i)) > 0) {
                return end;
            }
            if ((end = nino(i)) > 0) {
                return end;
            }
        }
        if (len <= 4 && (next == ':' || next == '-' || next == '.') && allHex(i, w) && (end = hexColon(i)) > 0) {
            return end;
        }
        if (hasDigit && (c == 'b' || c == 'B' || c == 't' || c == 'T') && (end = crypto(i)) > 0) {
            return end;
        }
        boolean digitSoon = !hasDigit && mayPrecedeNumber(i, w) && numberFollowsWords(i, w);
        if (digitSoon
                && !spacedNino
                && len >= 3
                && len <= 9
                && (next == ' ' || next == '.')
                && (end = monthFirstDate(i)) > 0) {
            return end;
        }
        if (hasDigit && (end = cuedDocument(i)) > 0) {
            return end;
        }
        if (!hasDigit && len <= 30) {
            if (!digitSoon && len > 5) {
                // Titles and name cues are short words; past them only a known first name starts here.
                return knownFirstName(i, w);
            }
            end = person(i, w, digitSoon);
            return end > 0 ? end : knownFirstName(i, w);
        }
        return NONE;
    }

    // ---------------------------------------------------------------- dates

    private PiiEntityType dateType(int start) {
        return cueBefore(start, 40, DOB_CUES) ? PiiEntityType.DATE_OF_BIRTH : PiiEntityType.DATE_TIME;
    }

    private static boolean plausibleYear(int y) {
        return y >= 1900 && y <= 2099;
    }

    private int date(int i) {
        int a = digitRun(i, 4);
        if (a == 4) {
            // ISO-like: yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd, with an optional time.
            char sep = at(i + 4);
            if ((sep == '-' || sep == '/' || sep == '.') && plausibleYear(num(i, 4))) {
                int j = i + 5;
                int m = digitRun(j, 2);
                if (m >= 1 && m <= 2 && at(j + m) == sep) {
                    int mo = num(j, m);
                    int k = j + m + 1;
                    int d = digitRun(k, 2);
                    if (d >= 1 && d <= 2 && mo >= 1 && mo <= 12) {
                        int day = num(k, d);
                        int end = k + d;
                        if (day >= 1 && day <= 31) {
                            end = time(end);
                            if (boundaryAfter(end)) {
                                emit(dateType(i), i, end);
                                return end;
                            }
                        }
                    }
                }
            }
            return NONE;
        }
        if (a == 1 || a == 2) {
            char sep = at(i + a);
            if (sep == '/' || sep == '-' || sep == '.') {
                int j = i + a + 1;
                int b = digitRun(j, 2);
                if (b >= 1 && b <= 2 && at(j + b) == sep) {
                    int x = num(i, a);
                    int y = num(j, b);
                    int k = j + b + 1;
                    int c = digitRun(k, 4);
                    boolean yearOk = (c == 4 && plausibleYear(num(k, 4))) || (c == 2 && sep == '/');
                    if (yearOk && x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)) {
                        int end = time(k + c);
                        if (boundaryAfter(end)) {
                            emit(dateType(i), i, end);
                            return end;
                        }
                    }
                }
            } else if (sep == ' ' || isAsciiLetter(sep)) {
                // "5 March 1990", "21st of June, 1985"
                int day = num(i, a);
                int j = i + a;
                if (j + 1 < n && isAsciiLetter(t[j])) {
                    int w = j;
                    while (w < n && isAsciiLetter(t[w])) {
                        w++;
                    }
                    if (!(w - j == 2 && isOrdinalSuffix(WordSet.lower(t[j]), WordSet.lower(t[j + 1])))) {
                        return NONE;
                    }
                    j = w;
                }
                if (day < 1 || day > 31 || at(j) != ' ') {
                    return NONE;
                }
                j++;
                if (s.regionMatches(true, j, "of ", 0, 3)) {
                    j += 3;
                }
                int me = monthName(j);
                if (me < 0) {
                    return NONE;
                }
                int k = me;
                if (at(k) == ',') {
                    k++;
                }
                if (at(k) != ' ') {
                    return NONE;
                }
                k++;
                if (digitRun(k, 4) == 4 && plausibleYear(num(k, 4)) && boundaryAfter(k + 4)) {
                    emit(dateType(i), i, k + 4);
                    return k + 4;
                }
            }
        }
        return NONE;
    }

    private static boolean isOrdinalSuffix(char a, char b) {
        return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
    }

    /** Extends a date over " hh:mm[:ss]" or "Thh:mm[:ss]" when present. */
    private int time(int j) {
        char sep = at(j);
        if ((sep == ' ' || sep == 'T') && digitRun(j + 1, 2) == 2 && at(j + 3) == ':' && digitRun(j + 4, 2) == 2) {
            int hh = num(j + 1, 2);
            int mm = num(j + 4, 2);
            if (hh > 23 || mm > 59) {
                return j;
            }
            int e = j + 6;
            if (at(e) == ':' && digitRun(e + 1, 2) == 2 && num(e + 1, 2) <= 60) {
                e += 3;
            }
            return e;
        }
        return j;
    }

    /** The end of a month name (full, or three letters with an optional dot) at {@code j}, or -1. */
    private int monthName(int j) {
        // The months differ in their first three letters, so those pick the only candidate.
        if (!(isAsciiLetter(at(j)) && isAsciiLetter(at(j + 1)) && isAsciiLetter(at(j + 2)))) {
            return -1;
        }
        int m = monthByAbbreviation(WordSet.lower(t[j]), WordSet.lower(t[j + 1]), WordSet.lower(t[j + 2]));
        if (m < 0) {
            return -1;
        }
        int w = j + 3;
        while (w < n && isAsciiLetter(t[w])) {
            w++;
        }
        int len = w - j;
        String month = MONTHS[m];
        if (len == month.length() && s.regionMatches(true, j, month, 0, len)) {
            return w;
        }
        if (len == 3 || (len == 4 && m == 8 && WordSet.lower(t[j + 3]) == 't')) {
            return at(w) == '.' ? w + 1 : w;
        }
        return -1;
    }

    /** The index in {@link #MONTHS} of the month abbreviated by three lower-case letters, or -1. */
    private static int monthByAbbreviation(char a, char b, char c) {
        return switch (a << 16 | b << 8 | c) {
            case 'j' << 16 | 'a' << 8 | 'n' -> 0;
            case 'f' << 16 | 'e' << 8 | 'b' -> 1;
            case 'm' << 16 | 'a' << 8 | 'r' -> 2;
            case 'a' << 16 | 'p' << 8 | 'r' -> 3;
            case 'm' << 16 | 'a' << 8 | 'y' -> 4;
            case 'j' << 16 | 'u' << 8 | 'n' -> 5;
            case 'j' << 16 | 'u' << 8 | 'l' -> 6;
            case 'a' << 16 | 'u' << 8 | 'g' -> 7;
            case 's' << 16 | 'e' << 8 | 'p' -> 8;
            case 'o' << 16 | 'c' << 8 | 't' -> 9;
            case 'n' << 16 | 'o' << 8 | 'v' -> 10;
            case 'd' << 16 | 'e' << 8 | 'c' -> 11;
            default -> -1;
        };
    }

    /** "March 5, 1990", "Mar. 5th 1990". */
    private int monthFirstDate(int i) {
        int me = monthName(i);
        if (me < 0 || at(me) != ' ') {
            return NONE;
        }
        int j = me + 1;
        int d = digitRun(j, 2);
        if (d < 1 || d > 2) {
            return NONE;
        }
        int day = num(j, d);
        j += d;
        if (at(j) == 's' || at(j) == 'n' || at(j) == 'r' || at(j) == 't') {
            j += 2;
        }
        if (at(j) == ',') {
            j++;
        }
        if (day < 1 || day > 31 || at(j) != ' ') {
            return NONE;
        }
        j++;
        if (digitRun(j, 4) == 4 && plausibleYear(num(j, 4)) && boundaryAfter(j + 4)) {
            emit(dateType(i), i, j + 4);
            return j + 4;
        }
        return NONE;
    }

    // ---------------------------------------------------------------- network

    private int ipv4(int i) {
        int j = i;
        for (int octet = 0; octet < 4; octet++) {
            int len = digitRun(j, 3);
            if (len < 1 || len > 3 || (len > 1 && t[j] == '0') || num(j, len) > 255) {
                return NONE;
            }
            j += len;
            if (octet < 3) {
                if (at(j) != '.') {
                    return NONE;
                }
                j++;
            }
        }
        if (!boundaryAfter(j) || (at(j) == '.' && isDigit(at(j + 1)))) {
            return NONE;
        }
        if (precededByVersionWord(i)) {
            return NONE;
        }
        emit(PiiEntityType.IP_ADDRESS, i, j);
        return j;
    }

    private boolean precededByVersionWord(int i) {
        return cueBefore(i, 10, VERSION_CUES);
    }

    /** MAC addresses (aa:bb:cc:dd:ee:ff, aa-bb-..., aabb.ccdd.eeff) and IPv6 addresses. */
    private int hexColon(int i) {
        // Colon/dash MAC: exactly six pairs with one consistent separator.
        if (isHex(at(i)) && isHex(at(i + 1)) && (at(i + 2) == ':' || at(i + 2) == '-')) {
            char sep = at(i + 2);
            int j = i;
            int pairs = 0;
            while (pairs < 6 && isHex(at(j)) && isHex(at(j + 1))) {
                pairs++;
                j += 2;
                if (pairs < 6) {
                    if (at(j) != sep) {
                        break;
                    }
                    j++;
                }
            }
            if (pairs == 6 && !isHex(at(j)) && at(j) != sep && boundaryAfter(j)) {
                emit(PiiEntityType.MAC_ADDRESS, i, j);
                return j;
            }
        }
        // Cisco dotted MAC.
        if (i + 14 <= n && at(i + 4) == '.' && at(i + 9) == '.') {
            boolean ok = true;
            for (int k = 0; k < 14 && ok; k++) {
                ok = (k == 4 || k == 9) || isHex(t[i + k]);
            }
            if (ok && boundaryAfter(i + 14)) {
                emit(PiiEntityType.MAC_ADDRESS, i, i + 14);
                return i + 14;
            }
        }
        return ipv6(i);
    }

    private int ipv6(int i) {
        // A first group of hex digits must be followed by a colon; most numbers in prose are not.
        int first = 0;
        while (first < 5 && isHex(at(i + first))) {
            first++;
        }
        if (first > 4 || (first > 0 && at(i + first) != ':')) {
            return NONE;
        }
        int j = i;
        int groups = 0;
        int colons = 0;
        int hexDigits = 0;
        boolean compressed = false;
        int lastGood = NONE;
        while (j < n) {
            int g = j;
            while (j < n && isHex(t[j]) && j - g < 5) {
                j++;
            }
            int len = j - g;
            if (len > 4) {
                return NONE;
            }
            if (len > 0 && at(j) == '.' && groups >= 2 && groups <= 6) {
                // Embedded IPv4 tail such as ::ffff:192.0.2.1
                int end = ipv4Shape(g);
                if (end > 0) {
                    groups += 2;
                    j = end;
                    lastGood = j;
                    break;
                }
                return NONE;
            }
            if (len > 0) {
                groups++;
                hexDigits += len;
                lastGood = j;
            }
            if (at(j) == ':') {
                if (at(j + 1) == ':') {
                    if (compressed) {
                        return NONE;
                    }
                    compressed = true;
                    colons += 2;
                    j += 2;
                    lastGood = j;
                    if (!isHex(at(j))) {
                        break;
                    }
                    continue;
                }
                if (len == 0) {
                    return NONE;
                }
                colons++;
                j++;
                if (!isHex(at(j))) {
                    break;
                }
                continue;
            }
            break;
        }
        if (lastGood <= i || colons < 2 || hexDigits < 4) {
            return NONE;
        }
        int end = lastGood;
        if (at(end - 1) == ':' && !(at(end - 2) == ':')) {
            return NONE;
        }
        boolean valid = compressed ? groups >= 2 && groups < 8 : groups == 8;
        if (!valid || !boundaryAfter(end) || at(end) == ':') {
            return NONE;
        }
        emit(PiiEntityType.IP_ADDRESS, i, end);
        return end;
    }

    private int ipv4Shape(int i) {
        int j = i;
        for (int octet = 0; octet < 4; octet++) {
            int len = digitRun(j, 3);
            if (len < 1 || len > 3 || num(j, len) > 255) {
                return NONE;
            }
            j += len;
            if (octet < 3) {
                if (at(j) != '.') {
                    return NONE;
                }
                j++;
            }
        }
        return j;
    }

    private int url(int i) {
        int j;
        if (s.regionMatches(true, i, "https://", 0, 8)) {
            j = i + 8;
        } else if (s.regionMatches(true, i, "http://", 0, 7)) {
            j = i + 7;
        } else if (s.regionMatches(true, i, "ftp://", 0, 6)) {
            j = i + 6;
        } else if (s.regionMatches(true, i, "www.", 0, 4)) {
            j = i + 4;
        } else {
            return NONE;
        }
        int hostStart = j;
        boolean dot = false;
        while (j < n) {
            char c = t[j];
            if (isAlnum(c) || c == '-') {
                j++;
            } else if (c == '.' && j + 1 < n && isAlnum(t[j + 1])) {
                dot = true;
                j++;
            } else {
                break;
            }
        }
        if (j == hostStart || (!dot && !s.regionMatches(true, hostStart, "localhost", 0, 9))) {
            return NONE;
        }
        if (at(j) == ':' && isDigit(at(j + 1))) {
            j++;
            while (isDigit(at(j))) {
                j++;
            }
        }
        if (at(j) == '/' || at(j) == '?' || at(j) == '#') {
            while (j < n) {
                char c = t[j];
                if (Character.isWhitespace(c)
                        || c == '<'
                        || c == '>'
                        || c == '"'
                        || c == '`'
                        || c == '|'
                        || c == '\\'
                        || c == '{'
                        || c == '}') {
                    break;
                }
                j++;
            }
            while (j > hostStart) {
                char c = t[j - 1];
                if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\'' || c == ')'
                        || c == ']') {
                    if ((c == ')' && balanced(i, j, '(', ')')) || (c == ']' && balanced(i, j, '[', ']'))) {
                        break;
                    }
                    j--;
                } else {
                    break;
                }
            }
        }
        emit(PiiEntityType.URL, i, j);
        return j;
    }

    /** Whether the closing brackets in [from, to) are all matched by opening ones. */
    private boolean balanced(int from, int to, char open, char close) {
        int depth = 0;
        for (int k = from; k < to; k++) {
            char c = t[k];
            if (c == open) {
                depth++;
            } else if (c == close) {
                depth--;
            }
        }
        return depth >= 0;
    }

    private static boolean emailLocalChar(char c) {
        return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || c == '\'';
    }

    private int email(int at) {
        int b = at;
        while (b > lastEnd && b > 0 && emailLocalChar(t[b - 1]) && at - b < 64) {
            b--;
        }
        while (b < at && (t[b] == '.' || t[b] == '\'' || t[b] == '-')) {
            b++;
        }
        if (b == at || t[at - 1] == '.' || (b > 0 && (t[b - 1] == '/' || t[b - 1] == ':'))) {
            return NONE;
        }
        int j = at + 1;
        int labels = 0;
        int tldStart = j;
        while (j < n) {
            int ls = j;
            while (j < n && (isAlnum(t[j]) || t[j] == '-') && j - ls < 63) {
                j++;
            }
            if (j == ls || t[ls] == '-' || t[j - 1] == '-') {
                return NONE;
            }
            labels++;
            tldStart = ls;
            if (at(j) == '.' && j + 1 < n && isAlnum(t[j + 1])) {
                j++;
            } else {
                break;
            }
        }
        if (labels < 2 || j - tldStart < 2) {
            return NONE;
        }
        for (int k = tldStart; k < j; k++) {
            if (!isLetter(t[k]) && !(s.regionMatches(true, tldStart, "xn--", 0, 4))) {
                return NONE;
            }
        }
        emit(PiiEntityType.EMAIL_ADDRESS, b, j);
        return j;
    }

    // ---------------------------------------------------------------- national numbers

    private int ssn(int i) {
        if (digitRun(i, 3) == 3) {
            char sep = at(i + 3);
            if ((sep == '-' || sep == ' ') && digitRun(i + 4, 2) == 2 && at(i + 6) == sep && digitRun(i + 7, 4) == 4) {
                int end = i + 11;
                if (boundaryAfter(end) && !(at(end) == sep && isDigit(at(end + 1)))) {
                    boolean cued = cueBefore(i, 40, SSN_CUES);
                    if ((sep == '-' || cued) && Checksums.validSsn(num(i, 3), num(i + 4, 2), num(i + 7, 4))) {
                        emit(PiiEntityType.US_SSN, i, end);
                        return end;
                    }
                }
            }
        }
        if (digitRun(i, 9) == 9 && boundaryAfter(i + 9) && cueBefore(i, 40, SSN_CUES)) {
            if (Checksums.validSsn(num(i, 3), num(i + 3, 2), num(i + 5, 4))) {
                emit(PiiEntityType.US_SSN, i, i + 9);
                return i + 9;
            }
        }
        return NONE;
    }

    private int card(int i) {
        if (!(isDigit(at(i + 1)) && isDigit(at(i + 2)) && isDigit(at(i + 3)))) {
            // A first group shorter than four digits is never followed by another.
            return NONE;
        }
        // Collect digit groups; a card may be followed by more numbers (another card, a date), so
        // every group boundary with 12-19 digits so far is a candidate, longest first.
        if (cardGroupEnds == null) {
            cardGroupEnds = new int[8];
            cardGroupCounts = new int[8];
        }
        int[] groupEnds = cardGroupEnds;
        int[] groupCounts = cardGroupCounts;
        int groups = 0;
        int j = i;
        int count = 0;
        char sep = 0;
        while (j < n && groups < 8) {
            int g = j;
            while (j < n && isDigit(t[j]) && count < 20) {
                if (count < 19) {
                    digits[count] = (byte) (t[j] - '0');
                }
                count++;
                j++;
            }
            int glen = j - g;
            if (count > 19 || (sep != 0 && glen < 3)) {
                break;
            }
            groupEnds[groups] = j;
            groupCounts[groups++] = count;
            char c = at(j);
            if ((c == ' ' || c == '-') && isDigit(at(j + 1)) && (sep == 0 || sep == c) && glen >= 4) {
                sep = c;
                j++;
                continue;
            }
            break;
        }
        boolean cued = false;
        boolean cueChecked = false;
        for (int g = groups - 1; g >= 0; g--) {
            int cnt = groupCounts[g];
            int end = groupEnds[g];
            if (cnt < 12 || (g == groups - 1 && !boundaryAfter(end)) || isAlnum(at(end))) {
                continue;
            }
            if (!Checksums.luhn(digits, cnt)) {
                continue;
            }
            // Issuers outside the published ranges (regional Maestro, co-branded JCB, private label)
            // still pass Luhn; a nearby word naming a card is then enough evidence.
            if (!Checksums.knownCardIssuer(digits, cnt)) {
                if (!cueChecked) {
                    cued = cueBefore(i, 40, CARD_CUES);
                    cueChecked = true;
                }
                if (!cued) {
                    continue;
                }
            }
            emit(PiiEntityType.CREDIT_CARD, i, end);
            return end;
        }
        return NONE;
    }

    /** Licence and passport numbers, only where a cue word names them. */
    private int cuedDocument(int i) {
        int j = i;
        int digitsSeen = 0;
        int letters = 0;
        while (j < n) {
            char c = t[j];
            if (isDigit(c)) {
                digitsSeen++;
            } else if (isAsciiLetter(c)) {
                letters++;
            } else if (c == '-' && isDigit(at(j - 1)) && isDigit(at(j + 1))) {
                // grouped digits such as 2270-66-1551
            } else {
                break;
            }
            j++;
            if (j - i > 20) {
                return NONE;
            }
        }
        int len = j - i;
        if (digitsSeen < 5 || letters > 3 || len < 6 || !boundaryAfter(j)) {
            return NONE;
        }
        PiiEntityType type;
        if (cueBefore(i, 40, DL_CUES)) {
            type = PiiEntityType.US_DRIVER_LICENSE;
        } else if (cueBefore(i, 40, PASSPORT_CUES)) {
            type = PiiEntityType.PASSPORT;
        } else {
            return NONE;
        }
        emit(type, i, j);
        return j;
    }

    private static boolean ninoFirst(char c) {
        return c >= 'A' && c <= 'Z' && "DFIQUV".indexOf(c) < 0;
    }

    private static boolean ninoSecond(char c) {
        return c >= 'A' && c <= 'Z' && "DFIOQUV".indexOf(c) < 0;
    }

    /** UK National Insurance number: two prefix letters, six digits (optionally paired), A-D. */
    private int nino(int i) {
        char a = Character.toUpperCase(t[i]);
        char b = Character.toUpperCase(t[i + 1]);
        if (!ninoFirst(a) || !ninoSecond(b)) {
            return NONE;
        }
        if ((a == 'B' && b == 'G')
                || (a == 'G' && b == 'B')
                || (a == 'K' && b == 'N')
                || (a == 'N' && b == 'K')
                || (a == 'N' && b == 'T')
                || (a == 'T' && b == 'N')
                || (a == 'Z' && b == 'Z')) {
            return NONE;
        }
        int j = i + 2;
        boolean spaced = at(j) == ' ';
        for (int pair = 0; pair < 3; pair++) {
            if (spaced) {
                if (at(j) != ' ') {
                    return NONE;
                }
                j++;
            }
            if (!isDigit(at(j)) || !isDigit(at(j + 1))) {
                return NONE;
            }
            j += 2;
        }
        if (spaced && at(j) == ' ') {
            j++;
        }
        char suffix = Character.toUpperCase(at(j));
        if (suffix < 'A' || suffix > 'D' || !boundaryAfter(j + 1)) {
            return NONE;
        }
        emit(PiiEntityType.UK_NINO, i, j + 1);
        return j + 1;
    }

    private int iban(int i) {
        char c0 = Character.toUpperCase(t[i]);
        char c1 = Character.toUpperCase(t[i + 1]);
        int len = Checksums.ibanLength(c0, c1);
        if (len == 0) {
            return NONE;
        }
        char[] buf = new char[len];
        int k = 0;
        int j = i;
        while (k < len && j < n) {
            char c = t[j];
            if (isDigit(c) || isAsciiLetter(c)) {
                buf[k++] = Character.toUpperCase(c);
                j++;
            } else if (c == ' ' && k > 0 && k % 4 == 0 && j + 1 < n && isAlnum(t[j + 1])) {
                j++;
            } else {
                break;
            }
        }
        if (k != len || !boundaryAfter(j) || !Checksums.ibanMod97(buf, len)) {
            return NONE;
        }
        emit(PiiEntityType.IBAN_CODE, i, j);
        return j;
    }

    /** Bitcoin (Base58Check and Bech32) and Ethereum addresses. */
    private int crypto(int i) {
        char c = t[i];
        int j = i;
        while (j < n && isAlnum(t[j]) && j - i <= 90) {
            j++;
        }
        int len = j - i;
        if (!boundaryAfter(j)) {
            return NONE;
        }
        boolean ok = false;
        if ((c == '1' || c == '3') && len >= 26 && len <= 35) {
            ok = Checksums.base58Check(s, i, j);
        } else if (c == '0' && len == 42 && (at(i + 1) == 'x' || at(i + 1) == 'X')) {
            ok = true;
            for (int k = i + 2; k < j && ok; k++) {
                ok = isHex(t[k]);
            }
        } else if (len >= 14
                && len <= 74
                && (s.regionMatches(true, i, "bc1", 0, 3) || s.regionMatches(true, i, "tb1", 0, 3))) {
            ok = Checksums.bech32(s, i, j);
        }
        if (!ok) {
            return NONE;
        }
        emit(PiiEntityType.CRYPTO, i, j);
        return j;
    }

    // ---------------------------------------------------------------- phones

    private static final int MAX_PHONE_GROUPS = 8;

    private int phone(int i) {
        int j = i;
        boolean plus = false;
        if (at(j) == '+') {
            plus = true;
            j++;
        }
        // Groups of digits (or "(digits)") joined by single separators. Numbers in a list run into
        // each other ("+1 415 555 2671 (415) 555-2671"), so every group boundary is a candidate end.
        if (phoneLens == null) {
            phoneLens = new int[MAX_PHONE_GROUPS];
            phoneEnds = new int[MAX_PHONE_GROUPS];
            phoneSeps = new char[MAX_PHONE_GROUPS];
            phoneParens = new boolean[MAX_PHONE_GROUPS];
        }
        int[] lens = phoneLens;
        int[] ends = phoneEnds;
        char[] seps = phoneSeps;
        boolean[] parens = phoneParens;
        int groups = 0;
        while (j < n && groups < MAX_PHONE_GROUPS) {
            int len;
            boolean paren = false;
            if (at(j) == '(') {
                int k = j + 1;
                len = digitRun(k, 5);
                if (len < 1 || len > 5 || at(k + len) != ')') {
                    break;
                }
                paren = true;
                j = k + len + 1;
            } else {
                int max = plus && groups == 0 ? 15 : 12;
                len = digitRun(j, max);
                if (len < 1 || len > max) {
                    break;
                }
                j += len;
            }
            lens[groups] = len;
            ends[groups] = j;
            parens[groups] = paren;
            groups++;
            char c = at(j);
            if ((c == ' ' || c == '-' || c == '.') && (isDigit(at(j + 1)) || at(j + 1) == '(')) {
                seps[groups - 1] = c;
                j++;
            } else if (at(j - 1) == ')' && isDigit(c)) {
                seps[groups - 1] = ')';
            } else {
                break;
            }
        }
        int digitsInGroups = 0;
        for (int g = 0; g < groups; g++) {
            digitsInGroups += lens[g];
        }
        if (digitsInGroups < 7) {
            // Too few digits for any of the candidates.
            return NONE;
        }
        for (int g = groups; g >= 1; g--) {
            int end = phoneCandidate(i, plus, g, lens, ends, seps, parens, g == groups);
            if (end > 0) {
                emit(PiiEntityType.PHONE_NUMBER, i, end);
                return end;
            }
        }
        return NONE;
    }

    /** Judges the first {@code groups} groups as one phone number: the end of it, or -1. */
    private int phoneCandidate(
            int i, boolean plus, int groups, int[] lens, int[] ends, char[] seps, boolean[] parens, boolean last) {
        int total = 0;
        boolean paren = false;
        boolean dotSep = false;
        boolean otherSep = false;
        for (int g = 0; g < groups; g++) {
            total += lens[g];
            paren |= parens[g];
            if (g < groups - 1) {
                dotSep |= seps[g] == '.';
                otherSep |= seps[g] == ' ' || seps[g] == '-';
            }
        }
        if (total < 7 || total > 15) {
            return NONE;
        }
        if (dotSep && (otherSep || groups < 3)) {
            return NONE;
        }
        for (int g = 0; dotSep && g < groups; g++) {
            if (lens[g] < 2) {
                return NONE;
            }
        }
        int end = ends[groups - 1];
        // Extension: x123, " x123", " ext. 123"
        int e = end;
        boolean ext = false;
        if (last) {
            if ((at(e) == 'x' || at(e) == 'X') && isDigit(at(e + 1))) {
                e++;
                ext = true;
            } else if (at(e) == ' ' && (at(e + 1) == 'x' || at(e + 1) == 'X') && isDigit(at(e + 2))) {
                e += 2;
                ext = true;
            } else if (at(e) == ' ' && s.regionMatches(true, e + 1, "ext", 0, 3)) {
                int k = e + 4;
                if (at(k) == '.') {
                    k++;
                }
                if (at(k) == ' ') {
                    k++;
                }
                if (isDigit(at(k))) {
                    e = k;
                    ext = true;
                }
            }
            if (ext) {
                int len = digitRun(e, 6);
                if (len > 5) {
                    return NONE;
                }
                end = e + len;
            }
            if (!boundaryAfter(end) || at(end) == '%') {
                return NONE;
            }
        } else if (seps[groups - 1] == ')' || seps[groups - 1] == '.' || seps[groups - 1] == '-') {
            // Cutting "415-555-2671" short would report part of one number; only spaces split a list.
            return NONE;
        }
        char before = at(i - 1);
        if (before == '$' || before == '€' || before == '£' || before == '#' || before == '¥') {
            return NONE;
        }
        int firstLen = lens[0];
        boolean nanp = (groups == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4)
                || (groups == 4 && lens[1] == 3 && lens[2] == 3 && lens[3] == 4 && lens[0] <= 3);
        boolean trunk = !plus && t[i] == '0' && groups >= 2 && total >= 9 && total <= 12 && firstLen >= 2;
        boolean strong = (plus && total >= 8) || (paren && total >= 9) || ext || nanp || trunk;
        if (!strong) {
            boolean cued = cueBefore(i, 32, PHONE_CUES_BEFORE) || cueAfter(end, 12, PHONE_CUES_AFTER);
            if (!cued) {
                return NONE;
            }
            if (groups == 1 && !plus && total > 12) {
                return NONE;
            }
        }
        return end;
    }

    // ---------------------------------------------------------------- addresses and names

    private static final String[] STREET_TYPE_WORDS = {
        "street",
        "st",
        "st.",
        "road",
        "rd",
        "rd.",
        "avenue",
        "ave",
        "ave.",
        "drive",
        "dr",
        "dr.",
        "lane",
        "ln",
        "boulevard",
        "blvd",
        "blvd.",
        "court",
        "ct",
        "place",
        "pl",
        "way",
        "terrace",
        "crescent",
        "close",
        "square",
        "sq",
        "parkway",
        "pkwy",
        "highway",
        "hwy",
        "circle",
        "trail",
        "alley",
        "row",
        "walk",
        "str",
        "str."
    };
    private static final WordSet STREET_TYPES = new WordSet(STREET_TYPE_WORDS);
    private static final String[] STREET_SUFFIXES = {
        "strasse", "straße", "str.", "gasse", "weg", "vej", "gata", "gatan", "gade", "katu", "kuja", "tie", "laan",
        "straat", "vägen", "veien", "vegen", "gränd", "plein", "platz", "allee", "utca", "street", "road", "avenue"
    };
    /** The street suffixes reversed: which letters can end one, tested before any comparison. */
    private static final CueWords SUFFIX_ENDINGS = new CueWords(reversed(STREET_SUFFIXES));

    private static final String[] STREET_PREFIX_WORDS = {
        "rue",
        "rua",
        "via",
        "viale",
        "avenida",
        "avda.",
        "calle",
        "c/",
        "ul.",
        "piazza",
        "strada",
        "paseo",
        "plaza",
        "avenue",
        "boulevard",
        "vicolo",
        "largo",
        "travessa",
        "ulica",
        "aleja"
    };
    private static final WordSet STREET_PREFIXES = new WordSet(STREET_PREFIX_WORDS);
    private static final String[] STR = {"str", "st", "ul"};
    /**
     * The words that end a street name before its number: a street suffix of up to nine letters,
     * a street type or an abbreviation, looked up once.
     */
    private static final WordSet STREET_NAME_ENDS = new WordSet(streetNameEnds());

    private static String[] streetNameEnds() {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String w : STREET_SUFFIXES) {
            if (w.length() <= 9) {
                words.add(w);
            }
        }
        words.addAll(java.util.List.of(STREET_TYPE_WORDS));
        words.addAll(java.util.List.of(STR));
        return words.toArray(String[]::new);
    }

    private static final String[] UNIT_WORD_LIST = {"apt.", "apt", "suite", "ste.", "flat"};
    private static final WordSet UNIT_WORDS = new WordSet(UNIT_WORD_LIST);
    private static final String[] BOX_WORDS = {"p.o. box", "po box", "p.o.box", "postbox", "post box", "psc "};
    /**
     * The first words of the box and unit lines: "postbox" may run on into more letters, but then no
     * number follows it and the line is not taken anyway.
     */
    private static final String[] BOX_HEAD_WORDS = {"p", "po", "postbox", "post", "psc", "unit"};

    private static final WordSet BOX_HEADS = new WordSet(BOX_HEAD_WORDS);
    /**
     * Every word that opens something ending in a number: month names and their abbreviations, unit
     * and box words, street prefixes (also without the dot of "avda." and "ul."). A word near a
     * digit that is none of these, and does not start the street name ending at that digit, needs
     * no closer look.
     */
    private static final WordSet NUMBER_OPENERS = new WordSet(numberOpeners());

    private static String[] numberOpeners() {
        java.util.List<String> words = new java.util.ArrayList<>();
        for (String month : MONTHS) {
            words.add(month);
            words.add(month.substring(0, 3));
        }
        words.add("sept");
        words.addAll(java.util.List.of(UNIT_WORD_LIST));
        words.addAll(java.util.List.of(BOX_HEAD_WORDS));
        for (String prefix : STREET_PREFIX_WORDS) {
            words.add(prefix);
            if (prefix.endsWith(".")) {
                words.add(prefix.substring(0, prefix.length() - 1));
            }
        }
        return words.toArray(String[]::new);
    }

    private static final String[] NAME_CUES = {
        "my name is ",
        "name is ",
        "name's ",
        "name was ",
        "i am called ",
        "call me ",
        "named ",
        "was called ",
        "is called ",
        "were called ",
        "calls me ",
        "by "
    };
    private static final String[] TITLES = {"mr.", "mrs.", "ms.", "dr.", "mr ", "mrs ", "ms ", "dr ", "prof.", "miss "};
    /** The words that open a title or a name cue: a word that is none of them needs no comparison. */
    private static final WordSet TITLE_WORDS = new WordSet("mr", "mrs", "ms", "dr", "prof", "miss");

    private static final String[] FIRST_NAMES = firstNames();
    private static final WordSet FIRST_NAMES_ASCII = new WordSet(java.util.Arrays.stream(FIRST_NAMES)
            .filter(n -> n.chars().allMatch(c -> c < 0x80))
            .toArray(String[]::new));
    /** The few names with other letters, apart: a non-ASCII stretch is compared with each of them. */
    private static final WordSet FIRST_NAMES_OTHER = new WordSet(java.util.Arrays.stream(FIRST_NAMES)
            .filter(n -> n.chars().anyMatch(c -> c >= 0x80))
            .toArray(String[]::new));
    /** First names that are also everyday words or places: alone they are not taken for a name. */
    private static final WordSet COMMON_WORD_NAMES = new WordSet(
            "will",
            "may",
            "june",
            "april",
            "august",
            "mark",
            "bill",
            "grace",
            "hope",
            "faith",
            "joy",
            "rose",
            "lily",
            "ivy",
            "holly",
            "daisy",
            "dawn",
            "summer",
            "autumn",
            "winter",
            "sky",
            "amber",
            "ruby",
            "pearl",
            "crystal",
            "jade",
            "sunny",
            "chase",
            "hunter",
            "mason",
            "carter",
            "cooper",
            "page",
            "bob",
            "pat",
            "sue",
            "art",
            "gene",
            "jack",
            "frank",
            "grant",
            "lane",
            "miles",
            "rich",
            "ray",
            "max",
            "dean",
            "drew",
            "wade",
            "reed",
            "rob",
            "don",
            "guy",
            "angel",
            "destiny",
            "harmony",
            "melody",
            "heaven",
            "star",
            "storm",
            "rain",
            "river",
            "ocean",
            "brook",
            "forest",
            "stone",
            "king",
            "prince",
            "duke",
            "major",
            "christian",
            "justice",
            "liberty",
            "charity",
            "patience",
            "honor",
            "trinity",
            "genesis",
            "jordan",
            "paris",
            "london",
            "sydney",
            "austin",
            "dallas",
            "georgia",
            "virginia",
            "carolina",
            "india",
            "china",
            "kenya",
            "asia",
            "madison",
            "lincoln",
            "florence",
            "victoria",
            "eve",
            "nat",
            "val",
            "van",
            "sterling",
            "august",
            "marina",
            "berry",
            "cash",
            "colt",
            "fox",
            "gray",
            "grey",
            "haven",
            "journey",
            "legend",
            "lucky",
            "noble",
            "royal",
            "sage",
            "scout",
            "true",
            "wolf",
            "story",
            "echo",
            "raven",
            "willow",
            "clay",
            "cliff",
            "dale",
            "glen",
            "heath",
            "moss",
            "penny",
            "ginger",
            "candy",
            "coral",
            "iris",
            "violet",
            "olive",
            "hazel",
            "poppy",
            "blossom",
            "bunny",
            "precious",
            "mercy",
            "harley",
            "porsche",
            "mercedes",
            "lexus",
            "tesla",
            "alexa",
            "siri",
            "bella",
            "bonnie",
            "sandy",
            "misty",
            "stormy",
            "chance",
            "price",
            "young",
            "long",
            "best",
            "early",
            "white",
            "black",
            "brown",
            "green",
            // everyday words, months, days and places that the name lists also hold
            "ad",
            "age",
            "ate",
            "bay",
            "boy",
            "cat",
            "dot",
            "has",
            "hub",
            "job",
            "kit",
            "ram",
            "rod",
            "sol",
            "ton",
            "jet",
            "ash",
            "ace",
            "ids",
            "sus",
            "cor",
            "che",
            "han",
            "har",
            "ine",
            "ive",
            "pol",
            "rio",
            "tao",
            "tex",
            "lux",
            "neo",
            "rex",
            "pip",
            "flip",
            "chip",
            "link",
            "just",
            "no",
            "blue",
            "reef",
            "taco",
            "apple",
            "israel",
            "america",
            "chelsea",
            "january",
            "february",
            "march",
            "september",
            "october",
            "november",
            "december",
            "july",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "easter",
            "christmas",
            "santa",
            "happy",
            "sweet",
            "honey",
            "baby",
            "love",
            "kind",
            "golden",
            "silver",
            "diamond",
            "amen",
            "bliss",
            "dream",
            "fortune",
            "free",
            "freedom",
            "glory",
            "handsome",
            "hero",
            "ideal",
            "jolly",
            "merry",
            "miracle",
            "mister",
            "pretty",
            "rainbow",
            "smart",
            "sugar",
            "tiny",
            "wisdom",
            "zen");

    /** Words after which a capitalised first name is a person even alone at a sentence start. */
    private static final WordSet PERSON_CUES_BEFORE = new WordSet(
            "dear",
            "hi",
            "hello",
            "hey",
            "thanks",
            "thank",
            "regards",
            "sincerely",
            "told",
            "asked",
            "called",
            "named",
            "met",
            "saw",
            "emailed",
            "contact",
            "cc",
            "attn",
            "meet",
            "ask",
            "tell",
            "call",
            "email");

    /** The given-name gazetteers (see NOTICE.md beside them). */
    private static String[] firstNames() {
        return java.util.stream.Stream.of("first_names.txt", "first_names_more.txt")
                .flatMap(PiiScan::gazetteer)
                .toArray(String[]::new);
    }

    private static java.util.stream.Stream<String> gazetteer(String file) {
        try (var in = PiiScan.class.getResourceAsStream("/io/airs/core/guardrail/pii/" + file)) {
            if (in == null) {
                throw new IllegalStateException(file + " is missing from the core");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList().stream();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final WordSet NAME_CUE_HEADS =
            new WordSet("my", "name", "i", "call", "named", "was", "is", "were", "calls", "by");

    /** The verbs whose "by" introduces the person who made a work ("directed by", "written by"). */
    private static final WordSet AUTHOR_VERBS = new WordSet(
            "directed",
            "written",
            "produced",
            "composed",
            "painted",
            "performed",
            "sung",
            "narrated",
            "illustrated",
            "edited",
            "photographed",
            "authored",
            "penned",
            "recorded",
            "translated");

    private static String[] reversed(String[] words) {
        String[] r = new String[words.length];
        for (int k = 0; k < words.length; k++) {
            r[k] = new StringBuilder(words[k]).reverse().toString();
        }
        return r;
    }

    private static boolean endsWithIgnoreCase(String s, int from, int to, String suffix) {
        int len = suffix.length();
        return to - from >= len && s.regionMatches(true, to - len, suffix, 0, len);
    }

    /** The end of a word of letters (with inner dots, apostrophes, hyphens) at {@code j}, or j. */
    private int letterWord(int j) {
        int k = j;
        while (k < n) {
            char c = t[k];
            if (isLetter(c) || ((c == '.' || c == '\'' || c == '-') && k > j && k + 1 < n && isLetter(t[k + 1]))) {
                k++;
            } else {
                break;
            }
        }
        return k;
    }

    /** After a street, takes an optional unit such as ", Apt. 12" or " Suite 400". */
    private int unit(int j) {
        int k = j;
        if (at(k) == ',') {
            k++;
        }
        if (at(k) != ' ' && at(k) != '\n') {
            return j;
        }
        k++;
        int w = letterWord(k);
        if (w > k && UNIT_WORDS.contains(s, k, w) || at(k) == '#') {
            int d = at(k) == '#' ? k + 1 : w;
            if (at(d) == '.') {
                d++;
            }
            if (at(d) == ' ') {
                d++;
            }
            int len = digitRun(d, 6);
            if (len >= 1 && len <= 6) {
                return unit(d + len);
            }
        }
        return j;
    }

    /** "1234 Glyn St", "74 Diakou Street Suite 5", "18 McPherson Road": number, name, street type. */
    private int address(int i) {
        int j = i;
        int len = digitRun(j, 5);
        if (len < 1 || len > 5) {
            return NONE;
        }
        j += len;
        if (isAsciiLetter(at(j)) && !isAlnum(at(j + 1))) {
            j++; // 12B
        }
        for (int word = 0; word < 5; word++) {
            if (at(j) != ' ') {
                return NONE;
            }
            int ws = j + 1;
            int we = letterWord(ws);
            if (we == ws) {
                if (word == 0 && digitRun(ws, 5) >= 1 && digitRun(ws, 5) <= 5) {
                    j = ws + digitRun(ws, 5); // "370 3911 Fourth Avenue"
                    continue;
                }
                return NONE;
            }
            boolean capital = isUpperCase(t[ws]);
            if (word > 0 && STREET_TYPES.contains(s, ws, we)) {
                int end = unit(at(we) == '.' && we - ws <= 4 ? we + 1 : we);
                emit(PiiEntityType.ADDRESS, i, end);
                return end;
            }
            if (suffixStreet(ws, we)) {
                int end = unit(we);
                emit(PiiEntityType.ADDRESS, i, end);
                return end;
            }
            if (!capital) {
                return NONE;
            }
            j = we;
        }
        return NONE;
    }

    private boolean suffixStreet(int ws, int we) {
        if (we - ws < 5 || !SUFFIX_ENDINGS.mayStartWith(t[we - 1])) {
            return false;
        }
        for (String suf : STREET_SUFFIXES) {
            // Compounds only ("Bundesstrasse", "Koskikatu"): a bare "Street" needs a name before it.
            if (we - ws > suf.length() && endsWithIgnoreCase(s, ws, we, suf)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Letter-initial words: continental street names with the number after ("Villacher Strasse 89",
     * "Rua do Arenque 1634"), unit and box lines, and person names after a title or an introduction.
     */
    private int person(int i, int w, boolean digitSoon) {
        char c = toLowerCase(t[i]);
        int len = w - i;
        int end;
        if (!digitSoon) {
            // With no number ahead, only a name can start here.
            if (len <= 4 && (c == 'm' || c == 'd' || c == 'p') && (end = titledName(i, w)) > 0) {
                return end;
            }
            if (len <= 5
                    && (c == 'm' || c == 'n' || c == 'i' || c == 'c' || c == 'w' || c == 'b')
                    && (end = introducedName(i, w)) > 0) {
                return end;
            }
            return NONE;
        }
        // "Apt. 595", "Suite 501"
        if ((c == 'a' || c == 's') && UNIT_WORDS.contains(s, i, w)) {
            int d = w;
            if (at(d) == '.') {
                d++;
            }
            if (at(d) == ' ') {
                d++;
            }
            int num = digitRun(d, 6);
            if (num >= 1 && num <= 6 && boundaryAfter(d + num)) {
                emit(PiiEntityType.ADDRESS, i, d + num);
                return d + num;
            }
        }
        if ((c == 'p' || c == 'u' || c == 'b') && BOX_HEADS.contains(s, i, w) && (end = boxAddress(i)) > 0) {
            return end;
        }
        if ((end = continentalStreet(i, w)) > 0) {
            return end;
        }
        if (len <= 4 && (c == 'm' || c == 'd' || c == 'p') && (end = titledName(i, w)) > 0) {
            return end;
        }
        if (len <= 5
                && (c == 'm' || c == 'n' || c == 'i' || c == 'c' || c == 'w' || c == 'b')
                && (end = introducedName(i, w)) > 0) {
            return end;
        }
        return NONE;
    }

    /** "P.O. Box 149", "PSC 3294, Box 9168", "Unit 4719 Box 7394". */
    private int boxAddress(int i) {
        for (String b : BOX_WORDS) {
            if (s.regionMatches(true, i, b, 0, b.length())) {
                int d = i + b.length();
                if (at(d) == ' ') {
                    d++;
                }
                int len = digitRun(d, 6);
                if (len < 1 || len > 6) {
                    return NONE;
                }
                int end = d + len;
                if (b.equals("psc ") && s.regionMatches(true, end, ", box ", 0, 6)) {
                    int l2 = digitRun(end + 6, 6);
                    if (l2 >= 1 && l2 <= 6) {
                        end = end + 6 + l2;
                    }
                } else if (b.equals("psc ")) {
                    return NONE;
                }
                emit(PiiEntityType.ADDRESS, i, end);
                return end;
            }
        }
        if (s.regionMatches(true, i, "unit ", 0, 5)) {
            int len = digitRun(i + 5, 6);
            int k = i + 5 + len;
            if (len >= 1 && len <= 6 && s.regionMatches(true, k, " box ", 0, 5)) {
                int l2 = digitRun(k + 5, 6);
                if (l2 >= 1 && l2 <= 6) {
                    emit(PiiEntityType.ADDRESS, i, k + 5 + l2);
                    return k + 5 + l2;
                }
            }
        }
        return NONE;
    }

    /** The lower-case initials of {@link #STREET_PREFIXES} as bits from 'a'. */
    private static final int STREET_PREFIX_INITIALS = initials("rvacupsltb");

    private static int initials(String letters) {
        int bits = 0;
        for (int k = 0; k < letters.length(); k++) {
            bits |= 1 << (letters.charAt(k) - 'a');
        }
        return bits;
    }

    /** "Villacher Strasse 89", "Rua do Arenque 1634", "ul. Chrzanowska 61", "Puruntie 82". */
    /** Whether the word {@code [i, w)}, with a dot after it or not, is a street prefix such as "Rua". */
    private boolean streetPrefix(int i, int w) {
        char c = toLowerCase(t[i]);
        return w - i <= 9
                && c >= 'a'
                && c <= 'z'
                && (STREET_PREFIX_INITIALS >>> (c - 'a') & 1) != 0
                && (STREET_PREFIXES.contains(s, i, w) || (at(w) == '.' && STREET_PREFIXES.contains(s, i, w + 1)));
    }

    private int continentalStreet(int i, int w) {
        if (!streetPrefix(i, w)) {
            return i == streetStart ? streetNumber(i, streetDigit) : NONE;
        }
        if (at(w) == '.') {
            w++;
        }
        int j = w;
        for (int word = 0; word < 5; word++) {
            if (at(j) != ' ') {
                return NONE;
            }
            if (isDigit(at(j + 1))) {
                return streetNumber(i, j + 1);
            }
            int we = letterWord(j + 1);
            if (we == j + 1) {
                return NONE;
            }
            j = we;
        }
        return NONE;
    }

    /** Ends a street name at its house number (1-4 digits) at {@code d}, with an optional unit. */
    private int streetNumber(int i, int d) {
        int len = digitRun(d, 4);
        if (len < 1 || len > 4) {
            return NONE;
        }
        int end = d + len;
        if (at(end) == '.' && !isAlnum(at(end + 1))) {
            end++; // Hungarian "u. 15."
        }
        if (!(boundaryAfter(end) || at(end) == ',')) {
            return NONE;
        }
        end = unit(end);
        emit(PiiEntityType.ADDRESS, i, end);
        return end;
    }

    /**
     * Where a street name ends right before the digit at {@code k} ("Brucker Bundesstrasse 31",
     * "Villacher Strasse 89"), the start of that name; otherwise -1.
     */
    private int streetStartBefore(int k) {
        if (k < 2 || t[k - 1] != ' ') {
            return -1;
        }
        int we = k - 1;
        if (t[we - 1] == '.') {
            we--;
        }
        int ws = we;
        while (ws > 0 && isLetter(t[ws - 1])) {
            ws--;
        }
        if (ws == we) {
            return -1;
        }
        if (suffixStreet(ws, we)) {
            return ws;
        }
        if (STREET_NAME_ENDS.contains(s, ws, we)) {
            int pe = ws - 1;
            if (pe < 1 || t[pe] != ' ') {
                return -1;
            }
            int ps = pe;
            while (ps > 0 && isLetter(t[ps - 1])) {
                ps--;
            }
            return ps < pe ? ps : -1;
        }
        return -1;
    }

    /** One to three capitalised words starting at {@code j}: the end of the name, or -1. */
    private int capitalisedName(int j) {
        int end = NONE;
        int k = j;
        for (int word = 0; word < 3; word++) {
            if (k >= n || !isUpperCase(t[k])) {
                break;
            }
            int we = k + 1;
            while (we < n && (isLetter(t[we]) || t[we] == '\'' || t[we] == '-')) {
                we++;
            }
            if (at(we) == '.' && we - k == 1) {
                we++; // middle initial
            }
            end = we;
            if (at(we) == ' ' && we + 1 < n && isUpperCase(t[we + 1])) {
                k = we + 1;
            } else {
                break;
            }
        }
        return end;
    }

    /**
     * A person name that starts with a known first name ({@code first_names.txt}) written in title
     * case ("Eliane", "Linneo Medrano"), with the capitalised words after it. A first name that is
     * also an everyday word ("Will", "May", "Grace") counts only with a capitalised word after it.
     */
    private int knownFirstName(int i, int w) {
        int len = w - i;
        if (len < 2 || !isUpperCase(t[i])) {
            return NONE;
        }
        boolean ascii = t[i] < 0x80;
        for (int k = i + 1; k < w; k++) {
            char c = t[k];
            if (isUpperCase(c) || !isLetter(c) && c != '-' && c != '\'') {
                return NONE;
            }
            ascii &= c < 0x80;
        }
        if (!(ascii ? FIRST_NAMES_ASCII : FIRST_NAMES_OTHER).contains(s, i, w)) {
            return NONE;
        }
        if (at(w) == '\'' && (at(w + 1) == 't' || at(w + 1) == 'T')) {
            return NONE; // "Don't"
        }
        boolean common = COMMON_WORD_NAMES.contains(s, i, w);
        int end = capitalisedName(i);
        // A first name that is also an everyday word ("Will you come?", "Chip Cookies") counts only
        // after a cue ("Dear Will Smith"); a two-letter one alone too.
        if ((common || len < 3 && end <= w) && !nameCueBefore(i)) {
            return NONE;
        }
        emit(PiiEntityType.PERSON, i, Math.max(end, w));
        return Math.max(end, w);
    }

    /** Whether a verb or preposition that usually precedes a person stands just before {@code i}. */
    private boolean nameCueBefore(int i) {
        int k = i - 1;
        if (k < 1 || t[k] != ' ') {
            return false;
        }
        int we = k;
        int ws = we;
        while (ws > 0 && isLetter(t[ws - 1])) {
            ws--;
        }
        return ws < we && PERSON_CUES_BEFORE.contains(s, ws, we);
    }

    /** A name after a title; {@code w} ends the word at {@code i}, which must be the title itself. */
    private int titledName(int i, int w) {
        if (!isUpperCase(t[i]) || !TITLE_WORDS.contains(s, i, w)) {
            return NONE;
        }
        for (String title : TITLES) {
            if (s.regionMatches(true, i, title, 0, title.length())) {
                int j = i + title.length();
                if (at(j) == ' ') {
                    j++;
                }
                int end = capitalisedName(j);
                if (end > j) {
                    // The title is part of what identifies the person ("Mrs. Wallace").
                    emit(PiiEntityType.PERSON, i, end);
                    return end;
                }
            }
        }
        return NONE;
    }

    /** Whether the word before {@code i} (one space back) is a verb of authorship. */
    private boolean afterAuthorVerb(int i) {
        int we = i - 1;
        if (we < 1 || t[we] != ' ') {
            return false;
        }
        int ws = we;
        while (ws > 0 && isLetter(t[ws - 1])) {
            ws--;
        }
        return ws < we && AUTHOR_VERBS.contains(s, ws, we);
    }

    /** A name after an introduction; {@code w} ends the word at {@code i}, the first of the cue. */
    private int introducedName(int i, int w) {
        if (!NAME_CUE_HEADS.contains(s, i, w)) {
            return NONE;
        }
        if (w - i == 2 && (t[i] == 'b' || t[i] == 'B') && !afterAuthorVerb(i)) {
            return NONE;
        }
        for (String cue : NAME_CUES) {
            if (s.regionMatches(true, i, cue, 0, cue.length())) {
                int j = i + cue.length();
                int end = capitalisedName(j);
                // After "by" a single word is as often a team or a firm ("written by Finance").
                boolean fullName = end > j && s.indexOf(' ', j) > 0 && s.indexOf(' ', j) < end;
                if (end > j && (cue.length() > 3 || fullName)) {
                    emit(PiiEntityType.PERSON, j, end);
                    return end;
                }
            }
        }
        if (w - i == 4 && (t[i] == 'n' || t[i] == 'N') && at(w) != ':') {
            // "What's the name on the account? User: Vilma Holm", "Your last name? Langrová"
            // Only a few lower-case words may stand between the word and the question mark.
            int q = w;
            while (q < n && q - w <= 30 && (t[q] == ' ' || t[q] >= 'a' && t[q] <= 'z')) {
                q++;
            }
            if ((at(q) == '?' || at(q) == ':')
                    && !s.regionMatches(w, " is ", 0, 4)
                    && !s.regionMatches(w, " was ", 0, 5)) {
                int j = q + 1;
                while (at(j) == ' ') {
                    j++;
                }
                int speaker = j;
                while (speaker < n && isLetter(t[speaker])) {
                    speaker++;
                }
                if (speaker > j && at(speaker) == ':' && at(speaker + 1) == ' ') {
                    j = speaker + 2; // the answer comes after the speaker's label
                }
                int end = capitalisedName(j);
                if (end > j) {
                    emit(PiiEntityType.PERSON, j, end);
                    return end;
                }
            }
        }
        if (s.regionMatches(false, i, "Name:", 0, 5) || s.regionMatches(false, i, "name:", 0, 5)) {
            int j = i + 5;
            while (at(j) == ' ') {
                j++;
            }
            int end = capitalisedName(j);
            if (end > j) {
                emit(PiiEntityType.PERSON, j, end);
                return end;
            }
        }
        return NONE;
    }
}
