package io.airs.core.normalize;

import java.util.List;

/**
 * Two more ways of writing an instruction so that a pattern does not see it, each undone into a
 * decoded view:
 *
 * <ul>
 *   <li><b>Morse code</b> ({@value #MORSE}): a run of at least {@link #MIN_MORSE} dot-and-dash
 *       letters, one space between letters and a slash or a wider gap between words (".. --. -. ---
 *       .-. ." is "IGNORE"). The view is the decoded run, mapped to the run's span.
 *   <li><b>Leetspeak</b> ({@value #LEET}): words that put digits for letters ("h0w 70 m4k3 4 80m8").
 *       When a stretch of text holds at least {@link #MIN_LEET} such words, the view is the text with
 *       every digit read as the letter it stands for (0 o, 1 i, 3 e, 4 a, 5 s, 7 t, 8 b, 9 g), one
 *       character for one, so spans map back exactly.
 * </ul>
 *
 * <p>{@link #mayHave} samples every eighth character and looks closer only around a dot, dash or
 * digit, so ordinary text costs little.
 */
final class Obfuscations {

    static final String MORSE = "morse";
    static final String LEET = "leet";

    /** Fewer Morse letters in a row are punctuation ("... -- ."), not a message. */
    static final int MIN_MORSE = 8;

    /** Fewer leet words near each other are version numbers and model names ("mp3", "x86"). */
    static final int MIN_LEET = 4;

    private static final int STRIDE = 8;
    private static final int LEET_WINDOW = 48;

    private static final String[] MORSE_CODES = {
        ".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--", "-.", "---", ".--.",
        "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--..", "-----", ".----", "..---", "...--",
        "....-", ".....", "-....", "--...", "---..", "----.", ".-.-.-", "--..--", "..--..", "-.-.--", ".----.", "-..-.",
        ".-..-."
    };
    private static final String MORSE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,?!'/\"";

    /** Morse codes as binary numbers with a leading 1 (dot 0, dash 1), up to seven symbols. */
    private static final char[] MORSE_TABLE = morseTable();

    private static char[] morseTable() {
        char[] table = new char[256];
        for (int i = 0; i < MORSE_CODES.length; i++) {
            int code = 1;
            for (char c : MORSE_CODES[i].toCharArray()) {
                code = code << 1 | (c == '-' ? 1 : 0);
            }
            table[code] = MORSE_CHARS.charAt(i);
        }
        return table;
    }

    private Obfuscations() {}

    private static boolean dot(char c) {
        return c == '.' || c == '·' || c == '•';
    }

    private static boolean dash(char c) {
        return c == '-' || c == '_' || c == '–' || c == '—' || c == '−';
    }

    private static boolean morseGap(char c) {
        return c == ' ' || c == '/' || c == '\n' || c == '\t';
    }

    private static char leet(char c) {
        return switch (c) {
            case '0' -> 'o';
            case '1' -> 'i';
            case '3' -> 'e';
            case '4' -> 'a';
            case '5' -> 's';
            case '7' -> 't';
            case '8' -> 'b';
            case '9' -> 'g';
            default -> 0;
        };
    }

    /** Whether {@code s} may hold a Morse run or a stretch of leetspeak; false for almost all prose. */
    static boolean mayHave(String s) {
        int n = s.length();
        for (int i = STRIDE - 1; i < n; i += STRIDE) {
            char c = s.charAt(i);
            if (dot(c) || dash(c)) {
                int a = regionStart(s, i);
                while (a < n && morseGap(s.charAt(a))) {
                    a++;
                }
                if (morseRun(s, a) > a) {
                    return true;
                }
            }
            if (c >= '0'
                    && c <= '9'
                    && inWordWithLetter(s, i)
                    && leetWords(s, Math.max(0, i - LEET_WINDOW), Math.min(n, i + LEET_WINDOW)) >= MIN_LEET) {
                return true;
            }
        }
        return false;
    }

    /** Whether the run of letters and digits through {@code i} holds a letter (so is no plain number). */
    private static boolean inWordWithLetter(String s, int i) {
        for (int k = i; k >= 0 && Character.isLetterOrDigit(s.charAt(k)); k--) {
            if (Character.isLetter(s.charAt(k))) {
                return true;
            }
        }
        for (int k = i + 1; k < s.length() && Character.isLetterOrDigit(s.charAt(k)); k++) {
            if (Character.isLetter(s.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** The start of the stretch of Morse symbols and gaps around {@code i}. */
    private static int regionStart(String s, int i) {
        int a = i;
        while (a > 0 && (dot(s.charAt(a - 1)) || dash(s.charAt(a - 1)) || morseGap(s.charAt(a - 1)))) {
            a--;
        }
        return a;
    }

    /**
     * The number of leet words in {@code [from, to)}: two to fourteen letters and digits, at least one
     * of each, not hex digits alone, not an ordinal.
     */
    private static int leetWords(String s, int from, int to) {
        int words = 0;
        int i = from;
        while (i < to) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                i++;
                continue;
            }
            int a = i;
            boolean letter = false;
            boolean standIn = false;
            boolean hex = true;
            while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) {
                char c = s.charAt(i);
                letter |= Character.isLetter(c);
                standIn |= leet(c) != 0;
                hex &= Character.digit(c, 16) >= 0;
                i++;
            }
            // a word, not a piece of a hash, a UUID or a key: short, and not hex digits alone
            if (letter && standIn && !hex && i - a >= 2 && i - a <= 14 && !ordinal(s, a, i)) {
                words++;
            }
        }
        return words;
    }

    /** "1st", "22nd", "3rd", "4th": a number, not leetspeak. */
    private static boolean ordinal(String s, int a, int b) {
        if (b - a < 3 || !Character.isDigit(s.charAt(b - 3))) {
            return false;
        }
        String tail = s.substring(b - 2, b).toLowerCase(java.util.Locale.ROOT);
        return tail.equals("st") || tail.equals("nd") || tail.equals("rd") || tail.equals("th");
    }

    /** Adds the Morse and leet views of {@code parent} to {@code views}, up to {@code max} views in all. */
    static void views(TextView parent, List<TextView> views, int max) {
        String s = parent.text();
        int n = s.length();
        int i = 0;
        while (i < n && views.size() < max) {
            char c = s.charAt(i);
            if (!(dot(c) || dash(c)) || (i > 0 && (dot(s.charAt(i - 1)) || dash(s.charAt(i - 1))))) {
                i++;
                continue;
            }
            int end = morseRun(s, i);
            if (end > i) {
                String decoded = decodeMorse(s, i, end);
                if (decoded != null) {
                    views.add(new SpanView(decoded, MORSE, parent.originalStart(i), parent.originalEnd(end)));
                }
                i = end;
            } else {
                i++;
            }
        }
        if (views.size() < max && leetWords(s, 0, n) >= MIN_LEET && leetDense(s)) {
            char[] out = s.toCharArray();
            int[] starts = new int[n];
            int[] ends = new int[n];
            for (int k = 0; k < n; k++) {
                char l = leet(out[k]);
                if (l != 0) {
                    out[k] = l;
                }
                starts[k] = parent.originalStart(k);
                ends[k] = parent.originalEnd(k + 1);
            }
            views.add(new MappedView(new String(out), parent.originalEnd(n), starts, ends, LEET));
        }
    }

    /** Whether some window of the text holds {@link #MIN_LEET} leet words. */
    private static boolean leetDense(String s) {
        int n = s.length();
        for (int i = 0; i < n; i += LEET_WINDOW) {
            if (leetWords(s, i, Math.min(n, i + 2 * LEET_WINDOW)) >= MIN_LEET) {
                return true;
            }
        }
        return false;
    }

    /** The end of the Morse run starting at {@code i}, or {@code i} when it is too short. */
    private static int morseRun(String s, int i) {
        int n = s.length();
        int letters = 0;
        int end = i;
        int k = i;
        while (k < n) {
            int code = 1;
            int len = 0;
            while (k < n && (dot(s.charAt(k)) || dash(s.charAt(k)))) {
                code = code << 1 | (dash(s.charAt(k)) ? 1 : 0);
                len++;
                k++;
            }
            if (len == 0 || len > 7 || MORSE_TABLE[code] == 0 || (k < n && !morseGap(s.charAt(k)))) {
                break;
            }
            letters++;
            end = k;
            while (k < n && morseGap(s.charAt(k))) {
                k++;
            }
        }
        return letters >= MIN_MORSE ? end : i;
    }

    /**
     * The letters of the Morse run {@code [from, to)}, a space for each word gap (a slash, or two or
     * more blanks); null when the letters are too uniform to be a message ("- - - - - - - -").
     */
    private static String decodeMorse(String s, int from, int to) {
        StringBuilder sb = new StringBuilder((to - from) / 3 + 1);
        boolean[] seen = new boolean[128];
        int distinct = 0;
        int k = from;
        while (k < to) {
            int code = 1;
            while (k < to && (dot(s.charAt(k)) || dash(s.charAt(k)))) {
                code = code << 1 | (dash(s.charAt(k)) ? 1 : 0);
                k++;
            }
            char letter = MORSE_TABLE[code];
            sb.append(letter);
            if (!seen[letter]) {
                seen[letter] = true;
                distinct++;
            }
            int gap = k;
            boolean slash = false;
            while (k < to && morseGap(s.charAt(k))) {
                slash |= s.charAt(k) == '/' || s.charAt(k) == '\n';
                k++;
            }
            if (k < to && (slash || k - gap >= 2)) {
                sb.append(' ');
            }
        }
        return distinct >= 3 ? sb.toString() : null;
    }
}
