package io.airs.testkit.terraform;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of Java source, for tests that tie a Terraform stack to the names its code
 * reads: a name that appears only in a comment or Javadoc is not read by the code.
 *
 * <pre>{@code
 * List<String> literals = JavaSources.stringLiterals(Files.readString(handler));
 * }</pre>
 */
public final class JavaSources {

    private JavaSources() {}

    /**
     * The contents of every string literal and text block of a Java source, escapes left as written;
     * comments and character literals are skipped.
     */
    public static List<String> stringLiterals(String source) {
        List<String> literals = new ArrayList<>();
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                int end = source.indexOf('\n', i);
                i = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (source.startsWith("\"\"\"", i)) {
                int start = i + 3;
                int end = closing(source, start, "\"\"\"");
                literals.add(source.substring(start, end));
                i = Math.min(n, end + 3);
            } else if (c == '"') {
                int end = closing(source, i + 1, "\"");
                literals.add(source.substring(i + 1, end));
                i = Math.min(n, end + 1);
            } else if (c == '\'') {
                i = Math.min(n, closing(source, i + 1, "'") + 1);
            } else {
                i++;
            }
        }
        return literals;
    }

    /** Index of the unescaped {@code delimiter} at or after {@code from}, or the end of the source. */
    private static int closing(String source, int from, String delimiter) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(delimiter, i)) {
                return i;
            } else {
                i++;
            }
        }
        return source.length();
    }
}
