package io.airs.testkit.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * The layout rules of {@code terraform fmt} that can be checked without terraform: two spaces per
 * nesting level, no tabs, no trailing blanks, Unix line ends, one final newline. Nesting is counted
 * over brackets outside strings and comments, with template interpolations ({@code ${...}}) followed
 * into their own strings.
 *
 * <pre>{@code
 * assertThat(HclLayout.problems(Files.readString(tfFile))).isEmpty();
 * }</pre>
 */
public final class HclLayout {

    private HclLayout() {}

    /** Every problem found, as "line N: what"; empty when the file is laid out as fmt would. */
    public static List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        if (text.contains("\r")) {
            problems.add("carriage return: use Unix line ends");
        }
        if (!text.endsWith("\n") || text.endsWith("\n\n")) {
            problems.add("file must end with exactly one newline");
        }
        String[] lines = text.split("\n", -1);
        int depth = 0;
        Scanner scanner = new Scanner();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.indexOf('\t') >= 0) {
                problems.add("line " + number + ": tab");
            }
            if (!line.isEmpty() && Character.isWhitespace(line.charAt(line.length() - 1))) {
                problems.add("line " + number + ": trailing whitespace");
            }
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !scanner.inString()) {
                int indent = line.length() - line.stripLeading().length();
                int expected = 2 * (startsWithCloser(trimmed) ? depth - 1 : depth);
                if (indent != expected) {
                    problems.add("line " + number + ": indent " + indent + ", expected " + expected);
                }
            }
            // Like terraform fmt: a line that opens brackets indents the next by one level however
            // many it opens, and a line that closes them outdents by one.
            int net = scanner.scan(line);
            depth += Integer.signum(net);
        }
        if (depth != 0) {
            problems.add("unbalanced brackets (depth " + depth + " at end of file)");
        }
        return problems;
    }

    private static boolean startsWithCloser(String trimmed) {
        char c = trimmed.charAt(0);
        return c == '}' || c == ']' || c == ')';
    }

    /** Tracks strings and template interpolations across lines. */
    private static final class Scanner {
        // Each entry: brackets open inside one ${ } when it was entered; -1 marks "inside a string".
        private final List<Integer> stack = new ArrayList<>();

        boolean inString() {
            return !stack.isEmpty() && stack.get(stack.size() - 1) == -1;
        }

        int scan(String line) {
            int net = 0;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (inString()) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        stack.remove(stack.size() - 1);
                    } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
                        stack.add(0);
                        i++;
                    }
                    continue;
                }
                boolean inTemplate = !stack.isEmpty();
                if (c == '#' || (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/')) {
                    break;
                }
                if (c == '"') {
                    stack.add(-1);
                } else if (c == '{' || c == '[' || c == '(') {
                    if (inTemplate) {
                        stack.set(stack.size() - 1, stack.get(stack.size() - 1) + 1);
                    } else {
                        net++;
                    }
                } else if (c == '}' || c == ']' || c == ')') {
                    if (inTemplate) {
                        int open = stack.get(stack.size() - 1);
                        if (open == 0 && c == '}') {
                            stack.remove(stack.size() - 1);
                        } else {
                            stack.set(stack.size() - 1, open - 1);
                        }
                    } else {
                        net--;
                    }
                }
            }
            return net;
        }
    }
}
