package io.airs.core.guardrail.secret;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProviderRulesTest {

    @Test
    void everyShippedRuleWithARegexCompilesAfterConversion() throws Exception {
        ObjectMapper json = new ObjectMapper();
        int total = 0;
        int withRegex = 0;
        List<String> failures = new ArrayList<>();
        for (String resource : ProviderRules.RESOURCES) {
            try (InputStream in = ProviderRules.class.getResourceAsStream(resource)) {
                assertThat(in).as(resource).isNotNull();
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode n = json.readTree(line);
                    total++;
                    if (!n.hasNonNull("regex")) {
                        continue;
                    }
                    withRegex++;
                    try {
                        Pattern.compile(ProviderRules.toJava(n.get("regex").asText()));
                    } catch (RuntimeException e) {
                        failures.add(n.path("id").asText());
                    }
                }
            }
        }
        ProviderRules.Loaded loaded = ProviderRules.load();
        System.out.printf(
                "provider rules: shipped=%d with-regex=%d loaded=%d dropped=%d %s%n",
                total, withRegex, loaded.rules().size(), loaded.dropped().size(), loaded.dropped());
        assertThat(failures).isEmpty();
        assertThat(total).isEqualTo(222 + 51);
        assertThat(loaded.dropped())
                .containsOnlyKeys("pkcs12-file", "generic-api-key", "jwt", "private-key", "hashicorp-tf-password");
        assertThat(loaded.rules()).hasSize(total - 5);
        assertThat(loaded.rules())
                .allSatisfy(rule -> assertThat(rule.keywords()).isNotEmpty())
                .allSatisfy(rule -> assertThat(rule.pattern()).isNotNull());
    }

    @Test
    void turnsRe2NamedGroupsIntoPlainGroupsKeepingTheirNumbers() {
        String java = ProviderRules.toJava("a(?P<key_ops>x)(?P<b64>y)");
        assertThat(java).isEqualTo("a(x)(y)");
        var m = Pattern.compile(java).matcher("axy");
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2)).isEqualTo("y");
    }

    @Test
    void mapsPosixClassesInsideBrackets() {
        Pattern p = Pattern.compile(ProviderRules.toJava("^pat[[:alnum:]]{3}$"));
        assertThat(p.matcher("patA1b").matches()).isTrue();
        assertThat(p.matcher("pat:::").matches()).isFalse();
    }

    @Test
    void escapesBareBracketsAndAmpersandsInsideClasses() {
        Pattern p = Pattern.compile(ProviderRules.toJava("^[a[&&]+$"));
        assertThat(p.matcher("a[&&a").matches()).isTrue();
        assertThat(p.matcher("b").matches()).isFalse();
    }

    @Test
    void keepsEscapesAndMidPatternFlags() {
        Pattern p = Pattern.compile(ProviderRules.toJava("\\b(p8e-(?i)[a-z0-9]{4})(?:[\\x60'\"\\s;]|\\\\[nr]|$)"));
        assertThat(p.matcher("p8e-AbC9`").find()).isTrue();
        assertThat(p.matcher("P8E-abcd ").find()).isFalse();
    }

    @Test
    void recognisesRulesWhoseMatchesStartWithAKeyword() {
        assertThat(ProviderRules.startsWithKeyword(
                        "\\b((?:A3T[A-Z0-9]|AKIA|ASIA)[A-Z2-7]{16})\\b", List.of("a3t", "akia")))
                .isTrue();
        assertThat(ProviderRules.startsWithKeyword("ghp_[0-9a-zA-Z]{36}", List.of("ghp_")))
                .isTrue();
        assertThat(ProviderRules.startsWithKeyword("\\b(sk-[a-z]{8}T3BlbkFJ)", List.of("t3blbkfj")))
                .isFalse();
        assertThat(ProviderRules.startsWithKeyword("(?i)[\\w.-]{0,50}?(?:adobe)", List.of("adobe")))
                .isFalse();
        assertThat(ProviderRules.startsWithKeyword("abc?d", List.of("abc"))).isFalse();
    }
}
