package io.airs.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One golden case: a native {@code /v1/evaluate} request and the decision expected for it.
 *
 * <p>{@code expect} holds {@code decision} (required), and optionally {@code reason}, {@code
 * content} (the exact modified content), {@code findings} (each expected finding must be matched by
 * an actual one on every field it names) and {@code absent_categories} (no finding of these
 * categories may appear).
 *
 * @param name the file's base name
 * @param description what the case shows
 * @param policy the built-in policy it runs under: {@code default} or {@code example-<tier>}
 * @param request the request body, exactly as a client sends it
 * @param expect what the decision must show
 */
public record GoldenCase(String name, String description, String policy, JsonNode request, JsonNode expect) {

    /** Asserts that a decision in wire JSON meets this case's expectations. */
    public void assertMatches(JsonNode decision) {
        String at = "golden case " + name + " (" + description + "): ";
        assertThat(decision.path("decision").asText())
                .as(at + "decision in " + summary(decision))
                .isEqualTo(expect.path("decision").asText());
        if (expect.has("reason")) {
            assertThat(decision.path("reason").asText(null))
                    .as(at + "reason")
                    .isEqualTo(expect.get("reason").asText());
        }
        if (expect.has("content")) {
            assertThat(decision.path("content").asText(null))
                    .as(at + "content")
                    .isEqualTo(expect.get("content").asText());
        }
        assertThat(decision.path("decision_id").asText()).as(at + "decision_id").isNotBlank();
        assertThat(decision.path("policy_revision").asText())
                .as(at + "policy_revision")
                .matches("[0-9a-f]{16}");
        String content = request.path("content").asText(null);
        for (JsonNode f : decision.path("findings")) {
            assertThat(f.path("start").asInt()).as(at + "finding start").isGreaterThanOrEqualTo(0);
            assertThat(f.path("end").asInt())
                    .as(at + "finding end")
                    .isGreaterThanOrEqualTo(f.path("start").asInt());
            if (content != null) {
                assertThat(f.path("end").asInt())
                        .as(at + "finding end within content")
                        .isLessThanOrEqualTo(content.length());
            }
            assertThat(f.has("text") || f.has("value") || f.has("match"))
                    .as(at + "findings carry no matched text")
                    .isFalse();
        }
        for (JsonNode want : expect.path("findings")) {
            assertThat(anyMatch(decision.path("findings"), want))
                    .as(at + "expected a finding like " + want + " in " + summary(decision))
                    .isTrue();
        }
        for (JsonNode cat : expect.path("absent_categories")) {
            for (JsonNode f : decision.path("findings")) {
                assertThat(f.path("category").asText())
                        .as(at + "no finding of category " + cat.asText() + " in " + summary(decision))
                        .isNotEqualTo(cat.asText());
            }
        }
    }

    private static boolean anyMatch(JsonNode findings, JsonNode want) {
        for (JsonNode f : findings) {
            boolean ok = true;
            Iterator<Map.Entry<String, JsonNode>> it = want.fields();
            while (it.hasNext() && ok) {
                Map.Entry<String, JsonNode> e = it.next();
                ok = f.has(e.getKey()) && f.get(e.getKey()).equals(e.getValue());
            }
            if (ok) {
                return true;
            }
        }
        return false;
    }

    /** Decision and findings without any content, for assertion messages. */
    private static String summary(JsonNode d) {
        List<String> fs = new ArrayList<>();
        for (JsonNode f : d.path("findings")) {
            fs.add(f.path("category").asText() + "/" + f.path("type").asText() + "@"
                    + f.path("start").asInt() + "-" + f.path("end").asInt() + ":"
                    + f.path("score").asDouble());
        }
        return d.path("decision").asText() + " " + fs;
    }
}
