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
        for (String bad : new String[] {
            MINIMAL.replace("threshold: 0.4", "treshold: 0.4"),
            MINIMAL.replace("threshold: 0.4", "threshold: 1.5"),
            MINIMAL.replace("detector: injection", "detector: magic"),
            MINIMAL.replace("action: block", "action: blok"),
        }) {
            assertThat(schema.validate(yaml.readTree(bad))).isNotEmpty();
            assertThatThrownBy(() -> loader.parse(bad, "p.yaml")).isInstanceOf(PolicyException.class);
        }
    }
}
