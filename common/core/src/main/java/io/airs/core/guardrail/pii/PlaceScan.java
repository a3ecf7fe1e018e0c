package io.airs.core.guardrail.pii;

import io.airs.core.Finding;
import java.util.List;

/**
 * Places and employers that identify a person, found from context rather than from lists of
 * everything: a country or city on its own line in a postal address ("SANDEFJORD", "Norway 66455"),
 * a place after a residence cue ("I live in Austria", "based in GUÉRET", "moved here from Hungary"),
 * and an organisation after an employment cue ("I work for Boston Consulting Group") or ending in a
 * legal-form word ("Drake PLC", "Fernandez Inc.", "Hawkins, Richardson and Santana"). A country named
 * in passing ("the capital of Germany") is not personal data and is left alone.
 *
 * <p>One pass over the words; cues are matched with {@link WordSet}s, nothing is allocated per word.
 */
final class PlaceScan {

    /** Words before {@code in/to/at/from/near} that say where someone lives, works or comes from. */
    private static final WordSet RESIDENCE_VERBS = new WordSet(
            "live",
            "lives",
            "living",
            "lived",
            "reside",
            "resides",
            "resided",
            "residing",
            "located",
            "based",
            "born",
            "raised",
            "relocated",
            "relocating",
            "moved",
            "move",
            "moving",
            "stationed",
            "headquartered",
            "stay",
            "stays",
            "staying",
            "here",
            "originally",
            "hometown",
            "settled",
            "grew",
            "up",
            // travel: where someone is going, is, or comes from
            "flew",
            "fly",
            "flying",
            "travelling",
            "traveling",
            "travel",
            "travelled",
            "traveled",
            "arrived",
            "arriving",
            "returned",
            "returning",
            "coming",
            "came",
            "heading",
            "headed",
            "drove",
            "driving",
            "back");

    private static final WordSet PLACE_PREPOSITIONS = new WordSet("in", "to", "at", "from", "near");

    private static final WordSet EMPLOYMENT_VERBS = new WordSet(
            "work",
            "works",
            "worked",
            "working",
            "employed",
            "intern",
            "interned",
            "interning",
            "job",
            "joined",
            "join",
            "joining",
            "consultant",
            "engineer",
            "manager",
            "director",
            "ceo",
            "cfo",
            "cto",
            "founder",
            // "spent a year at X", "the following year at X"
            "year",
            "years",
            "months",
            "summer");

    private static final WordSet EMPLOYMENT_PREPOSITIONS = new WordSet("for", "at", "with", "by");

    /** Legal-form and company words that end an organisation name. */
    private static final WordSet ORG_SUFFIXES = new WordSet(
            "inc",
            "incorporated",
            "corp",
            "corporation",
            "llc",
            "ltd",
            "limited",
            "plc",
            "gmbh",
            "ag",
            "sa",
            "srl",
            "bv",
            "nv",
            "oy",
            "ab",
            "as",
            "group",
            "holdings",
            "partners",
            "company",
            "co",
            "lp",
            "llp",
            "associates",
            "industries",
            "enterprises",
            "solutions",
            "technologies",
            "systems",
            "labs",
            "bank",
            "foundation",
            "institute",
            "university",
            "agency",
            "consulting",
            "ventures",
            "capital");

    private static final WordSet AGE_CUES = new WordSet("turned", "turns", "aged", "age", "ages");

    private static final WordSet LEGAL_FORMS = new WordSet(
            "inc",
            "corp",
            "llc",
            "ltd",
            "plc",
            "gmbh",
            "ag",
            "oy",
            "bv",
            "nv",
            "llp",
            "incorporated",
            "corporation",
            "limited",
            "holdings");

    private static final WordSet COUNTRIES = Countries.SET;

    private final String s;
    private final char[] t;
    private final int n;
    private final PiiConfig config;
    private final List<Finding> out;

    private PlaceScan(String s, char[] t, PiiConfig config, List<Finding> out) {
        this.s = s;
        this.t = t;
        this.n = s.length();
        this.config = config;
        this.out = out;
    }

    static void run(String text, PiiConfig config, List<Finding> out) {
        run(text, text.toCharArray(), config, out);
    }

    /** {@link #run(String, PiiConfig, List)} with the text's characters already at hand. */
    static void run(String text, char[] chars, PiiConfig config, List<Finding> out) {
        if (!config.reports(PiiEntityType.LOCATION) && !config.reports(PiiEntityType.ORGANIZATION)) {
            return;
        }
        PlaceScan scan = new PlaceScan(text, chars, config, out);
        int before = out.size();
        scan.addressBlocks(before);
        scan.affiliations(before);
        scan.scan();
    }

    /**
     * The lines above a street address that begins a line, as in a letter or a contact card: up to
     * two lines of one to four capitalised words right above it ("Zizi Kónya" / "Enigmaio" / "5850
     * Jana Nerudy 894") are the addressee and the organisation (the upper of two is the person). A
     * house number standing before a street the address scanner found ("6138 Via Roma 131") joins
     * the address. Only the findings before {@code limit} (the address scanner's) are read.
     */
    private void addressBlocks(int limit) {
        for (int f = 0; f < limit; f++) {
            Finding a = out.get(f);
            if (!PiiEntityType.ADDRESS.name().equals(a.type())) {
                continue;
            }
            int start = a.start();
            // "6138 Via Roma 131": the number before the street.
            int k = start - 1;
            if (k > 0 && t[k] == ' ' && PiiScan.isDigit(t[k - 1])) {
                int d = k;
                while (d > 0 && PiiScan.isDigit(t[d - 1]) && k - d < 6) {
                    d--;
                }
                if (d == 0 || !PiiScan.isLetter(t[d - 1]) && !PiiScan.isDigit(t[d - 1])) {
                    out.set(f, new Finding(a.category(), a.type(), d, a.end(), a.score(), a.detector()));
                    start = d;
                }
            }
            townAfter(a.end(), limit);
            int lineStart = lineStart(start);
            if (lineStart < 0) {
                continue;
            }
            int upperEnd = -1;
            int upperStart = -1;
            int lowerStart = -1;
            int lowerEnd = -1;
            int cursor = lineStart;
            for (int line = 0; line < 2 && cursor > 0; line++) {
                int end = cursor - 1; // the '\n' ending the line above
                int begin = end;
                while (begin > 0 && t[begin - 1] != '\n') {
                    begin--;
                }
                int a0 = begin;
                while (a0 < end && (t[a0] == ' ' || t[a0] == '>' || t[a0] == '?' || t[a0] == '\t')) {
                    a0++;
                }
                int b0 = end;
                while (b0 > a0 && (t[b0 - 1] == ' ' || t[b0 - 1] == '\r')) {
                    b0--;
                }
                if (b0 <= a0 || !isHeadLine(a0, b0)) {
                    break;
                }
                if (line == 0) {
                    lowerStart = a0;
                    lowerEnd = b0;
                } else {
                    upperStart = a0;
                    upperEnd = b0;
                }
                cursor = begin;
            }
            if (lowerStart < 0) {
                continue;
            }
            if (upperStart >= 0) {
                emitNew(PiiEntityType.PERSON, upperStart, upperEnd, limit);
                emitNew(PiiEntityType.ORGANIZATION, lowerStart, lowerEnd, limit);
            } else {
                emitNew(PiiEntityType.PERSON, lowerStart, lowerEnd, limit);
            }
        }
    }

    /**
     * The town that follows a street address: after a comma on the same line ("Höfðagata 39,
     * Keflavíkurflugvöllur", "Præstevænget 15, København V"), or alone on the next line when the line
     * after that carries on the address (a postcode, a country, a unit).
     */
    private void townAfter(int end, int limit) {
        int k = end;
        if (k + 2 < n && t[k] == ',' && t[k + 1] == ' ' && PiiScan.isUpperCase(t[k + 2])) {
            int town = properNoun(k + 2, 3);
            // "København V": a district letter after the town.
            if (town > 0
                    && town + 2 <= n
                    && t[town] == ' '
                    && PiiScan.isUpperCase(at(town + 1))
                    && (town + 2 == n || !PiiScan.isLetter(t[town + 2]))) {
                town += 2;
            }
            if (town > 0 && (town == n || !PiiScan.isLetter(t[town]) && t[town] != ' ')) {
                emitNew(PiiEntityType.LOCATION, k + 2, town, limit);
            }
            return;
        }
        while (k < n && t[k] == ' ') {
            k++;
        }
        if (k >= n || t[k] != '\n') {
            return;
        }
        int a = k + 1;
        while (a < n && (t[a] == ' ' || t[a] == '\t' || t[a] == '>')) {
            a++;
        }
        int b = a;
        while (b < n && t[b] != '\n') {
            b++;
        }
        int lineEnd = b;
        while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\r')) {
            b--;
        }
        if (b <= a || !PiiScan.isUpperCase(t[a]) || !isTownName(a, b) || UNIT_OR_NONE.contains(s, a, wordEnd(a))) {
            return;
        }
        // The next non-empty line must carry on the address: digits, a country, or "nan".
        int c = lineEnd;
        while (c < n && (t[c] == '\n' || t[c] == ' ' || t[c] == '\t' || t[c] == '\r')) {
            c++;
        }
        if (c >= n) {
            return;
        }
        boolean carriesOn = PiiScan.isDigit(t[c])
                || s.regionMatches(c, "nan", 0, 3)
                || t[c] == ','
                || PiiScan.isUpperCase(t[c])
                        && (COUNTRIES.contains(s, c, properNoun(c, 4)) || countryPrefix(c, properNoun(c, 4)) > c);
        if (carriesOn) {
            emitNew(PiiEntityType.LOCATION, a, b, limit);
        }
    }

    /** First words of a unit line or an empty field, which are not a town. */
    private static final WordSet UNIT_OR_NONE = new WordSet("apt", "suite", "unit", "floor", "box", "nan", "po");

    private char at(int i) {
        return i >= 0 && i < n ? t[i] : '\0';
    }

    /** Where the line holding {@code i} starts (after indentation and quote marks), or -1 when text precedes {@code i} on it. */
    private int lineStart(int i) {
        int k = i;
        while (k > 0 && (t[k - 1] == ' ' || t[k - 1] == '>' || t[k - 1] == '?' || t[k - 1] == '\t')) {
            k--;
        }
        return k > 0 && t[k - 1] == '\n' ? k : -1;
    }

    /** First words of a heading above an address, not of a name or an organisation. */
    private static final WordSet HEADING_WORDS = new WordSet(
            "address",
            "addresses",
            "contact",
            "contacts",
            "office",
            "offices",
            "headquarters",
            "billing",
            "shipping",
            "mailing",
            "postal",
            "location",
            "locations",
            "visit",
            "find",
            "where",
            "directions",
            "home",
            "work",
            "delivery",
            "return",
            "returns",
            "our",
            "the",
            "send",
            "write",
            "mail",
            "ship");

    /** One to four capitalised words of letters (initials and hyphens allowed), no digits, no colon. */
    private boolean isHeadLine(int a, int b) {
        if (b - a > 60 || !PiiScan.isUpperCase(t[a]) || HEADING_WORDS.contains(s, a, wordEnd(a))) {
            return false;
        }
        int words = 1;
        boolean wordStart = true;
        for (int k = a; k < b; k++) {
            char c = t[k];
            if (c == ' ') {
                if (wordStart) {
                    return false;
                }
                words++;
                wordStart = true;
                continue;
            }
            if (wordStart && !PiiScan.isUpperCase(c)) {
                return false;
            }
            wordStart = false;
            if (!PiiScan.isLetter(c) && c != '-' && c != '\'' && c != '.' && c != '&') {
                return false;
            }
        }
        return words <= 4 && t[b - 1] != '.';
    }

    /** Words after a person that introduce where they work ("Zoe Young from Flightaware"). */
    private static final String[] AFFILIATIONS = {" of ", " from ", " at "};

    /**
     * The organisation a named person is introduced with: "Vilma Holm of Here", "Zoe Young from
     * Flightaware", "Riku Andou at Panjiva" (one to four capitalised words; a country stays a place).
     */
    private void affiliations(int limit) {
        for (int f = 0; f < limit; f++) {
            Finding p = out.get(f);
            if (!PiiEntityType.PERSON.name().equals(p.type())) {
                continue;
            }
            // "Panjiva's Riku Andou": the organisation in the possessive before the person.
            int q = p.start() - 3;
            if (q > 0 && (s.regionMatches(q, "'s ", 0, 3) || s.regionMatches(q, "\u2019s ", 0, 3))) {
                int a = possessor(q);
                if (a >= 0 && !COUNTRIES.contains(s, a, q) && !NOT_POSSESSORS.contains(s, a, wordEnd(a))) {
                    emitNew(PiiEntityType.ORGANIZATION, a, q, out.size());
                }
            }
            for (String a : AFFILIATIONS) {
                if (!s.regionMatches(p.end(), a, 0, a.length())) {
                    continue;
                }
                int k = p.end() + a.length();
                if (k < n && PiiScan.isUpperCase(t[k])) {
                    int end = properNoun(k, 4);
                    if (end > k && !COUNTRIES.contains(s, k, end)) {
                        emitNew(PiiEntityType.ORGANIZATION, k, end, out.size());
                    }
                }
                break;
            }
        }
    }

    /** Capitalised words before a possessive that are no organisation ("Today's", "Everyone's"). */
    private static final WordSet NOT_POSSESSORS = new WordSet(
            "today",
            "tomorrow",
            "yesterday",
            "tonight",
            "everyone",
            "everybody",
            "someone",
            "somebody",
            "nobody",
            "anyone",
            "anybody",
            "one",
            "it",
            "that",
            "this",
            "there",
            "here",
            "what",
            "who",
            "let",
            "he",
            "she",
            "mother",
            "father",
            "mom",
            "dad",
            "mum");

    /**
     * Where the one to four capitalised words ending at {@code end} begin ("Consumer Reports" in
     * "Consumer Reports's Impi"), or -1 when the word before {@code end} is not capitalised.
     */
    private int possessor(int end) {
        int a = end;
        for (int words = 0; words < 4; words++) {
            int ws = a;
            while (ws > 0 && (PiiScan.isLetter(t[ws - 1]) || t[ws - 1] == '-')) {
                ws--;
            }
            if (ws == a || !PiiScan.isUpperCase(t[ws])) {
                return words == 0 ? -1 : a + 1;
            }
            a = ws;
            if (a < 2 || t[a - 1] != ' ' || !PiiScan.isLetter(t[a - 2])) {
                return a;
            }
            a--; // onto the space before: the next round reads the word before it
        }
        return a + 1;
    }

    /** Emits a finding unless one of the address scanner's already covers any of it. */
    private void emitNew(PiiEntityType type, int start, int end, int limit) {
        for (int f = 0; f < limit; f++) {
            Finding g = out.get(f);
            if (g.start() < end && start < g.end()) {
                return;
            }
        }
        emit(type, start, end);
    }

    private void scan() {
        int prevStart = -1;
        int prevEnd = -1;
        int prev2Start = -1;
        int prev2End = -1;
        int i = 0;
        while (i < n) {
            char c = t[i];
            if (!PiiScan.isLetter(c)) {
                if (c == '\n') {
                    addressLine(i + 1);
                } else if (PiiScan.isDigit(c)
                        && (i == 0 || !PiiScan.isLetter(t[i - 1]) && !PiiScan.isDigit(t[i - 1]))) {
                    int end = age(i, prevStart, prevEnd, prev2Start, prev2End);
                    if (end < 0) {
                        end = cuedPostcode(i);
                    }
                    if (end > i) {
                        i = end;
                        continue;
                    }
                }
                i++;
                continue;
            }
            int we = wordEnd(i);
            if (PiiScan.isUpperCase(c)
                    && prevStart >= 0
                    && prevEnd + 1 < n
                    && t[prevEnd] == ':'
                    && (s.regionMatches(true, prevStart, "where", 0, 5) && prevEnd - prevStart == 5
                            || s.regionMatches(true, prevStart, "location", 0, 8) && prevEnd - prevStart == 8)) {
                int end = properNoun(i, 4);
                if (end > i) {
                    emit(PiiEntityType.LOCATION, i, end);
                    prev2Start = -1;
                    prevStart = -1;
                    i = end;
                    continue;
                }
            }
            if (PiiScan.isUpperCase(c) && prevStart >= 0) {
                int end = -1;
                if (PLACE_PREPOSITIONS.contains(s, prevStart, prevEnd)
                        && prev2Start >= 0
                        && RESIDENCE_VERBS.contains(s, prev2Start, prev2End)) {
                    end = properNoun(i, 3);
                    if (end > i) {
                        emit(PiiEntityType.LOCATION, i, end);
                    }
                } else if (EMPLOYMENT_PREPOSITIONS.contains(s, prevStart, prevEnd)
                        && prev2Start >= 0
                        && EMPLOYMENT_VERBS.contains(s, prev2Start, prev2End)) {
                    end = organisation(i);
                    if (end > i) {
                        emit(PiiEntityType.ORGANIZATION, i, end);
                    }
                }
                if (end > i) {
                    prev2Start = -1;
                    prevStart = -1;
                    i = end;
                    continue;
                }
            }
            if (PiiScan.isUpperCase(c)) {
                int end = suffixedOrganisation(i);
                if (end > i) {
                    emit(PiiEntityType.ORGANIZATION, i, end);
                    prev2Start = -1;
                    prevStart = -1;
                    i = end;
                    continue;
                }
            }
            prev2Start = prevStart;
            prev2End = prevEnd;
            prevStart = i;
            prevEnd = we;
            i = we;
        }
    }

    /**
     * A line of a postal address that is a country, with or without a postcode ("Norway 66455",
     * "Belgium"), and the line before it when that is a bare town name ("SANDEFJORD", "Charleroi").
     */
    private void addressLine(int lineStart) {
        int k = lineStart;
        while (k < n && (t[k] == ' ' || t[k] == '>' || t[k] == '?' || t[k] == '\t')) {
            k++;
        }
        if (k >= n || !PiiScan.isUpperCase(t[k])) {
            return;
        }
        int end = properNoun(k, 4);
        if (end <= k || !COUNTRIES.contains(s, k, end)) {
            // "Czech Republic", "New Zealand": the proper noun may run longer than the country.
            end = countryPrefix(k, end);
            if (end <= k) {
                return;
            }
        }
        int j = end;
        while (j < n && t[j] == ' ') {
            j++;
        }
        int digits = j;
        while (digits < n && PiiScan.isDigit(t[digits])) {
            digits++;
        }
        int eol = digits;
        while (eol < n && t[eol] == ' ') {
            eol++;
        }
        if (eol < n && t[eol] != '\n' && t[eol] != '\r') {
            return;
        }
        if (lineStart < 2) {
            return; // a country alone in the text is no address
        }
        emit(PiiEntityType.LOCATION, k, end);
        if (digits - j >= 3) {
            emit(PiiEntityType.ADDRESS, j, digits); // the postcode
        }
        // The town: the previous line when it is one to three words of letters.
        int prevEnd = lineStart - 1;
        int ps = prevEnd;
        while (ps > 0 && t[ps - 1] != '\n') {
            ps--;
        }
        int a = ps;
        while (a < prevEnd && (t[a] == ' ' || t[a] == '>' || t[a] == '?' || t[a] == '\t')) {
            a++;
        }
        int b = prevEnd;
        while (b > a && t[b - 1] == ' ') {
            b--;
        }
        if (b > a && PiiScan.isUpperCase(t[a]) && isTownName(a, b)) {
            emitNew(PiiEntityType.LOCATION, a, b, out.size()); // the address block may have found it
        }
    }

    /** The words that announce a postcode, lower case, longest first. */
    private static final String[] POSTCODE_CUES = {
        "postal code", "post code", "postcode", "zip code", "zipcode", "zip", "plz", "cep"
    };

    /**
     * A postcode announced as one: digits (3 to 6, then optionally a space or dash and 2 to 4 more:
     * "840 24", "12345-6789") right after "ZIP", "zip code", "postcode", "postal code" (with an
     * optional ":" or "is"). Returns its end, or -1.
     */
    private int cuedPostcode(int i) {
        int k = i;
        while (k > 0 && t[k - 1] == ' ') {
            k--;
        }
        if (k > 0 && t[k - 1] == ':') {
            k--;
        } else if (k >= 3 && s.regionMatches(true, k - 3, " is", 0, 3)) {
            k -= 3;
        }
        while (k > 0 && t[k - 1] == ' ') {
            k--;
        }
        boolean cued = false;
        for (String cue : POSTCODE_CUES) {
            int from = k - cue.length();
            if (from >= 0
                    && s.regionMatches(true, from, cue, 0, cue.length())
                    && (from == 0 || !PiiScan.isLetter(t[from - 1]))) {
                cued = true;
                break;
            }
        }
        if (!cued) {
            return -1;
        }
        int e = i;
        while (e < n && PiiScan.isDigit(t[e])) {
            e++;
        }
        if (e - i < 3 || e - i > 6) {
            return -1;
        }
        if (e + 2 < n && (t[e] == ' ' || t[e] == '-') && PiiScan.isDigit(t[e + 1])) {
            int f = e + 1;
            while (f < n && PiiScan.isDigit(t[f])) {
                f++;
            }
            if (f - e - 1 >= 2 && f - e - 1 <= 4 && (f == n || !PiiScan.isLetter(t[f]))) {
                e = f;
            }
        }
        if (e < n && PiiScan.isLetter(t[e])) {
            return -1;
        }
        emit(PiiEntityType.ADDRESS, i, e);
        return e;
    }

    /**
     * An age: a number of one to three digits after "turned", "aged", "age of", "age:" or before
     * "years old", "year old", "-year-old", "yo". Returns the number's end, or -1.
     */
    private int age(int i, int prevStart, int prevEnd, int prev2Start, int prev2End) {
        int e = i;
        while (e < n && PiiScan.isDigit(t[e]) && e - i < 4) {
            e++;
        }
        if (e - i > 3 || e < n && (PiiScan.isDigit(t[e]) || PiiScan.isLetter(t[e]) && !s.startsWith("yo", e))) {
            return -1;
        }
        boolean cued = prevStart >= 0 && AGE_CUES.contains(s, prevStart, prevEnd)
                || prevStart >= 0
                        && prev2Start >= 0
                        && s.regionMatches(true, prevStart, "of", 0, 2)
                        && s.regionMatches(true, prev2Start, "age", 0, 3)
                        && prev2End - prev2Start == 3;
        if (!cued) {
            int k = e;
            if (k < n && (t[k] == ' ' || t[k] == '-')) {
                k++;
            }
            cued = s.regionMatches(true, k, "years old", 0, 9)
                    || s.regionMatches(true, k, "year old", 0, 8)
                    || s.regionMatches(true, k, "year-old", 0, 8)
                    || s.regionMatches(true, k, "years-old", 0, 9)
                    || s.regionMatches(true, k, "yrs old", 0, 7)
                    || s.regionMatches(true, k, "yo ", 0, 3);
        }
        if (!cued) {
            return -1;
        }
        emit(PiiEntityType.AGE, i, e);
        return e;
    }

    private int countryPrefix(int k, int end) {
        for (int e = end; e > k; e--) {
            if ((e == n || !PiiScan.isLetter(t[e])) && COUNTRIES.contains(s, k, e)) {
                return e;
            }
        }
        return -1;
    }

    private boolean isTownName(int a, int b) {
        int words = 1;
        for (int k = a; k < b; k++) {
            char c = t[k];
            if (c == ' ') {
                words++;
            } else if (!PiiScan.isLetter(c) && c != '-' && c != '\'' && c != '.') {
                return false;
            }
        }
        return words <= 3 && b - a <= 40;
    }

    /** One to {@code max} capitalised or upper-case words starting at {@code i}: their end, or -1. */
    private int properNoun(int i, int max) {
        int end = -1;
        int k = i;
        for (int word = 0; word < max; word++) {
            if (k >= n || !PiiScan.isUpperCase(t[k])) {
                break;
            }
            int we = wordEnd(k);
            end = we;
            if (we + 1 < n && t[we] == ' ' && PiiScan.isUpperCase(t[we + 1])) {
                k = we + 1;
            } else {
                break;
            }
        }
        return end;
    }

    /** An employer after a cue: capitalised words, joined by "and", "&", commas or hyphens. */
    private int organisation(int i) {
        int end = -1;
        int k = i;
        for (int word = 0; word < 6 && k < n; word++) {
            if (!PiiScan.isUpperCase(t[k])) {
                break;
            }
            int we = wordEnd(k);
            if (we < n && t[we] == '.' && ORG_SUFFIXES.contains(s, k, we)) {
                we++; // "Corp."
            }
            end = we;
            int next = we;
            if (next < n && t[next] == ',') {
                next++;
            }
            if (next + 1 < n && t[next] == ' ') {
                next++;
                if (s.startsWith("and ", next) || s.startsWith("& ", next)) {
                    next += t[next] == '&' ? 2 : 4;
                }
            } else {
                break;
            }
            k = next;
        }
        return end;
    }

    /** Capitalised words ending in a legal-form word ("Drake PLC", "Fernandez Inc."). */
    private int suffixedOrganisation(int i) {
        int k = i;
        for (int word = 0; word < 5 && k < n; word++) {
            if (!PiiScan.isUpperCase(t[k])) {
                return -1;
            }
            int we = wordEnd(k);
            if (word > 0 && ORG_SUFFIXES.contains(s, k, we) && isLegalForm(k, we)) {
                return we < n && t[we] == '.' ? we + 1 : we;
            }
            int next = we;
            if (next < n && t[next] == ',') {
                next++;
            }
            if (next + 1 >= n || t[next] != ' ') {
                return -1;
            }
            next++;
            if (s.startsWith("and ", next)) {
                next += 4;
            } else if (s.startsWith("& ", next)) {
                next += 2;
            }
            k = next;
        }
        return -1;
    }

    /** Only the unmistakable legal forms end a name without an employment cue; "Co" needs its dot. */
    private boolean isLegalForm(int k, int we) {
        if (LEGAL_FORMS.contains(s, k, we)) {
            return true;
        }
        return we - k == 2 && s.regionMatches(true, k, "co", 0, 2) && we < n && t[we] == '.';
    }

    private int wordEnd(int i) {
        int k = i;
        while (k < n && (PiiScan.isLetter(t[k]) || t[k] == '-' && k + 1 < n && PiiScan.isLetter(t[k + 1]))) {
            k++;
        }
        return k;
    }

    private void emit(PiiEntityType type, int start, int end) {
        if (config.reports(type)) {
            out.add(type.finding(start, end));
        }
    }
}
