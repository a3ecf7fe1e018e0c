package io.airs.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Finding;
import io.airs.core.Stage;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.policy.PolicyLoader;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;

/** Invariants of combining check outcomes into one decision. */
class CombinerProperties {

    private static Guardrail fixed(String id, Category category, double score) {
        return new Guardrail() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public void scan(String text, List<Finding> out) {
                if (!text.isEmpty()) {
                    out.add(new Finding(category, "T", 0, 1, score, id));
                }
            }
        };
    }

    @Provide
    Arbitrary<String> actions() {
        return Arbitraries.of("allow", "redact", "escalate", "block");
    }

    @Property(tries = 200)
    void theStrongestFiredActionDecidesAndBlockAlwaysWins(
            @ForAll("actions") String injectionAction,
            @ForAll("actions") String piiAction,
            @ForAll("actions") String secretAction,
            @ForAll @DoubleRange(min = 0.0, max = 1.0) double secretScore) {
        String yaml = """
                version: 1
                stages:
                  input:
                    - detector: injection
                      action: %s
                    - detector: pii
                      action: %s
                    - detector: secret
                      action: %s
                """.formatted(injectionAction, piiAction, secretAction);
        Enforcer e = Enforcer.builder(new PolicyLoader().parse(yaml, "p.yaml"))
                .evidence(new InMemoryEvidenceSink(4))
                .guardrail("injection", fixed("injection", Category.PROMPT_INJECTION, 0.9))
                .guardrail("pii", fixed("pii", Category.PII, 0.9))
                .guardrail("secret", fixed("secret", Category.SECRET, secretScore))
                .build();
        Decision d = e.evaluate(Evaluation.of(Stage.INPUT, "x"));

        Action expected = Action.valueOf(injectionAction.toUpperCase()).max(Action.valueOf(piiAction.toUpperCase()));
        if (secretScore >= 0.5) {
            expected = expected.max(Action.valueOf(secretAction.toUpperCase()));
        }
        assertThat(d.verdict()).isEqualTo(Combiner.verdictOf(expected));
        if (expected == Action.BLOCK) {
            assertThat(d).isInstanceOf(Decision.Block.class);
        }
        assertThat(d.checks()).hasSize(3);
    }

    @Property(tries = 200)
    void strongestIsAnUpperBoundAndAddingABlockNeverAllows(
            @ForAll @Size(min = 1, max = 8) List<Decision.Verdict> verdicts) {
        Decision.Verdict acc = Decision.Verdict.ALLOW;
        for (Decision.Verdict v : verdicts) {
            acc = Combiner.strongest(acc, v);
        }
        for (Decision.Verdict v : verdicts) {
            assertThat(acc.ordinal()).isGreaterThanOrEqualTo(v.ordinal());
        }
        assertThat(verdicts).contains(acc);
        assertThat(Combiner.strongest(acc, Decision.Verdict.BLOCK)).isEqualTo(Decision.Verdict.BLOCK);
        assertThat(Combiner.strongest(Decision.Verdict.BLOCK, acc)).isEqualTo(Decision.Verdict.BLOCK);
    }
}
