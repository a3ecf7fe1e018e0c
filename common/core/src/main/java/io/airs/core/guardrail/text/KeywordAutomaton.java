package io.airs.core.guardrail.text;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * An Aho-Corasick automaton over lower-cased text, compiled once into a dense transition table
 * indexed by character class, so one pass over the input finds every keyword occurrence with no
 * allocation and no backtracking. Immutable and thread-safe.
 *
 * <p>{@link #scan} reports every occurrence; a caller that feeds characters itself (to skip or
 * substitute some) steps the automaton with {@link #next} from {@link #START} and reads {@link
 * #hits} after each step.
 *
 * <pre>{@code
 * KeywordAutomaton a = new KeywordAutomaton(List.of("password", "token"));
 * a.scan(text, (keyword, start, end) -> ...);
 * }</pre>
 */
public final class KeywordAutomaton {

    /** The state before any character. */
    public static final int START = 0;

    /** Receives each keyword occurrence: the keyword's index and its UTF-16 span. */
    public interface Sink {
        void hit(int keyword, int start, int end);
    }

    private final int[] asciiClass = new int[128];
    private final char[] otherChars;
    private final int[] otherClass;
    private final int classes;
    private final int[] delta;
    /**
     * {@link #delta} for {@link #scan}: each entry is the next state's row offset ({@code state *
     * classes}) shifted left once, with the low bit set when a keyword ends there, so a step costs
     * one load and no multiplication, and a state without hits is never looked up in {@link #outputs}.
     */
    private final int[] jump;

    private final int[][] outputs;
    private final int[] lengths;

    /** Builds the automaton; keywords are matched case-insensitively and must not be empty. */
    public KeywordAutomaton(List<String> keywords) {
        lengths = new int[keywords.size()];
        TreeSet<Character> alphabet = new TreeSet<>();
        for (String k : keywords) {
            if (k.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            for (int i = 0; i < k.length(); i++) {
                alphabet.add(lower(k.charAt(i)));
            }
        }
        int next = 1;
        List<Character> others = new ArrayList<>();
        for (char c : alphabet) {
            if (c < 128) {
                asciiClass[c] = next++;
            } else {
                others.add(c);
            }
        }
        otherChars = new char[others.size()];
        otherClass = new int[others.size()];
        for (int i = 0; i < others.size(); i++) {
            otherChars[i] = others.get(i);
            otherClass[i] = next++;
        }
        classes = next;

        List<Map<Integer, Integer>> trie = new ArrayList<>();
        List<List<Integer>> out = new ArrayList<>();
        trie.add(new HashMap<>());
        out.add(new ArrayList<>());
        for (int id = 0; id < keywords.size(); id++) {
            String k = keywords.get(id);
            lengths[id] = k.length();
            int s = 0;
            for (int i = 0; i < k.length(); i++) {
                int cls = classOf(lower(k.charAt(i)));
                Integer t = trie.get(s).get(cls);
                if (t == null) {
                    t = trie.size();
                    trie.add(new HashMap<>());
                    out.add(new ArrayList<>());
                    trie.get(s).put(cls, t);
                }
                s = t;
            }
            out.get(s).add(id);
        }

        int states = trie.size();
        delta = new int[states * classes];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = 0; c < classes; c++) {
            Integer t = trie.get(0).get(c);
            if (t != null) {
                delta[c] = t;
                queue.add(t);
            }
        }
        while (!queue.isEmpty()) {
            int s = queue.poll();
            out.get(s).addAll(out.get(fail[s]));
            for (int c = 0; c < classes; c++) {
                Integer t = trie.get(s).get(c);
                if (t != null) {
                    fail[t] = delta[fail[s] * classes + c];
                    delta[s * classes + c] = t;
                    queue.add(t);
                } else {
                    delta[s * classes + c] = delta[fail[s] * classes + c];
                }
            }
        }
        outputs = new int[states][];
        for (int s = 0; s < states; s++) {
            List<Integer> o = out.get(s);
            outputs[s] = o.isEmpty()
                    ? null
                    : o.stream().distinct().mapToInt(Integer::intValue).toArray();
        }
        jump = new int[delta.length];
        for (int i = 0; i < delta.length; i++) {
            int t = delta[i];
            jump[i] = (t * classes) << 1 | (outputs[t] == null ? 0 : 1);
        }
    }

    /** Reports every keyword occurrence in {@code text}, in order of the end of the occurrence. */
    public void scan(String text, Sink sink) {
        int row = START;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            int j = jump[row + classOf(lower(text.charAt(i)))];
            row = j >>> 1;
            if ((j & 1) != 0) {
                for (int k : outputs[row / classes]) {
                    sink.hit(k, i + 1 - lengths[k], i + 1);
                }
            }
        }
    }

    /** The state after reading {@code c} (folded to lower case) in {@code state}. */
    public int next(int state, char c) {
        return delta[state * classes + classOf(lower(c))];
    }

    /** The indices of the keywords that end in {@code state}; null when none (most states). */
    public int[] hits(int state) {
        return outputs[state];
    }

    /** The length of keyword {@code k} in characters. */
    public int length(int k) {
        return lengths[k];
    }

    /** The number of keywords. */
    public int keywordCount() {
        return lengths.length;
    }

    private int classOf(char c) {
        if (c < 128) {
            return asciiClass[c];
        }
        int i = Arrays.binarySearch(otherChars, c);
        return i >= 0 ? otherClass[i] : 0;
    }

    /** {@code c} in lower case, with an ASCII fast path; the folding every match uses. */
    public static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        return Character.toLowerCase(c);
    }
}
