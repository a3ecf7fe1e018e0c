package io.airs.core.guardrail.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.PatternSyntaxException;

/**
 * Loads the shipped provider rule lists and converts its Go RE2 expressions to java.util.regex.
 *
 * <p>Rules replaced by a dedicated scanner of this package (private keys, JWTs, generic and
 * password assignments) and rules that only match file paths are left out and counted.
 */
final class ProviderRules {

    /** The gitleaks list (MIT) and this project's supplement, loaded in this order. */
    static final List<String> RESOURCES = List.of("gitleaks_rules.jsonl", "extra_rules.jsonl");

    /** Rule ids that a dedicated scanner here handles with structure checks a regex cannot make. */
    static final Set<String> REPLACED = Set.of("generic-api-key", "jwt", "private-key", "hashicorp-tf-password");

    private static final Map<String, String> POSIX_CLASSES = Map.of(
            "alnum", "\\p{Alnum}",
            "alpha", "\\p{Alpha}",
            "digit", "\\d",
            "lower", "\\p{Lower}",
            "upper", "\\p{Upper}",
            "space", "\\s",
            "xdigit", "\\p{XDigit}",
            "punct", "\\p{Punct}",
            "word", "\\w");

    /** The outcome of loading: usable rules and the ids left out, with why. */
    record Loaded(List<ProviderRule> rules, Map<String, String> dropped) {}

    private ProviderRules() {}

    static Loaded load() {
        List<ProviderRule> rules = new ArrayList<>();
        Map<String, String> dropped = new java.util.TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String resource : RESOURCES) {
            read(resource, json, rules, dropped);
        }
        return new Loaded(List.copyOf(rules), Map.copyOf(dropped));
    }

    private static void read(
            String resource, ObjectMapper json, List<ProviderRule> rules, Map<String, String> dropped) {
        try (InputStream in = ProviderRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = json.readTree(line);
                String id = n.path("id").asText();
                String regex = n.path("regex").asText(null);
                if (regex == null) {
                    dropped.put(id, "path-only rule");
                    continue;
                }
                if (REPLACED.contains(id)) {
                    dropped.put(id, "replaced by a dedicated scanner");
                    continue;
                }
                List<String> keywords = new ArrayList<>();
                for (JsonNode k : n.path("keywords")) {
                    keywords.add(k.asText().toLowerCase(Locale.ROOT));
                }
                if (keywords.isEmpty()) {
                    dropped.put(id, "no keyword to prefilter on");
                    continue;
                }
                try {
                    String javaRegex = allowColourCodeBefore(toJava(regex));
                    rules.add(new ProviderRule(
                            id,
                            javaRegex,
                            keywords,
                            n.path("entropy").asDouble(0.0),
                            n.path("secretGroup").asInt(0),
                            regex.contains("{0,50}?"),
                            startsWithKeyword(regex, keywords)));
                } catch (IllegalArgumentException e) {
                    dropped.put(id, "cannot be converted: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the expression's leading literal (after {@code \\b}, groups and flags) begins with one
     * of the keywords, so matches start where the keyword occurs.
     */
    static boolean startsWithKeyword(String regex, List<String> keywords) {
        int i = 0;
        while (true) {
            if (regex.startsWith("\\b", i)) {
                i += 2;
            } else if (regex.startsWith("(?i)", i)) {
                i += 4;
            } else if (regex.startsWith("(?:", i)) {
                i += 3;
            } else if (regex.startsWith("(", i) && !regex.startsWith("(?", i)) {
                i += 1;
            } else {
                break;
            }
        }
        StringBuilder lit = new StringBuilder();
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length() && ".-_".indexOf(regex.charAt(i + 1)) >= 0) {
                lit.append(regex.charAt(i + 1));
                i += 2;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '-') {
                lit.append(Character.toLowerCase(c));
                i++;
            } else {
                break;
            }
        }
        if (i < regex.length() && "?*{|".indexOf(regex.charAt(i)) >= 0 && lit.length() > 0) {
            // A quantifier or alternation right after the literal makes its last character optional.
            lit.setLength(lit.length() - 1);
        }
        String l = lit.toString();
        return !l.isEmpty() && keywords.stream().anyMatch(l::startsWith);
    }

    /**
     * Lets a leading word boundary also hold right after a terminal colour code ({@code ESC[93m}),
     * so a token printed in colour by a CLI or a log viewer is still found: the {@code m} that ends
     * the code is a word character and would otherwise hide the boundary.
     */
    static String allowColourCodeBefore(String javaRegex) {
        if (!javaRegex.startsWith("\\b")) {
            return javaRegex;
        }
        return "(?:\\b|(?<=\\x1b\\[[0-9;]{1,12}m))" + javaRegex.substring(2);
    }

    /**
     * Rewrites RE2 syntax that java.util.regex reads differently: {@code (?P<name>} named groups
     * become plain groups (numbering is kept, and RE2 names may hold underscores Java rejects), POSIX
     * classes such as {@code [[:alnum:]]} become {@code \p{Alnum}}, and a bare {@code [} or {@code &}
     * inside a class is escaped, since Java would read them as a nested class or an intersection.
     */
    static String toJava(String re2) {
        StringBuilder out = new StringBuilder(re2.length() + 16);
        boolean inClass = false;
        int i = 0;
        int n = re2.length();
        while (i < n) {
            char c = re2.charAt(i);
            if (c == '\\' && i + 1 < n) {
                out.append(c).append(re2.charAt(i + 1));
                i += 2;
                continue;
            }
            if (!inClass) {
                if (re2.startsWith("(?P<", i)) {
                    int gt = re2.indexOf('>', i);
                    out.append('(');
                    i = gt + 1;
                    continue;
                }
                out.append(c);
                i++;
                if (c == '[') {
                    inClass = true;
                    if (i < n && re2.charAt(i) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i < n && re2.charAt(i) == ']') {
                        out.append("\\]");
                        i++;
                    }
                }
                continue;
            }
            if (re2.startsWith("[:", i)) {
                int end = re2.indexOf(":]", i + 2);
                String name = end < 0 ? null : re2.substring(i + 2, end);
                String mapped = name == null ? null : POSIX_CLASSES.get(name);
                if (mapped == null) {
                    throw new PatternSyntaxException("unknown POSIX class", re2, i);
                }
                out.append(mapped);
                i = end + 2;
                continue;
            }
            if (c == '[' || c == '&') {
                out.append('\\').append(c);
            } else {
                out.append(c);
                if (c == ']') {
                    inClass = false;
                }
            }
            i++;
        }
        return out.toString();
    }
}
