package io.airs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyCompileCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void compileTargetBedrockWritesTheRequestBodyAndTheTerraformJson() throws Exception {
        Path out = dir.resolve("guardrail.json");
        Path tf = dir.resolve("guardrail.tf.json");
        assertThat(Airs.run(
                        "policy",
                        "compile",
                        "--target",
                        "bedrock",
                        "--out",
                        out.toString(),
                        "--terraform-out",
                        tf.toString()))
                .isZero();
        JsonNode body = JSON.readTree(Files.readString(out));
        assertThat(body.path("name").asText()).isEqualTo("airs-default");
        assertThat(body.at("/contentPolicyConfig/filtersConfig/0/type").asText())
                .isEqualTo("PROMPT_ATTACK");
        JsonNode t = JSON.readTree(Files.readString(tf));
        assertThat(t.at("/content_policy_config/filters_config/0/input_strength")
                        .asText())
                .isEqualTo("MEDIUM");
        assertThat(t.at("/sensitive_information_policy_config/pii_entities_config")
                        .size())
                .isPositive();
    }

    @Test
    void compileRefusesAnUnknownTargetOrName() {
        assertThat(Airs.run("policy", "compile", "--target", "gcp")).isEqualTo(2);
        assertThat(Airs.run("policy", "compile", "--target", "bedrock", "--name", "has spaces"))
                .isEqualTo(2);
    }

    /** What one run printed. */
    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Airs.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(status, out.toString(), err.toString());
    }

    private static Map<String, JsonNode> filters(JsonNode body) {
        Map<String, JsonNode> m = new HashMap<>();
        body.at("/properties/contentFilters")
                .forEach(n ->
                        m.put(n.path("name").asText() + "/" + n.path("source").asText(), n));
        return m;
    }

    @Test
    void compileTargetAzurePrintsTheRaiPolicyAndNamesWhatOnlyAirsEnforces() throws Exception {
        Run r = run("policy", "compile", "--target", "azure");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.path("name").asText()).isEqualTo("airs-default");
        assertThat(body.at("/properties/basePolicyName").asText()).isEqualTo("Microsoft.DefaultV2");
        assertThat(filters(body).get("Jailbreak/Prompt").path("blocking").asBoolean())
                .isTrue();
        assertThat(r.out()).endsWith("}\n");
        assertThat(r.err())
                .contains("AIRS alone enforces")
                .contains("stages.input[3] pii (pii >= 0.6, redact): no Azure counterpart")
                .contains("stages.tool_call[1] secret");
    }

    @Test
    void compileTargetAzureFollowsThePolicyFileAndName() throws Exception {
        Path policy = dir.resolve("allow.yaml");
        Files.writeString(policy, """
                version: 1
                name: monitor only
                risk_tier: HIGH
                stages:
                  input:
                    - detector: injection
                      action: allow
                """);
        Path out = dir.resolve("rai.json");
        Run r = run("policy", "compile", "--target", "azure", "--policy", policy.toString(), "--out", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        JsonNode body = JSON.readTree(Files.readString(out));
        assertThat(body.path("name").asText()).isEqualTo("airs-monitor-only");
        JsonNode jailbreak = filters(body).get("Jailbreak/Prompt");
        assertThat(jailbreak.path("enabled").asBoolean()).isTrue();
        assertThat(jailbreak.path("blocking").asBoolean()).isFalse();
        assertThat(filters(body)
                        .get("Hate/Completion")
                        .path("severityThreshold")
                        .asText())
                .isEqualTo("Low");

        Run named = run("policy", "compile", "--target", "azure", "--policy", policy.toString(), "--name", "rai-1");
        assertThat(JSON.readTree(named.out()).path("name").asText()).isEqualTo("rai-1");
    }

    @Test
    void compileTargetAzureRefusesBadInputWithStatusTwo() throws Exception {
        Run target = run("policy", "compile", "--target", "gcp");
        assertThat(target.status()).isEqualTo(2);
        assertThat(target.err()).contains("--target gcp is not supported (supported: azure, bedrock, databricks)");
        assertThat(target.out()).isEmpty();

        assertThat(run("policy", "compile", "--target", "azure", "--name", "has spaces")
                        .status())
                .isEqualTo(2);
        Run tf = run(
                "policy",
                "compile",
                "--target",
                "azure",
                "--terraform-out",
                dir.resolve("x.json").toString());
        assertThat(tf.status()).isEqualTo(2);
        assertThat(tf.err()).contains("--terraform-out is for --target bedrock");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                version: 1
                name: t
                stages:
                  input:
                    - detector: injection
                      treshold: 0.5
                """);
        Run invalid = run("policy", "compile", "--target", "azure", "--policy", bad.toString());
        assertThat(invalid.status()).isEqualTo(2);
        assertThat(invalid.err())
                .contains("policy rejected")
                .contains(bad + ":6: stages.input[0].treshold: unknown key 'treshold'");
        assertThat(invalid.out()).isEmpty();
    }

    @Test
    void compileTargetDatabricksPrintsTheAiGatewayBodyAndNamesWhatOnlyAirsEnforces() throws Exception {
        Run r = run("policy", "compile", "--target", "databricks");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.at("/guardrails/input/safety").asBoolean()).isTrue();
        assertThat(body.at("/guardrails/input/pii/behavior").asText()).isEqualTo("MASK");
        assertThat(body.at("/guardrails/input").has("invalid_keywords")).isFalse();
        assertThat(body.at("/usage_tracking_config/enabled").asBoolean()).isTrue();
        assertThat(body.has("inference_table_config")).isFalse();
        assertThat(r.err())
                .contains("the Databricks AI Gateway cannot express all of policy default")
                .contains("stages.tool_call[1] secret (secret >= 0.5, block): no gateway counterpart")
                .contains("no inference table (give --catalog and --schema");
    }

    @Test
    void compileTargetDatabricksTakesTheInferenceTableAndFallbackOptions() throws Exception {
        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, """
                version: 1
                limits:
                  rate_limits: [{key: endpoint, calls: 100}]
                topics:
                  allowed: [billing]
                stages:
                  input:
                    - detector: keywords
                      keywords: [acme corp]
                """);
        Run r = run(
                "policy",
                "compile",
                "--target",
                "databricks",
                "--policy",
                policy.toString(),
                "--catalog",
                "main",
                "--schema",
                "airs",
                "--table-prefix",
                "bot",
                "--fallback");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode body = JSON.readTree(r.out());
        assertThat(body.at("/guardrails/input/invalid_keywords/0").asText()).isEqualTo("acme corp");
        assertThat(body.at("/guardrails/input/valid_topics/0").asText()).isEqualTo("billing");
        assertThat(body.at("/rate_limits/0/calls").asLong()).isEqualTo(100);
        assertThat(body.at("/inference_table_config/table_name_prefix").asText())
                .isEqualTo("bot");
        assertThat(body.at("/fallback_config/enabled").asBoolean()).isTrue();
        assertThat(r.err())
                .contains("the AI Gateway alone enforces (AIRS does not):")
                .contains("topics.allowed (1)")
                .doesNotContain("no inference table");

        Run azure = run("policy", "compile", "--target", "azure", "--policy", policy.toString());
        assertThat(azure.status()).isZero();
        assertThat(azure.err())
                .contains("neither AIRS nor the Azure content filter enforces (only --target databricks does):")
                .contains("limits.rate_limits[0] (endpoint, 100 calls per minute)");
        Run bedrock = run("policy", "compile", "--target", "bedrock", "--policy", policy.toString());
        assertThat(bedrock.status()).isZero();
        assertThat(bedrock.err()).contains("neither AIRS nor the Bedrock guardrail enforces");
    }

    @Test
    void compileTargetDatabricksRefusesHalfAnInferenceTableAndOtherTargetsOptions() {
        Run half = run("policy", "compile", "--target", "databricks", "--catalog", "main");
        assertThat(half.status()).isEqualTo(2);
        assertThat(half.err()).contains("catalog and schema go together");
        assertThat(half.out()).isEmpty();
        assertThat(run("policy", "compile", "--target", "databricks", "--schema", "airs")
                        .status())
                .isEqualTo(2);
        assertThat(run("policy", "compile", "--target", "databricks", "--name", "x")
                        .err())
                .contains("--name is for bedrock and azure");
        assertThat(run("policy", "compile", "--target", "databricks", "--terraform-out", "x.json")
                        .status())
                .isEqualTo(2);
        assertThat(run("policy", "compile", "--target", "azure", "--catalog", "main", "--schema", "airs")
                        .err())
                .contains("are for --target databricks");
        assertThat(run("policy", "compile", "--target", "bedrock", "--fallback").status())
                .isEqualTo(2);
    }

    @Test
    void committedAzureExampleIsTheDefaultPolicyCompiled() throws Exception {
        Path committed = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && committed == null; d = d.getParent()) {
            Path candidate = d.resolve("infra/azure/examples/complete/rai-policy.json");
            if (Files.isRegularFile(candidate)) {
                committed = candidate;
            }
        }
        assertThat(committed)
                .as("infra/azure/examples/complete/rai-policy.json above the working directory")
                .isNotNull();
        Run r = run("policy", "compile", "--target", "azure");
        assertThat(r.status()).isZero();
        assertThat(Files.readString(committed, StandardCharsets.UTF_8))
                .as(
                        "regenerate with: ./airs policy compile --target azure > infra/azure/examples/complete/rai-policy.json")
                .isEqualTo(r.out());
    }
}
