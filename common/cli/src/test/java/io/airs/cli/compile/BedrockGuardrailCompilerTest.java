package io.airs.cli.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.RiskTier;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BedrockGuardrailCompilerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final BedrockGuardrailCompiler compiler = new BedrockGuardrailCompiler(JSON);

    private static Policy parse(String yaml) {
        return new PolicyLoader().parse(yaml, "test.yaml");
    }

    private static Map<String, JsonNode> byType(JsonNode array) {
        Map<String, JsonNode> m = new HashMap<>();
        array.forEach(n -> m.put(n.path("type").asText(), n));
        return m;
    }

    @Test
    void compilesTheDefaultPolicyToACreateGuardrailBody() {
        Policy p = PolicyLoader.defaultPolicy();
        ObjectNode body = compiler.createGuardrailRequest(p, BedrockCompileOptions.defaults());
        assertThat(body.path("name").asText()).isEqualTo("airs-default");
        assertThat(body.path("blockedInputMessaging").asText()).isEqualTo(BedrockCompileOptions.DEFAULT_BLOCKED_INPUT);
        assertThat(body.path("blockedOutputsMessaging").asText())
                .isEqualTo(BedrockCompileOptions.DEFAULT_BLOCKED_OUTPUT);
        Map<String, JsonNode> filters = byType(body.at("/contentPolicyConfig/filtersConfig"));
        assertThat(filters).containsOnlyKeys("PROMPT_ATTACK", "HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT");
        assertThat(filters.get("PROMPT_ATTACK").path("inputStrength").asText()).isEqualTo("MEDIUM");
        assertThat(filters.get("PROMPT_ATTACK").path("outputStrength").asText()).isEqualTo("NONE");
        assertThat(filters.get("HATE").path("inputStrength").asText()).isEqualTo("MEDIUM");
        Map<String, JsonNode> pii = byType(body.at("/sensitiveInformationPolicyConfig/piiEntitiesConfig"));
        assertThat(pii.get("EMAIL").path("action").asText()).isEqualTo("ANONYMIZE");
        assertThat(pii.get("EMAIL").path("inputEnabled").asBoolean()).isTrue();
        assertThat(pii.get("EMAIL").path("outputEnabled").asBoolean()).isTrue();
        assertThat(pii.get("CREDIT_DEBIT_CARD_NUMBER").path("outputAction").asText())
                .isEqualTo("ANONYMIZE");
        assertThat(pii.get("AWS_ACCESS_KEY").path("inputAction").asText()).isEqualTo("ANONYMIZE");
        assertThat(pii.get("NAME")).isNotNull();
        assertThat(body.at("/tags/0/key").asText()).isEqualTo(BedrockGuardrailCompiler.REVISION_TAG);
        assertThat(body.at("/tags/0/value").asText()).isEqualTo(p.revision());
    }

    @Test
    void derivesPromptAttackStrengthFromTheInjectionThreshold() {
        for (var c : Map.of("0.2", "HIGH", "0.3", "HIGH", "0.5", "MEDIUM", "0.6", "MEDIUM", "0.8", "LOW")
                .entrySet()) {
            Policy p = parse("""
                    version: 1
                    name: t
                    stages:
                      input:
                        - detector: injection
                          threshold: %s
                          action: block
                    """.formatted(c.getKey()));
            assertThat(BedrockGuardrailCompiler.promptAttackStrength(p))
                    .as(c.getKey())
                    .isEqualTo(c.getValue());
        }
        Policy noInjection = parse("""
                version: 1
                name: t
                stages:
                  input:
                    - detector: injection
                      threshold: 0.2
                      action: allow
                """);
        assertThat(BedrockGuardrailCompiler.promptAttackStrength(noInjection)).isEqualTo("NONE");
    }

    @Test
    void mapsCheckActionsAndTypesPerDirection() {
        Policy p = parse("""
                version: 1
                name: payments desk
                risk_tier: HIGH
                stages:
                  input:
                    - detector: pii
                      types: [EMAIL_ADDRESS, DATE_OF_BIRTH]
                      action: redact
                  output:
                    - name: payment-data
                      detector: pii
                      types: [CREDIT_CARD, IBAN_CODE]
                      action: escalate
                    - detector: pii
                      types: [EMAIL_ADDRESS]
                      action: block
                """);
        ObjectNode body = compiler.createGuardrailRequest(p, BedrockCompileOptions.defaults());
        assertThat(body.path("name").asText()).isEqualTo("airs-payments-desk");
        Map<String, JsonNode> pii = byType(body.at("/sensitiveInformationPolicyConfig/piiEntitiesConfig"));
        // DATE_OF_BIRTH has no Bedrock counterpart and stays with the in-process detector.
        assertThat(pii).containsOnlyKeys("EMAIL", "CREDIT_DEBIT_CARD_NUMBER", "INTERNATIONAL_BANK_ACCOUNT_NUMBER");
        JsonNode email = pii.get("EMAIL");
        assertThat(email.path("inputAction").asText()).isEqualTo("ANONYMIZE");
        assertThat(email.path("outputAction").asText()).isEqualTo("BLOCK");
        assertThat(email.path("action").asText()).isEqualTo("BLOCK");
        JsonNode card = pii.get("CREDIT_DEBIT_CARD_NUMBER");
        assertThat(card.path("inputEnabled").asBoolean()).isFalse();
        assertThat(card.path("outputAction").asText()).isEqualTo("BLOCK");
        assertThat(byType(body.at("/contentPolicyConfig/filtersConfig"))
                        .get("VIOLENCE")
                        .path("outputStrength")
                        .asText())
                .isEqualTo("HIGH");
        assertThat(byType(body.at("/contentPolicyConfig/filtersConfig"))
                        .get("PROMPT_ATTACK")
                        .path("inputStrength")
                        .asText())
                .isEqualTo("NONE");
    }

    @Test
    void terraformShapeCarriesTheSameSettingsInSnakeCase() {
        Policy p = PolicyLoader.example(RiskTier.HIGH);
        ObjectNode api = compiler.createGuardrailRequest(p, BedrockCompileOptions.defaults());
        ObjectNode tf = compiler.terraform(p, BedrockCompileOptions.defaults());
        assertThat(tf.path("name").asText()).isEqualTo(api.path("name").asText());
        assertThat(tf.path("blocked_input_messaging").asText())
                .isEqualTo(api.path("blockedInputMessaging").asText());
        JsonNode apiFilters = api.at("/contentPolicyConfig/filtersConfig");
        JsonNode tfFilters = tf.at("/content_policy_config/filters_config");
        assertThat(tfFilters.size()).isEqualTo(apiFilters.size());
        for (int i = 0; i < apiFilters.size(); i++) {
            assertThat(tfFilters.get(i).path("input_strength"))
                    .isEqualTo(apiFilters.get(i).path("inputStrength"));
            assertThat(tfFilters.get(i).path("output_strength"))
                    .isEqualTo(apiFilters.get(i).path("outputStrength"));
        }
        JsonNode apiPii = api.at("/sensitiveInformationPolicyConfig/piiEntitiesConfig");
        JsonNode tfPii = tf.at("/sensitive_information_policy_config/pii_entities_config");
        assertThat(tfPii.size()).isEqualTo(apiPii.size());
        for (int i = 0; i < apiPii.size(); i++) {
            assertThat(tfPii.get(i).path("type")).isEqualTo(apiPii.get(i).path("type"));
            assertThat(tfPii.get(i).path("input_action"))
                    .isEqualTo(apiPii.get(i).path("inputAction"));
            assertThat(tfPii.get(i).path("output_enabled"))
                    .isEqualTo(apiPii.get(i).path("outputEnabled"));
        }
        assertThat(tf.path("tags").path(BedrockGuardrailCompiler.REVISION_TAG).asText())
                .isEqualTo(p.revision());
        // The HIGH example escalates card numbers in answers: Bedrock cannot hold, so it blocks.
        assertThat(byType(apiPii)
                        .get("CREDIT_DEBIT_CARD_NUMBER")
                        .path("outputAction")
                        .asText())
                .isEqualTo("BLOCK");
        assertThat(byType(apiPii).get("AWS_ACCESS_KEY").path("inputAction").asText())
                .isEqualTo("BLOCK");
    }
}
