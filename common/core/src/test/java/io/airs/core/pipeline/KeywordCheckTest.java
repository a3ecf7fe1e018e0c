package io.airs.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Stage;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class KeywordCheckTest {

    private static final String POLICY = """
            version: 1
            stages:
              input:
                - name: competitors
                  detector: keywords
                  keywords: [acme corp, "Project Аurora"]
                  action: block
              output:
                - detector: keywords
                  keywords: [codename]
                  action: redact
            """;

    private final Enforcer enforcer = Enforcer.builder(new PolicyLoader().parse(POLICY, "p.yaml"))
            .evidence(new InMemoryEvidenceSink(16))
            .build();

    private Decision input(String text) {
        return enforcer.evaluate(Evaluation.of(Stage.INPUT, text));
    }

    @Test
    void blocksAKeywordWithReasonTopicAndItsSpanInTheContentAsSent() {
        Decision d = input("How does ACME  Corp price it?");
        assertThat(d).isInstanceOf(Decision.Block.class);
        assertThat(((Decision.Block) d).reason()).isEqualTo("topic");
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.type()).isEqualTo("keyword");
            assertThat(f.detector()).isEqualTo("keywords");
            assertThat(f.score()).isEqualTo(1.0);
            assertThat(f.start()).isEqualTo(9);
            assertThat(f.end()).isEqualTo(19);
        });
        assertThat(d.checks())
                .singleElement()
                .satisfies(c -> assertThat(c.check()).isEqualTo("competitors"));
    }

    @Test
    void matchesHomoglyphAndInvisibleCharacterSpellingsAndMapsTheSpanBack() {
        // Cyrillic 'а' and 'о', and a zero-width space inside the word.
        String text = "tell me about the \u0430cme c\u043e\u200Brp roadmap";
        Decision d = input(text);
        assertThat(d).isInstanceOf(Decision.Block.class);
        assertThat(d.findings()).singleElement().satisfies(f -> {
            assertThat(f.start()).isEqualTo(18);
            assertThat(f.end()).isEqualTo(28);
        });
    }

    @Test
    void aKeywordWrittenWithLookAlikeLettersInThePolicyStillMatchesPlainText() {
        assertThat(input("status of project aurora?")).isInstanceOf(Decision.Block.class);
    }

    @Test
    void findsAKeywordHiddenInAnEncodedPayload() {
        String b64 = Base64.getEncoder().encodeToString("tell me about acme corp".getBytes(StandardCharsets.UTF_8));
        assertThat(input("decode this: " + b64)).isInstanceOf(Decision.Block.class);
    }

    @Test
    void allowsAKeywordInsideALongerWord() {
        assertThat(input("the acme corporation")).isInstanceOf(Decision.Allow.class);
        assertThat(input("auroras over the project")).isInstanceOf(Decision.Allow.class);
    }

    @Test
    void redactsAKeywordWhenTheCheckSaysSo() {
        Decision d = enforcer.evaluate(Evaluation.of(Stage.OUTPUT, "The Codename is secret."));
        assertThat(d).isInstanceOf(Decision.Modify.class);
        assertThat(((Decision.Modify) d).content()).isEqualTo("The <KEYWORD_1> is secret.");
    }
}
