package io.airs.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.RiskTier;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads the golden cases shipped in this module ({@code io/airs/testkit/golden/*.json}, listed in
 * {@code index.txt}).
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("io.airs.testkit.GoldenCases#all")
 * void meetsGoldenCase(GoldenCase c) { c.assertMatches(post(c.request())); }
 * }</pre>
 */
public final class GoldenCases {

    private static final String ROOT = "/io/airs/testkit/golden/";

    private GoldenCases() {}

    /** Every golden case, in index order. */
    public static List<GoldenCase> all() {
        ObjectMapper mapper = new ObjectMapper();
        List<GoldenCase> cases = new ArrayList<>();
        for (String line : read("index.txt").split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            try {
                JsonNode n = mapper.readTree(read(name + ".json"));
                cases.add(new GoldenCase(
                        name,
                        n.path("description").asText(),
                        n.path("policy").asText("default"),
                        n.get("request"),
                        n.get("expect")));
            } catch (IOException e) {
                throw new UncheckedIOException("golden case " + name, e);
            }
        }
        return cases;
    }

    /** The built-in policy a case names: {@code default} or {@code example-<tier>}. */
    public static Policy policy(GoldenCase c) {
        if ("default".equals(c.policy())) {
            return PolicyLoader.defaultPolicy();
        }
        if (c.policy().startsWith("example-")) {
            return PolicyLoader.example(RiskTier.valueOf(c.policy().substring(8).toUpperCase(Locale.ROOT)));
        }
        throw new IllegalArgumentException("golden case " + c.name() + ": unknown policy " + c.policy());
    }

    private static String read(String file) {
        try (InputStream in = GoldenCases.class.getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new IllegalStateException("missing golden resource " + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
