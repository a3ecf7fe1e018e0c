package io.airs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
