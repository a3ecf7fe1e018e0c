package io.airs.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.RiskTier;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class AzureRaiPolicyCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AzureRaiPolicyCompiler compiler = new AzureRaiPolicyCompiler(JSON);

    /** What the raiPolicies API accepts (Microsoft.CognitiveServices, RaiPolicyContentFilter). */
    private static final Set<String> FILTER_NAMES = Set.of(
            "Hate",
            "Sexual",
            "Violence",
            "Selfharm",
            "Jailbreak",
            "Indirect Attack",
            "Protected Material Text",
            "Protected Material Code",
            "Profanity");

    private static final Set<String> SEVERITY_FILTERS = Set.of("Hate", "Sexual", "Violence", "Selfharm");
    private static final Set<String> SEVERITIES = Set.of("Low", "Medium", "High");
    private static final Set<String> SOURCES = Set.of("Prompt", "Completion");
    private static final Set<String> MODES = Set.of("Default", "Deferred", "Blocking", "Asynchronous_filter");
    private static final Set<String> FILTER_KEYS = Set.of("name", "enabled", "blocking", "severityThreshold", "source");

    private static Policy parse(String yaml) {
        return new PolicyLoader().parse(yaml, "test.yaml");
    }

    /** The filters keyed by {@code name/source}. */
    private static Map<String, JsonNode> filters(JsonNode body) {
        Map<String, JsonNode> m = new HashMap<>();
        body.at("/properties/contentFilters")
                .forEach(n ->
                        m.put(n.path("name").asText() + "/" + n.path("source").asText(), n));
        return m;
    }

    private Map<String, JsonNode> compile(Policy p) {
        return filters(compiler.raiPolicy(p, AzureCompileOptions.defaults()));
    }

    static Stream<Policy> shippedPolicies() {
        List<Policy> all = new ArrayList<>(List.of(PolicyLoader.defaultPolicy()));
        for (RiskTier t : RiskTier.values()) {
            all.add(PolicyLoader.example(t));
        }
        return all.stream();
    }

    @Test
    void compilesTheDefaultPolicyToARaiPolicyBody() {
        Policy p = PolicyLoader.defaultPolicy();
        ObjectNode body = compiler.raiPolicy(p, AzureCompileOptions.defaults());
        assertThat(body.path("name").asText()).isEqualTo("airs-default");
        assertThat(body.at("/properties/basePolicyName").asText()).isEqualTo("Microsoft.DefaultV2");
        assertThat(body.at("/properties/mode").asText()).isEqualTo("Blocking");
        assertThat(body.at("/properties").has("customBlocklists")).isFalse();
        assertThat(body.path("tags").path(AzureRaiPolicyCompiler.REVISION_TAG).asText())
                .isEqualTo(p.revision());

        Map<String, JsonNode> f = filters(body);
        assertThat(f)
                .containsOnlyKeys(
                        "Hate/Prompt",
                        "Sexual/Prompt",
                        "Violence/Prompt",
                        "Selfharm/Prompt",
                        "Jailbreak/Prompt",
                        "Indirect Attack/Prompt",
                        "Hate/Completion",
                        "Sexual/Completion",
                        "Violence/Completion",
                        "Selfharm/Completion",
                        "Protected Material Text/Completion",
                        "Protected Material Code/Completion");
        // The blocking injection checks at input and context become blocking Prompt Shields.
        assertThat(f.get("Jailbreak/Prompt").path("enabled").asBoolean()).isTrue();
        assertThat(f.get("Jailbreak/Prompt").path("blocking").asBoolean()).isTrue();
        assertThat(f.get("Jailbreak/Prompt").has("severityThreshold")).isFalse();
        assertThat(f.get("Indirect Attack/Prompt").path("enabled").asBoolean()).isTrue();
        assertThat(f.get("Indirect Attack/Prompt").path("blocking").asBoolean()).isTrue();
        // No harm check and a MEDIUM tier: Azure's defaults, stated explicitly.
        for (String category : SEVERITY_FILTERS) {
            for (String source : SOURCES) {
                JsonNode n = f.get(category + "/" + source);
                assertThat(n.path("severityThreshold").asText())
                        .as(category + "/" + source)
                        .isEqualTo("Medium");
                assertThat(n.path("enabled").asBoolean()).isTrue();
                assertThat(n.path("blocking").asBoolean()).isTrue();
            }
        }
        assertThat(f.get("Protected Material Text/Completion").path("blocking").asBoolean())
                .isTrue();
        assertThat(f.get("Protected Material Code/Completion").path("enabled").asBoolean())
                .isTrue();
        assertThat(f.get("Protected Material Code/Completion").path("blocking").asBoolean())
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(RiskTier.class)
    void compilesEachTierExampleWithTheTiersThresholdAndShields(RiskTier tier) {
        Policy p = PolicyLoader.example(tier);
        ObjectNode body = compiler.raiPolicy(p, AzureCompileOptions.defaults());
        assertThat(body.path("name").asText())
                .isEqualTo("airs-example-" + tier.name().toLowerCase(Locale.ROOT));
        Map<String, JsonNode> f = filters(body);
        String expected = switch (tier) {
            case LOW, MEDIUM -> "Medium";
            case HIGH, CRITICAL -> "Low";
        };
        for (String category : SEVERITY_FILTERS) {
            for (String source : SOURCES) {
                assertThat(f.get(category + "/" + source)
                                .path("severityThreshold")
                                .asText())
                        .as(tier + " " + category + "/" + source)
                        .isEqualTo(expected);
            }
        }
        // Every example blocks injection at input; only LOW has no context checks at all.
        assertThat(f.get("Jailbreak/Prompt").path("blocking").asBoolean()).isTrue();
        boolean indirect = tier != RiskTier.LOW;
        assertThat(f.get("Indirect Attack/Prompt").path("enabled").asBoolean()).isEqualTo(indirect);
        assertThat(f.get("Indirect Attack/Prompt").path("blocking").asBoolean()).isEqualTo(indirect);
    }

    @ParameterizedTest
    @MethodSource("shippedPolicies")
    void emitsOnlyValuesTheApiAccepts(Policy p) {
        ObjectNode body = compiler.raiPolicy(p, AzureCompileOptions.defaults());
        assertThat(body.path("name").asText()).matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*");
        assertThat(MODES).contains(body.at("/properties/mode").asText());
        assertThat(body.at("/properties/basePolicyName").asText()).isEqualTo("Microsoft.DefaultV2");
        Set<String> seen = new HashSet<>();
        for (JsonNode n : body.at("/properties/contentFilters")) {
            Set<String> keys = new HashSet<>();
            n.fieldNames().forEachRemaining(keys::add);
            assertThat(FILTER_KEYS).containsAll(keys);
            String name = n.path("name").asText();
            assertThat(FILTER_NAMES).contains(name);
            assertThat(SOURCES).contains(n.path("source").asText());
            assertThat(n.path("enabled").isBoolean()).isTrue();
            assertThat(n.path("blocking").isBoolean()).isTrue();
            if (n.path("blocking").asBoolean()) {
                assertThat(n.path("enabled").asBoolean())
                        .as(name + " blocks only when enabled")
                        .isTrue();
            }
            if (SEVERITY_FILTERS.contains(name)) {
                assertThat(SEVERITIES).contains(n.path("severityThreshold").asText());
            } else {
                assertThat(n.has("severityThreshold")).as(name).isFalse();
            }
            if (name.equals("Jailbreak") || name.equals("Indirect Attack")) {
                assertThat(n.path("source").asText()).isEqualTo("Prompt");
            }
            assertThat(seen.add(name + "/" + n.path("source").asText()))
                    .as("one filter per name and source")
                    .isTrue();
        }
        assertThat(seen).hasSize(12);
    }

    @ParameterizedTest
    @MethodSource("shippedPolicies")
    void compilingTheSamePolicyTwiceGivesTheSameBytes(Policy p) throws Exception {
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String first = pretty.writeValueAsString(
                new AzureRaiPolicyCompiler(pretty).raiPolicy(p, AzureCompileOptions.defaults()));
        Policy reloaded = new PolicyLoader().parse(new PolicyLoader().toCanonicalJson(p), "again.json");
        String second = pretty.writeValueAsString(
                new AzureRaiPolicyCompiler(pretty).raiPolicy(reloaded, AzureCompileOptions.defaults()));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void jailbreakFollowsTheInputInjectionChecksAction() {
        Map<String, boolean[]> cases = Map.of(
                "block", new boolean[] {true, true},
                "escalate", new boolean[] {true, true},
                "allow", new boolean[] {true, false},
                "redact", new boolean[] {true, false});
        for (var c : cases.entrySet()) {
            Policy p = parse("""
                    version: 1
                    name: t
                    stages:
                      input:
                        - detector: injection
                          action: %s
                    """.formatted(c.getKey()));
            JsonNode jailbreak = compile(p).get("Jailbreak/Prompt");
            assertThat(jailbreak.path("enabled").asBoolean()).as(c.getKey()).isEqualTo(c.getValue()[0]);
            assertThat(jailbreak.path("blocking").asBoolean()).as(c.getKey()).isEqualTo(c.getValue()[1]);
        }
        Policy none = parse("""
                version: 1
                name: t
                stages:
                  input:
                    - detector: pii
                      action: redact
                  output:
                    - detector: injection
                """);
        Map<String, JsonNode> f = compile(none);
        assertThat(f.get("Jailbreak/Prompt").path("enabled").asBoolean()).isFalse();
        assertThat(f.get("Jailbreak/Prompt").path("blocking").asBoolean()).isFalse();
        assertThat(f.get("Indirect Attack/Prompt").path("enabled").asBoolean()).isFalse();
    }

    @Test
    void classifierChecksFeedTheShieldsTheirTypesAdmit() {
        Policy p = parse("""
                version: 1
                name: t
                stages:
                  input:
                    - detector: classifier
                      types: [classifier:harmful]
                  context:
                    - detector: classifier
                      types: [classifier:indirect_injection]
                """);
        Map<String, JsonNode> f = compile(p);
        assertThat(f.get("Jailbreak/Prompt").path("enabled").asBoolean()).isFalse();
        assertThat(f.get("Indirect Attack/Prompt").path("blocking").asBoolean()).isTrue();

        Policy all = parse("""
                version: 1
                name: t
                stages:
                  input:
                    - detector: classifier
                      action: escalate
                """);
        assertThat(compile(all).get("Jailbreak/Prompt").path("blocking").asBoolean())
                .isTrue();
    }

    @Test
    void harmThresholdTightensWithAStrictHarmCheckButNeverLoosensBelowAzuresDefault() {
        Policy strictOutput = parse("""
                version: 1
                name: t
                stages:
                  output:
                    - detector: classifier
                      types: [classifier:toxicity]
                      threshold: 0.2
                      action: block
                """);
        Map<String, JsonNode> f = compile(strictOutput);
        assertThat(f.get("Hate/Completion").path("severityThreshold").asText()).isEqualTo("Low");
        assertThat(f.get("Selfharm/Completion").path("severityThreshold").asText())
                .isEqualTo("Low");
        assertThat(f.get("Hate/Prompt").path("severityThreshold").asText()).isEqualTo("Medium");

        Policy lenient = parse("""
                version: 1
                name: t
                risk_tier: LOW
                stages:
                  input:
                    - detector: classifier
                      types: [classifier:harmful]
                      threshold: 0.9
                """);
        assertThat(compile(lenient)
                        .get("Violence/Prompt")
                        .path("severityThreshold")
                        .asText())
                .isEqualTo("Medium");

        Policy recordOnly = parse("""
                version: 1
                name: t
                stages:
                  context:
                    - detector: classifier
                      types: [classifier:harmful]
                      threshold: 0.1
                      action: allow
                """);
        JsonNode sexual = compile(recordOnly).get("Sexual/Prompt");
        assertThat(sexual.path("severityThreshold").asText()).isEqualTo("Medium");
        assertThat(sexual.path("blocking").asBoolean()).isTrue();
        assertThat(compiler.enforcedOnlyByAirs(recordOnly))
                .anySatisfy(l ->
                        assertThat(l).startsWith("stages.context[0] classifier").contains("keep blocking"));
    }

    @Test
    void thresholdCutPointsMatchTheBedrockOnes() {
        assertThat(AzureRaiPolicyCompiler.Level.ofThreshold(0.3)).isEqualTo(AzureRaiPolicyCompiler.Level.LOW);
        assertThat(AzureRaiPolicyCompiler.Level.ofThreshold(0.31)).isEqualTo(AzureRaiPolicyCompiler.Level.MEDIUM);
        assertThat(AzureRaiPolicyCompiler.Level.ofThreshold(0.6)).isEqualTo(AzureRaiPolicyCompiler.Level.MEDIUM);
        assertThat(AzureRaiPolicyCompiler.Level.ofThreshold(0.61)).isEqualTo(AzureRaiPolicyCompiler.Level.HIGH);
    }

    @Test
    void listsWhatOnlyAirsEnforcesInPolicyOrder() {
        List<String> lines = compiler.enforcedOnlyByAirs(PolicyLoader.defaultPolicy());
        assertThat(lines)
                .containsSubsequence(
                        "stages.input[2] secret (secret >= 0.5, redact): no Azure counterpart",
                        "stages.input[3] pii (pii >= 0.6, redact): no Azure counterpart",
                        "stages.context[2] secret (secret >= 0.5, redact): no Azure counterpart",
                        "stages.output[1] pii (pii >= 0.6, redact): no Azure counterpart",
                        "stages.tool_call[0] injection (injection >= 0.5, block): no Azure counterpart",
                        "injection thresholds: Jailbreak and Indirect Attack have none");
        // The injection and harmful-request checks have Azure counterparts (Jailbreak, the harm filters).
        assertThat(lines).noneMatch(l -> l.startsWith("stages.input[0]") || l.startsWith("stages.input[1]"));
        assertThat(lines)
                .last()
                .asString()
                .contains("judge")
                .contains("oversight")
                .contains("breakers");

        List<String> high = compiler.enforcedOnlyByAirs(PolicyLoader.example(RiskTier.HIGH));
        assertThat(high).contains("stages.output[1] payment-data (pii >= 0.5, escalate): no Azure counterpart");

        Policy escalating = parse("""
                version: 1
                name: t
                stages:
                  input:
                    - detector: injection
                      action: escalate
                  context:
                    - detector: injection
                      action: redact
                """);
        assertThat(compiler.enforcedOnlyByAirs(escalating))
                .contains(
                        "stages.input[0] injection (injection >= 0.5, escalate): Azure blocks instead of holding for"
                                + " review",
                        "stages.context[0] injection (injection >= 0.5, redact): Azure cannot redact; Indirect Attack"
                                + " only annotates");
    }

    @Test
    void usesTheGivenNameOrDerivesOneAzureAccepts() {
        Policy p = parse("""
                version: 1
                name: payments desk/eu
                """);
        assertThat(compiler.raiPolicy(p, AzureCompileOptions.defaults())
                        .path("name")
                        .asText())
                .isEqualTo("airs-payments-desk-eu");
        assertThat(compiler.raiPolicy(p, new AzureCompileOptions("prod.rai_1"))
                        .path("name")
                        .asText())
                .isEqualTo("prod.rai_1");
        assertThatThrownBy(() -> new AzureCompileOptions("-starts-with-dash"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AzureCompileOptions("has space")).isInstanceOf(IllegalArgumentException.class);
    }
}
