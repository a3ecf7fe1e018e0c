package io.airs.core.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.airs.core.RiskTier;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class DatabricksAiGatewayCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DatabricksAiGatewayCompiler compiler = new DatabricksAiGatewayCompiler(JSON);

    /** The JSON names of the Databricks SDK's AiGatewayConfig and its parts (databricks-sdk-java 0.141.0). */
    private static final Set<String> CONFIG_KEYS =
            Set.of("guardrails", "rate_limits", "usage_tracking_config", "inference_table_config", "fallback_config");

    private static final Set<String> PARAMETER_KEYS = Set.of("safety", "pii", "invalid_keywords", "valid_topics");
    private static final Set<String> BEHAVIORS = Set.of("NONE", "BLOCK", "MASK");
    private static final Set<String> RATE_LIMIT_KEYS = Set.of("calls", "key", "principal", "renewal_period", "tokens");
    private static final Set<String> KEYS = Set.of("user", "endpoint", "user_group", "service_principal");
    private static final Set<String> TABLE_KEYS = Set.of("catalog_name", "schema_name", "table_name_prefix", "enabled");

    private static Policy parse(String yaml) {
        return new PolicyLoader().parse(yaml, "test.yaml");
    }

    private JsonNode compile(Policy p) {
        return compiler.aiGateway(p, DatabricksCompileOptions.defaults());
    }

    private JsonNode compile(String yaml) {
        return compile(parse(yaml));
    }

    private static final String GATEWAY_POLICY = """
            version: 1
            name: support-bot
            limits:
              rate_limits:
                - key: user
                  calls: 60
                - key: user_group
                  principal: analysts
                  calls: 600
                  tokens: 200000
            topics:
              allowed: [billing, order status]
            stages:
              input:
                - detector: injection
                - name: competitors
                  detector: keywords
                  keywords: [acme corp, Globex]
              context:
                - detector: keywords
                  keywords: [ACME  Corp, initech]
                  action: escalate
              output:
                - detector: pii
                  action: redact
                - detector: keywords
                  keywords: [project aurora]
                - name: soft
                  detector: keywords
                  keywords: [internal only]
                  action: redact
              tool_call:
                - detector: keywords
                  keywords: [rm -rf]
            """;

    @Test
    void compilesTheDefaultPolicyWithSafetyOnInputMaskedPiiAndNoKeywords() throws Exception {
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        String body = pretty.writeValueAsString(new DatabricksAiGatewayCompiler(pretty)
                .aiGateway(PolicyLoader.defaultPolicy(), DatabricksCompileOptions.defaults()));
        assertThat(body).isEqualToIgnoringNewLines("""
                {
                  "guardrails" : {
                    "input" : {
                      "safety" : true,
                      "pii" : {
                        "behavior" : "MASK"
                      }
                    },
                    "output" : {
                      "safety" : false,
                      "pii" : {
                        "behavior" : "MASK"
                      }
                    }
                  },
                  "rate_limits" : [ ],
                  "usage_tracking_config" : {
                    "enabled" : true
                  }
                }""");
    }

    @Test
    void compilesKeywordsTopicsAndRateLimits() {
        JsonNode n = compile(GATEWAY_POLICY);
        JsonNode in = n.at("/guardrails/input");
        assertThat(in.path("safety").asBoolean()).isTrue();
        assertThat(in.at("/pii/behavior").asText()).isEqualTo("NONE");
        // input and context together, each keyword once (as first written), in policy order
        assertThat(texts(in.path("invalid_keywords"))).containsExactly("acme corp", "Globex", "initech");
        assertThat(texts(in.path("valid_topics"))).containsExactly("billing", "order status");
        JsonNode out = n.at("/guardrails/output");
        assertThat(out.path("safety").asBoolean()).isFalse();
        assertThat(out.at("/pii/behavior").asText()).isEqualTo("MASK");
        // the redacting keyword check only blocks in AIRS, and topics are input only
        assertThat(texts(out.path("invalid_keywords"))).containsExactly("project aurora");
        assertThat(out.has("valid_topics")).isFalse();
        assertThat(n.path("rate_limits").toString())
                .isEqualTo("[{\"key\":\"user\",\"calls\":60,\"renewal_period\":\"minute\"},"
                        + "{\"key\":\"user_group\",\"principal\":\"analysts\",\"calls\":600,\"tokens\":200000,"
                        + "\"renewal_period\":\"minute\"}]");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(e -> out.add(e.asText()));
        return out;
    }

    @ParameterizedTest
    @CsvSource({
        "injection, block, input, true",
        "injection, escalate, input, true",
        "injection, redact, input, false",
        "injection, allow, input, false",
        "indirect, block, context, true",
        "harmful, block, input, true",
        "harmful, block, output, true",
        "classifier, block, output, true",
        "secret, block, input, false",
        "pii, block, input, false",
        "injection, block, tool_call, false",
    })
    void safetyIsOnWhenAnInjectionOrHarmCheckBlocksOnThatSide(
            String detector, String action, String stage, boolean on) {
        JsonNode n = compile("""
                version: 1
                stages:
                  %s:
                    - detector: %s
                      action: %s
                """.formatted(stage, detector, action));
        String side = stage.equals("output") ? "output" : "input";
        String other = side.equals("output") ? "input" : "output";
        assertThat(n.at("/guardrails/" + side + "/safety").asBoolean()).isEqualTo(on);
        assertThat(n.at("/guardrails/" + other + "/safety").asBoolean()).isFalse();
    }

    @Test
    void aClassifierCheckTurnsSafetyOnOnlyWhenItAdmitsAnInjectionOrHarmLabel() {
        String yaml = """
                version: 1
                stages:
                  output:
                    - detector: classifier
                      types: [%s]
                """;
        assertThat(compile(yaml.formatted("classifier:toxicity"))
                        .at("/guardrails/output/safety")
                        .asBoolean())
                .isTrue();
        assertThat(compile(yaml.formatted("classifier:other"))
                        .at("/guardrails/output/safety")
                        .asBoolean())
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "allow, NONE",
        "redact, MASK",
        "escalate, BLOCK",
        "block, BLOCK",
    })
    void piiBehaviourFollowsThePiiCheckAction(String action, String behavior) {
        JsonNode n = compile("""
                version: 1
                stages:
                  input:
                    - detector: pii
                      action: %s
                  output:
                    - detector: pii
                      action: %s
                """.formatted(action, action));
        assertThat(n.at("/guardrails/input/pii/behavior").asText()).isEqualTo(behavior);
        assertThat(n.at("/guardrails/output/pii/behavior").asText()).isEqualTo(behavior);
    }

    @Test
    void theStrongestPiiActionOfASideWinsAndNoCheckMeansNone() {
        JsonNode n = compile("""
                version: 1
                stages:
                  input:
                    - detector: pii
                      action: redact
                  context:
                    - detector: pii
                      action: block
                """);
        assertThat(n.at("/guardrails/input/pii/behavior").asText()).isEqualTo("BLOCK");
        assertThat(n.at("/guardrails/output/pii/behavior").asText()).isEqualTo("NONE");
    }

    @Test
    void inferenceTableAndFallbackComeFromTheOptions() {
        Policy p = PolicyLoader.defaultPolicy();
        JsonNode n = compiler.aiGateway(p, new DatabricksCompileOptions("main", "airs", "support_bot", true));
        assertThat(n.path("inference_table_config").toString())
                .isEqualTo("{\"catalog_name\":\"main\",\"schema_name\":\"airs\",\"table_name_prefix\":\"support_bot\","
                        + "\"enabled\":true}");
        assertThat(n.path("fallback_config").toString()).isEqualTo("{\"enabled\":true}");
        JsonNode noPrefix = compiler.aiGateway(p, new DatabricksCompileOptions("main", "airs", null, false));
        assertThat(noPrefix.path("inference_table_config").has("table_name_prefix"))
                .isFalse();
        assertThat(noPrefix.has("fallback_config")).isFalse();
        assertThat(compile(p).has("inference_table_config")).isFalse();
    }

    @Test
    void optionsRefuseHalfAnInferenceTableAndNamesUnityCatalogRejects() {
        assertThatThrownBy(() -> new DatabricksCompileOptions("main", null, null, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("given only the catalog");
        assertThatThrownBy(() -> new DatabricksCompileOptions(null, "airs", null, false))
                .hasMessageContaining("given only the schema");
        assertThatThrownBy(() -> new DatabricksCompileOptions(null, null, "p", false))
                .hasMessageContaining("needs a catalog and a schema");
        assertThatThrownBy(() -> new DatabricksCompileOptions("main.x", "airs", null, false))
                .hasMessageContaining("not a Unity Catalog name");
        assertThatThrownBy(() -> new DatabricksCompileOptions("main", "my schema", null, false))
                .hasMessageContaining("not a Unity Catalog name");
        assertThatThrownBy(() -> new DatabricksCompileOptions("", "airs", null, false))
                .hasMessageContaining("1 to 255");
    }

    static Stream<Policy> policies() {
        List<Policy> all = new ArrayList<>(List.of(PolicyLoader.defaultPolicy(), parse(GATEWAY_POLICY)));
        for (RiskTier t : RiskTier.values()) {
            all.add(PolicyLoader.example(t));
        }
        return all.stream();
    }

    @ParameterizedTest
    @MethodSource("policies")
    void emitsOnlyTheFieldsAndValuesTheApiAccepts(Policy p) {
        JsonNode n = compiler.aiGateway(p, new DatabricksCompileOptions("c", "s", "t", true));
        assertThat(names(n)).isSubsetOf(CONFIG_KEYS);
        for (String side : List.of("input", "output")) {
            JsonNode params = n.at("/guardrails/" + side);
            assertThat(names(params)).isSubsetOf(PARAMETER_KEYS);
            assertThat(params.path("safety").isBoolean()).isTrue();
            assertThat(names(params.path("pii"))).containsExactly("behavior");
            assertThat(BEHAVIORS).contains(params.at("/pii/behavior").asText());
            for (String list : List.of("invalid_keywords", "valid_topics")) {
                if (params.has(list)) {
                    assertThat(params.path(list).isArray()).isTrue();
                    assertThat(params.path(list).size()).isPositive();
                }
            }
        }
        for (JsonNode r : n.path("rate_limits")) {
            assertThat(names(r)).isSubsetOf(RATE_LIMIT_KEYS);
            assertThat(KEYS).contains(r.path("key").asText());
            assertThat(r.path("renewal_period").asText()).isEqualTo("minute");
            assertThat(r.has("calls") || r.has("tokens")).isTrue();
        }
        assertThat(n.at("/usage_tracking_config/enabled").asBoolean()).isTrue();
        assertThat(names(n.path("inference_table_config"))).isSubsetOf(TABLE_KEYS);
    }

    private static Set<String> names(JsonNode n) {
        Set<String> out = new HashSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void compilingTheSamePolicyTwiceGivesTheSameBytes() throws Exception {
        Policy p = parse(GATEWAY_POLICY);
        Policy reloaded = new PolicyLoader().parse(new PolicyLoader().toCanonicalJson(p), "again.json");
        assertThat(JSON.writeValueAsString(compile(reloaded))).isEqualTo(JSON.writeValueAsString(compile(p)));
    }

    @Test
    void listsWhatOnlyAirsEnforcesInPolicyOrder() {
        assertThat(compiler.enforcedOnlyByAirs(parse(GATEWAY_POLICY)))
                .containsExactly(
                        "stages.context[0] keywords (keywords >= 0.5, escalate): the gateway blocks instead of"
                                + " holding for review",
                        "stages.output[2] soft (keywords >= 0.5, redact): the gateway's invalid keywords only block,"
                                + " so redaction stays with AIRS",
                        "stages.tool_call[0] keywords (keywords >= 0.5, block): no gateway counterpart (the gateway"
                                + " sees no tool calls)",
                        "safety thresholds and categories: the gateway's safety filter has its own and no threshold",
                        "keyword matching: AIRS matches whole words over normalised and decoded text; the gateway"
                                + " matches the keywords its own way",
                        "judge, human oversight, circuit breakers, PACE, size limits and normalisation");
        assertThat(compiler.enforcedOnlyByAirs(parse("""
                        version: 1
                        stages:
                          input:
                            - detector: pii
                              types: [EMAIL_ADDRESS]
                            - detector: secret
                            - detector: harmful
                              action: allow
                        """)))
                .containsExactly(
                        "stages.input[0] pii (pii >= 0.5, block): the gateway's PII filter covers its own entities,"
                                + " not only EMAIL_ADDRESS",
                        "stages.input[1] secret (secret >= 0.5, block): no gateway counterpart",
                        "stages.input[2] harmful (harmful >= 0.5, allow): the gateway's safety filter only blocks, so"
                                + " it stays off for this check",
                        "judge, human oversight, circuit breakers, PACE, size limits and normalisation");
    }

    @Test
    void listsTheTopicsAndRateLimitsOnlyTheGatewayEnforces() {
        assertThat(DatabricksAiGatewayCompiler.enforcedOnlyByGateway(parse(GATEWAY_POLICY)))
                .containsExactly(
                        "topics.allowed (2): AIRS has no topic classifier; the Databricks AI Gateway's valid_topics",
                        "limits.rate_limits[0] (user, 60 calls per minute): AIRS does not count requests; the"
                                + " Databricks AI Gateway's rate_limits",
                        "limits.rate_limits[1] (user_group analysts, 600 calls, 200000 tokens per minute): AIRS does"
                                + " not count requests; the Databricks AI Gateway's rate_limits");
        assertThat(DatabricksAiGatewayCompiler.enforcedOnlyByGateway(PolicyLoader.defaultPolicy()))
                .isEmpty();
    }
}
