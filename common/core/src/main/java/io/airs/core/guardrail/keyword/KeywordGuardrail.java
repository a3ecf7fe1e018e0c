package io.airs.core.guardrail.keyword;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.guardrail.text.KeywordAutomaton;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Finds a policy's denied keywords and phrases as whole words: case-insensitively, with any run of
 * whitespace in the text matching the single space between the words of a phrase, and never inside
 * a longer word ({@code "bet"} does not match {@code "alphabet"} or {@code "bets"}). A keyword that
 * starts or ends with a character that is not a letter, digit or underscore (such as {@code "c++"})
 * needs no boundary on that side.
 *
 * <p>One Aho-Corasick pass finds every keyword at once, with no backtracking; a scan allocates one
 * small array (the positions of the last characters read) and the findings. Every finding is
 * category {@code topic}, type {@value #TYPE}, score 1.0, with the keyword's span; the matched text
 * is never reported. The pipeline gives it normalised text (homoglyphs folded, invisible characters
 * removed) and normalises the keywords the same way, so look-alike spellings match too.
 *
 * <pre>{@code
 * Guardrail g = new KeywordGuardrail(List.of("project aurora", "acme"));
 * g.scan("Tell me about Project  Aurora", out); // topic/keyword [14, 29)
 * }</pre>
 */
public final class KeywordGuardrail implements Guardrail {

    /** The detector id reported in findings. */
    public static final String ID = "keywords";

    /** The finding type of every match. */
    public static final String TYPE = "keyword";

    private final List<String> keywords;
    private final KeywordAutomaton automaton;
    /** Per keyword: whether its first (last) character is a word character, so needs a boundary. */
    private final boolean[] boundedStart;

    private final boolean[] boundedEnd;
    private final int maxLength;

    /**
     * A guardrail matching {@code keywords}.
     *
     * @throws IllegalArgumentException when the list is empty or a keyword is blank
     */
    public KeywordGuardrail(List<String> keywords) {
        Objects.requireNonNull(keywords, "keywords");
        Set<String> folded = new LinkedHashSet<>();
        for (String k : keywords) {
            String f = fold(Objects.requireNonNull(k, "keyword"));
            if (f.isEmpty()) {
                throw new IllegalArgumentException("blank keyword");
            }
            folded.add(f);
        }
        if (folded.isEmpty()) {
            throw new IllegalArgumentException("no keywords");
        }
        this.keywords = List.copyOf(folded);
        this.automaton = new KeywordAutomaton(this.keywords);
        this.boundedStart = new boolean[this.keywords.size()];
        this.boundedEnd = new boolean[this.keywords.size()];
        int max = 0;
        for (int i = 0; i < this.keywords.size(); i++) {
            String k = this.keywords.get(i);
            boundedStart[i] = isWordChar(k.codePointAt(0));
            boundedEnd[i] = isWordChar(k.codePointBefore(k.length()));
            max = Math.max(max, k.length());
        }
        this.maxLength = max;
    }

    /** The keywords as matched: lower case, trimmed, inner whitespace runs as one space, duplicates dropped. */
    public List<String> keywords() {
        return keywords;
    }

    /**
     * {@code keyword} as it is matched: trimmed, each run of whitespace one space, lower case. Two
     * keywords with the same fold are the same keyword.
     */
    public static String fold(String keyword) {
        StringBuilder sb = new StringBuilder(keyword.length());
        boolean space = false;
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (isSpace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(KeywordAutomaton.lower(c));
            }
        }
        return sb.toString();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(String text, List<Finding> out) {
        // at[j % maxLength] is the index in text of the j-th character fed to the automaton; a
        // whitespace run is fed as one space, so a phrase's span still starts where its first word does.
        int[] at = new int[maxLength];
        int fed = 0;
        int state = KeywordAutomaton.START;
        boolean inSpace = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                if (inSpace) {
                    continue;
                }
                inSpace = true;
                c = ' ';
            } else {
                inSpace = false;
            }
            at[fed % maxLength] = i;
            fed++;
            state = automaton.next(state, c);
            int[] hits = automaton.hits(state);
            if (hits == null) {
                continue;
            }
            for (int k : hits) {
                int start = at[(fed - automaton.length(k)) % maxLength];
                int end = i + 1;
                if ((!boundedStart[k] || start == 0 || !isWordChar(text.codePointBefore(start)))
                        && (!boundedEnd[k] || end == n || !isWordChar(text.codePointAt(end)))) {
                    out.add(new Finding(Category.TOPIC, TYPE, start, end, 1.0, ID));
                }
            }
        }
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK;
    }

    @Override
    public String toString() {
        return "KeywordGuardrail[" + keywords.size() + " keywords]";
    }
}
