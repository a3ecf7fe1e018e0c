package io.airs.core.guardrail.injection;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A character trie over the case-folded first words of every phrase pattern, frozen into flat arrays.
 * The guardrail walks it from each word start, so one pass over the text finds every keyword hit
 * without allocating. Each terminal node lists the (pattern, alternative) pairs whose first word ends
 * there.
 */
final class KeywordTrie {

    private final char[][] keys;
    private final int[][] children;
    /** Per node: pairs of (pattern index, alternative index), or null when no keyword ends here. */
    private final int[][] entries;

    /** The root's children along ASCII characters, looked up directly since every walk starts here. */
    private final int[] asciiRoot;

    private KeywordTrie(char[][] keys, int[][] children, int[][] entries) {
        this.keys = keys;
        this.children = children;
        this.entries = entries;
        this.asciiRoot = new int[128];
        Arrays.fill(asciiRoot, -1);
        for (int i = 0; i < keys[ROOT].length; i++) {
            if (keys[ROOT][i] < 128) {
                asciiRoot[keys[ROOT][i]] = children[ROOT][i];
            }
        }
    }

    static final int ROOT = 0;

    /** The child of {@code node} along the folded character {@code c}, or -1. */
    int next(int node, char c) {
        if (node == ROOT && c < 128) {
            return asciiRoot[c];
        }
        char[] k = keys[node];
        if (k.length <= 8) {
            for (int i = 0; i < k.length; i++) {
                if (k[i] == c) {
                    return children[node][i];
                }
            }
            return -1;
        }
        int i = Arrays.binarySearch(k, c);
        return i >= 0 ? children[node][i] : -1;
    }

    /** The (pattern, alternative) pairs ending at {@code node}, flattened; null when none. */
    int[] entries(int node) {
        return entries[node];
    }

    /** Builds the trie from the first slot of every pattern. */
    static KeywordTrie build(List<PhrasePattern> patterns) {
        List<StringBuilder> keyLists = new ArrayList<>();
        List<List<Integer>> childLists = new ArrayList<>();
        List<List<Integer>> entryLists = new ArrayList<>();
        keyLists.add(new StringBuilder());
        childLists.add(new ArrayList<>());
        entryLists.add(new ArrayList<>());
        for (PhrasePattern p : patterns) {
            PhrasePattern.Alternative[] alts = p.slots()[0].alternatives();
            for (int a = 0; a < alts.length; a++) {
                String word = alts[a].words()[0];
                int node = ROOT;
                for (int i = 0; i < word.length(); i++) {
                    char c = Chars.fold(word.charAt(i));
                    int at = keyLists.get(node).indexOf(String.valueOf(c));
                    if (at >= 0) {
                        node = childLists.get(node).get(at);
                    } else {
                        int child = keyLists.size();
                        keyLists.add(new StringBuilder());
                        childLists.add(new ArrayList<>());
                        entryLists.add(new ArrayList<>());
                        keyLists.get(node).append(c);
                        childLists.get(node).add(child);
                        node = child;
                    }
                }
                entryLists.get(node).add(p.index());
                entryLists.get(node).add(a);
            }
        }
        int n = keyLists.size();
        char[][] keys = new char[n][];
        int[][] children = new int[n][];
        int[][] entries = new int[n][];
        for (int node = 0; node < n; node++) {
            String k = keyLists.get(node).toString();
            Integer[] order = new Integer[k.length()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Character.compare(k.charAt(x), k.charAt(y)));
            keys[node] = new char[order.length];
            children[node] = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                keys[node][i] = k.charAt(order[i]);
                children[node][i] = childLists.get(node).get(order[i]);
            }
            List<Integer> e = entryLists.get(node);
            entries[node] =
                    e.isEmpty() ? null : e.stream().mapToInt(Integer::intValue).toArray();
        }
        return new KeywordTrie(keys, children, entries);
    }
}
