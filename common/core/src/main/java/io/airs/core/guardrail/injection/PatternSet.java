package io.airs.core.guardrail.injection;

import io.airs.core.guardrail.injection.PhrasePattern.Alternative;
import io.airs.core.guardrail.injection.PhrasePattern.Slot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the phrase-pattern language. One pattern per line: {@code type weight slot slot ...},
 * {@code #} starts a comment. A slot is
 *
 * <ul>
 *   <li>a word, {@code ignore}; a prefix word, {@code instruction*}; a case-sensitive word,
 *       {@code =DAN}; a literal matched without word boundaries, {@code `<|im_start|>`};
 *   <li>a group of alternatives, {@code (previous|prior|word+for+word)}, where {@code +} joins the
 *       words of one alternative;
 *   <li>either of the above followed by {@code ?}, which makes it optional;
 *   <li>a gap {@code ~N}: up to N arbitrary words inside the same clause.
 * </ul>
 *
 * <p>A leading {@code ^} anchors the pattern at the start of a sentence, which tells an imperative
 * addressed to the reader ("Explain how ...") from the same verb inside a sentence.
 */
final class PatternSet {

    static final String RESOURCE = "patterns.txt";

    private PatternSet() {}

    /** Loads the built-in pattern set, keeping only the patterns of the given families. */
    static List<PhrasePattern> builtIn(Set<InjectionFamily> families) {
        // The resource is parsed once per process; each detector (injection, indirect, harmful)
        // takes its families from it, numbered afresh.
        List<PhrasePattern> out = new ArrayList<>();
        for (PhrasePattern p : BuiltIn.ALL) {
            if (families.contains(p.family())) {
                out.add(new PhrasePattern(out.size(), p.family(), p.weight(), p.slots(), p.anchored(), p.source()));
            }
        }
        return out;
    }

    /** Every built-in pattern, parsed on first use. */
    private static final class BuiltIn {
        static final List<PhrasePattern> ALL = load();

        private static List<PhrasePattern> load() {
            try (InputStream in = PatternSet.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("pattern resource " + RESOURCE + " is missing");
                }
                return List.copyOf(parse(
                        new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        java.util.EnumSet.allOf(InjectionFamily.class)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Parses pattern text.
     *
     * @throws IllegalArgumentException naming the line, when a pattern is malformed
     */
    static List<PhrasePattern> parse(String text, Set<InjectionFamily> families) {
        List<PhrasePattern> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                PhrasePattern p = parseLine(out.size(), line);
                if (families.contains(p.family())) {
                    out.add(p);
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        RESOURCE + ":" + (n + 1) + ": " + e.getMessage() + " in '" + line + "'", e);
            }
        }
        return List.copyOf(out);
    }

    private static PhrasePattern parseLine(int index, String line) {
        String[] tokens = line.split("\\s+");
        if (tokens.length < 3) {
            throw new IllegalArgumentException("expected: type weight slot...");
        }
        InjectionFamily family = InjectionFamily.fromType(tokens[0]);
        double weight = Double.parseDouble(tokens[1]);
        if (!(weight > 0.0 && weight <= 1.0)) {
            throw new IllegalArgumentException("weight outside (0, 1]");
        }
        List<Slot> slots = new ArrayList<>();
        boolean anchored = tokens[2].equals("^");
        for (int i = anchored ? 3 : 2; i < tokens.length; i++) {
            slots.add(parseSlot(tokens[i]));
        }
        if (slots.isEmpty()) {
            throw new IllegalArgumentException("expected a slot after ^");
        }
        Slot first = slots.get(0);
        if (first.isGap() || first.optional()) {
            throw new IllegalArgumentException("the first slot must be a required word or group");
        }
        if (slots.get(slots.size() - 1).isGap()) {
            throw new IllegalArgumentException("a pattern cannot end with a gap");
        }
        return new PhrasePattern(index, family, weight, slots.toArray(Slot[]::new), anchored, line);
    }

    private static Slot parseSlot(String token) {
        if (token.startsWith("~")) {
            int gap = Integer.parseInt(token.substring(1));
            if (gap < 1 || gap > 8) {
                throw new IllegalArgumentException("gap must be 1..8");
            }
            return new Slot(gap, false, new Alternative[0]);
        }
        boolean optional = false;
        if (token.endsWith("?") && token.length() > 1 && !token.endsWith("`")) {
            optional = true;
            token = token.substring(0, token.length() - 1);
        }
        List<Alternative> alts = new ArrayList<>();
        if (token.startsWith("(") && token.endsWith(")")) {
            for (String alt : splitAlternatives(token.substring(1, token.length() - 1))) {
                alts.add(parseAlternative(alt));
            }
        } else {
            alts.add(parseAlternative(token));
        }
        return new Slot(0, optional, alts.toArray(Alternative[]::new));
    }

    /** Splits on {@code |} outside backquoted literals, which may contain {@code |} themselves. */
    private static List<String> splitAlternatives(String group) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int from = 0;
        for (int i = 0; i < group.length(); i++) {
            char c = group.charAt(i);
            if (c == '`') {
                quoted = !quoted;
            } else if (c == '|' && !quoted) {
                out.add(group.substring(from, i));
                from = i + 1;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unclosed literal");
        }
        out.add(group.substring(from));
        return out;
    }

    private static Alternative parseAlternative(String alt) {
        if (alt.isEmpty()) {
            throw new IllegalArgumentException("empty alternative");
        }
        if (alt.length() > 2 && alt.startsWith("`") && alt.endsWith("`")) {
            String lit = alt.substring(1, alt.length() - 1).toLowerCase(Locale.ROOT);
            return new Alternative(new String[] {lit}, new boolean[] {false}, true, false);
        }
        boolean caseSensitive = alt.startsWith("=");
        if (caseSensitive) {
            alt = alt.substring(1);
        }
        String[] words = alt.split("\\+");
        boolean[] prefix = new boolean[words.length];
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.endsWith("*")) {
                prefix[i] = true;
                w = w.substring(0, w.length() - 1);
            }
            if (w.isEmpty()) {
                throw new IllegalArgumentException("empty word");
            }
            for (int k = 0; k < w.length(); k++) {
                char c = w.charAt(k);
                if (!Chars.isWordChar(c) && c != '\'' && c != '-') {
                    throw new IllegalArgumentException("'" + w + "' is not a word; quote literals with `");
                }
            }
            words[i] = caseSensitive ? w : w.toLowerCase(Locale.ROOT);
        }
        return new Alternative(words, prefix, false, caseSensitive);
    }
}
