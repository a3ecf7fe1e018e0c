package io.airs.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.airs.core.Action;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class PolicyLoaderTest {

    private final PolicyLoader loader = new PolicyLoader();

    private static final String MINIMAL = """
            version: 1
            name: t
            risk_tier: HIGH
            stages:
              input:
                - detector: injection
                  threshold: 0.4
                  action: block
            """;

    @Test
    void loadsTheDefaultPolicyWithChecksOnEveryStage() {
        Policy p = PolicyLoader.defaultPolicy();
        assertThat(p.riskTier()).isEqualTo(RiskTier.MEDIUM);
        for (Stage s : Stage.values()) {
            assertThat(p.checks(s)).as(s.wireName()).isNotEmpty();
        }
        assertThat(p.revision()).matches("[0-9a-f]{16}");
    }

    @ParameterizedTest
    @EnumSource(RiskTier.class)
    void shipsOneValidExamplePerTier(RiskTier tier) {
        Policy p = PolicyLoader.example(tier);
        assertThat(p.riskTier()).isEqualTo(tier);
        assertThat(p.checks(Stage.INPUT)).isNotEmpty();
    }

    @Test
    void fillsDefaultsForOmittedSettings() {
        Policy p = loader.parse(MINIMAL, "p.yaml");
        assertThat(p.failPosture()).isEqualTo(Action.BLOCK);
        assertThat(p.limits().maxContentChars()).isEqualTo(32_768);
        assertThat(p.redaction().mode()).isEqualTo("placeholder");
        assertThat(p.checks(Stage.INPUT).get(0).name()).isEqualTo("injection");
        assertThat(p.checks(Stage.OUTPUT)).isEmpty();
    }

    @Test
    void revisionIgnoresLayoutAndCommentsButNotContent() {
        String reformatted = "# a comment\n" + MINIMAL.replace("name: t", "name:    t   # trailing");
        assertThat(loader.parse(reformatted, "p.yaml").revision())
                .isEqualTo(loader.parse(MINIMAL, "p.yaml").revision());
        assertThat(loader.parse(MINIMAL.replace("0.4", "0.45"), "p.yaml").revision())
                .isNotEqualTo(loader.parse(MINIMAL, "p.yaml").revision());
    }

    @Test
    void acceptsJsonWithTheSameRevisionAsEquivalentYaml() {
        String json = """
                {"version": 1, "name": "t", "risk_tier": "HIGH",
                 "stages": {"input": [{"detector": "injection", "threshold": 0.4, "action": "block"}]}}
                """;
        assertThat(loader.parse(json, "p.json").revision())
                .isEqualTo(loader.parse(MINIMAL, "p.yaml").revision());
    }

    @Test
    void rejectsAnUnknownKeyNamingFileLineKeyAndTheKeysExpected() {
        String bad = MINIMAL.replace("      threshold: 0.4\n", "      threshold: 0.4\n      treshold: 0.2\n");
        assertThatThrownBy(() -> loader.parse(bad, "bad.yaml"))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("bad.yaml:8:")
                .hasMessageContaining("stages.input[0].treshold")
                .hasMessageContaining("unknown key 'treshold'")
                .hasMessageContaining("threshold");
    }

    @Test
    void rejectsAnUnknownTopLevelKey() {
        assertThatThrownBy(() -> loader.parse("version: 1\nrisk_teir: LOW\n", "p.yaml"))
                .hasMessageContaining("p.yaml:2:")
                .hasMessageContaining("unknown key 'risk_teir'");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "action: block|action: blok|8|stages.input[0].action|'blok' is not one of allow, redact, escalate, block",
                "threshold: 0.4|threshold: 1.5|7|stages.input[0].threshold|must be between 0 and 1",
                "threshold: 0.4|threshold: high|7|stages.input[0].threshold|expected a number",
                "detector: injection|detector: magic|6|stages.input[0].detector|unknown detector 'magic'",
                "risk_tier: HIGH|risk_tier: EXTREME|3|risk_tier|'EXTREME' is not one of low, medium, high, critical",
                "version: 1|version: 2|1|version|unsupported policy version 2",
            })
    void rejectsBadValuesWithLineKeyAndReason(String from, String to, int line, String key, String reason) {
        String bad = MINIMAL.replace(from, to);
        assertThatThrownBy(() -> loader.parse(bad, "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> {
                    PolicyException.Problem p = ((PolicyException) e).problems().get(0);
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.key()).isEqualTo(key);
                    assertThat(p.reason()).contains(reason);
                });
    }

    @Test
    void reportsEverySemanticProblemAtOnce() {
        String bad = """
                version: 1
                redaction:
                  mode: shred
                limits:
                  max_content_chars: 0
                stages:
                  output:
                    - detector: pii
                      threshold: 2
                    - detector: pii
                """;
        assertThatThrownBy(() -> loader.parse(bad, "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> {
                    var problems = ((PolicyException) e).problems();
                    assertThat(problems)
                            .extracting(PolicyException.Problem::key)
                            .containsExactly(
                                    "limits.max_content_chars",
                                    "redaction.mode",
                                    "stages.output[0].threshold",
                                    "stages.output[1].name");
                    assertThat(problems)
                            .extracting(PolicyException.Problem::line)
                            .containsExactly(5, 3, 9, 10);
                });
    }

    private static final String WITH_GATEWAY_KEYS = """
            version: 1
            limits:
              rate_limits:
                - key: user
                  calls: 100
                - key: endpoint
                  calls: 1000
                  tokens: 50000
                  renewal_period: minute
                - key: user_group
                  principal: analysts
                  tokens: 20000
            topics:
              allowed: [billing, "order status"]
            stages:
              input:
                - name: competitors
                  detector: keywords
                  keywords: [acme corp, Globex]
                  action: block
            """;

    @Test
    void loadsKeywordsChecksRateLimitsAndAllowedTopics() {
        Policy p = loader.parse(WITH_GATEWAY_KEYS, "p.yaml");
        assertThat(p.checks(Stage.INPUT)).singleElement().satisfies(c -> {
            assertThat(c.detector()).isEqualTo("keywords");
            assertThat(c.keywords()).containsExactly("acme corp", "Globex");
        });
        assertThat(p.limits().rateLimits())
                .containsExactly(
                        new Policy.RateLimit("user", 100, null, "minute", null),
                        new Policy.RateLimit("endpoint", 1000, 50000, "minute", null),
                        new Policy.RateLimit("user_group", null, 20000, "minute", "analysts"));
        assertThat(p.topics().allowed()).containsExactly("billing", "order status");
        assertThat(loader.toCanonicalJson(p))
                .contains("\"keywords\":[\"acme corp\",\"Globex\"]")
                .contains("\"rate_limits\":[{\"calls\":100,\"key\":\"user\",\"renewal_period\":\"minute\"}")
                .contains("\"topics\":{\"allowed\":[\"billing\",\"order status\"]}");
    }

    @Test
    void theNewOptionalSectionsLeaveAPolicyWithoutThemItsRevision() {
        String canonical = loader.toCanonicalJson(PolicyLoader.defaultPolicy());
        assertThat(canonical).doesNotContain("keywords", "rate_limits", "topics");
        Policy p = loader.parse(MINIMAL, "p.yaml");
        Policy withTopics = loader.parse(MINIMAL + "topics:\n  allowed: [billing]\n", "p.yaml");
        Policy withEmptyTopics = loader.parse(MINIMAL + "topics:\n  allowed: []\n", "p.yaml");
        assertThat(withTopics.revision()).isNotEqualTo(p.revision());
        assertThat(withEmptyTopics.revision()).isEqualTo(p.revision());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "keywords: [acme corp, Globex]|keywords: []|17|stages.input[0]|missing key 'keywords'",
                "keywords: [acme corp, Globex]|keywords: [acme, ' ']|19|stages.input[0].keywords[1]|must not be blank",
                "keywords: [acme corp, Globex]|keywords: [Acme  Corp, acme corp]|19|stages.input[0].keywords[1]"
                        + "|duplicate keyword 'acme corp' (the same as entry 0 ignoring case and spacing)",
                "keywords: [acme corp, Globex]|keywords: acme|19|stages.input[0].keywords|expected a list of strings",
                "detector: keywords|detector: pii|19|stages.input[0].keywords|only a keywords check takes keywords",
                "key: user|key: tenant|4|limits.rate_limits[0].key"
                        + "|'tenant' is not one of endpoint, service_principal, user, user_group",
                "calls: 100|calls: 0|5|limits.rate_limits[0].calls|must be a positive integer",
                "calls: 100|callz: 100|5|limits.rate_limits[0].callz|unknown key 'callz'",
                "renewal_period: minute|renewal_period: hour|9|limits.rate_limits[1].renewal_period"
                        + "|'hour' is not one of minute",
                "key: user_group|key: endpoint|11|limits.rate_limits[2].principal|names no principal",
                "allowed: [billing, \"order status\"]|allowed: [billing, Billing]|14|topics.allowed[1]"
                        + "|duplicate topic 'Billing'",
                "allowed: [billing, \"order status\"]|denied: [billing]|14|topics.denied|unknown key 'denied'",
            })
    void rejectsBadKeywordsRateLimitsAndTopicsWithLineKeyAndReason(
            String from, String to, int line, String key, String reason) {
        String bad = WITH_GATEWAY_KEYS.replace(from, to);
        assertThat(bad).isNotEqualTo(WITH_GATEWAY_KEYS);
        assertThatThrownBy(() -> loader.parse(bad, "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> {
                    PolicyException.Problem p = ((PolicyException) e).problems().get(0);
                    assertThat(p.key()).isEqualTo(key);
                    assertThat(p.line()).isEqualTo(line);
                    assertThat(p.reason()).contains(reason);
                });
    }

    @Test
    void rejectsARateLimitWithNeitherCallsNorTokensAndADuplicateOne() {
        String bad = """
                version: 1
                limits:
                  rate_limits:
                    - key: user
                    - key: endpoint
                      calls: 5
                    - key: endpoint
                      calls: 9
                """;
        assertThatThrownBy(() -> loader.parse(bad, "p.yaml"))
                .isInstanceOf(PolicyException.class)
                .satisfies(e -> assertThat(((PolicyException) e).problems())
                        .extracting(pr -> pr.line() + " " + pr.key() + ": " + pr.reason())
                        .containsExactly(
                                "4 limits.rate_limits[0]: missing key 'calls' (requests per renewal period; or 'tokens')",
                                "7 limits.rate_limits[2]: duplicate rate limit for key endpoint"));
        // A limit for one named user next to the per-user limit is a different limit.
        assertThat(loader.parse(WITH_GATEWAY_KEYS.replace("key: user_group", "key: user"), "p.yaml")
                        .limits()
                        .rateLimits())
                .hasSize(3);
    }

    @Test
    void rejectsSyntaxErrorsDuplicateKeysAndEmptyFiles() {
        assertThatThrownBy(() -> loader.parse("version: 1\nname: [unclosed\n", "p.yaml"))
                .hasMessageContaining("p.yaml:")
                .hasMessageContaining("not valid YAML");
        assertThatThrownBy(() -> loader.parse("version: 1\nname: a\nname: b\n", "p.yaml"))
                .hasMessageContaining("p.yaml:3")
                .hasMessageContaining("name");
        assertThatThrownBy(() -> loader.parse("  \n", "p.yaml")).hasMessageContaining("empty");
    }

    @Test
    void namesAMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml")))
                .hasMessageContaining("nope.yaml: file not found");
    }

    @Test
    void loadsFromAFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, MINIMAL);
        assertThat(loader.load(f).name()).isEqualTo("t");
    }

    @Test
    void theJsonSchemaAcceptsEveryShippedPolicyAndRejectsWhatTheLoaderRejects() throws IOException {
        JsonSchema schema;
        try (InputStream in = PolicyLoader.class.getResourceAsStream("/io/airs/core/policy/policy.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in);
        }
        ObjectMapper yaml = new YAMLMapper();
        for (String f : new String[] {
            "default.yaml", "example-low.yaml", "example-medium.yaml", "example-high.yaml", "example-critical.yaml"
        }) {
            try (InputStream in = PolicyLoader.class.getResourceAsStream("/io/airs/core/policy/" + f)) {
                JsonNode node = yaml.readTree(in);
                assertThat(schema.validate(node)).as(f).isEmpty();
            }
        }
        assertThat(schema.validate(yaml.readTree(WITH_GATEWAY_KEYS))).isEmpty();
        for (String bad : new String[] {
            MINIMAL.replace("threshold: 0.4", "treshold: 0.4"),
            MINIMAL.replace("threshold: 0.4", "threshold: 1.5"),
            MINIMAL.replace("detector: injection", "detector: magic"),
            MINIMAL.replace("action: block", "action: blok"),
            WITH_GATEWAY_KEYS.replace("keywords: [acme corp, Globex]", "keywords: []"),
            WITH_GATEWAY_KEYS.replace("detector: keywords", "detector: pii"),
            WITH_GATEWAY_KEYS.replace("key: user_group", "key: tenant"),
            WITH_GATEWAY_KEYS.replace("calls: 100", "burst: 100"),
            WITH_GATEWAY_KEYS.replace("allowed: [billing", "allowed: [' '"),
        }) {
            assertThat(schema.validate(yaml.readTree(bad))).isNotEmpty();
            assertThatThrownBy(() -> loader.parse(bad, "p.yaml")).isInstanceOf(PolicyException.class);
        }
    }
}
