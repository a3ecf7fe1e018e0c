package io.airs.core.guardrail.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.airs.core.Finding;
import io.airs.core.testdata.DevData;
import io.airs.core.testdata.FlagTally;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Measures the guardrail on {@code injection_dev.jsonl}: recall per label and source, false-positive
 * rate per source. Prints counts and rates only, never row text.
 */
class InjectionDevDataTest {

    /** Floors sit a little under what the pattern set achieves, so a regression fails the build. */
    private static final double MAX_FPR = 0.03;

    private static final double MIN_RECALL = 0.89;
    private static final double MIN_JAILBREAK_RECALL = 0.90;
    private static final double MIN_INJECTION_RECALL = 0.87;

    @Test
    void meetsRecallAndFalsePositiveFloorsOnDevelopmentSet() {
        assumeTrue(DevData.dir().isPresent(), "shared/data is not beside the repository");
        var guardrail = new InjectionGuardrail();
        FlagTally tally = new FlagTally();
        for (DevData.Row row : DevData.load("injection_dev.jsonl")) {
            List<Finding> out = new ArrayList<>();
            guardrail.scan(row.text(), out);
            for (Finding f : out) {
                assertThat(f.end()).isLessThanOrEqualTo(row.text().length());
            }
            tally.add(row, !out.isEmpty());
        }
        tally.print("injection_dev");

        assertThat(tally.falsePositiveRate()).isLessThanOrEqualTo(MAX_FPR);
        assertThat(tally.recall()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(tally.rate("jailbreak")).isGreaterThanOrEqualTo(MIN_JAILBREAK_RECALL);
        assertThat(tally.rate("injection")).isGreaterThanOrEqualTo(MIN_INJECTION_RECALL);
        tally.ratesBySourceAndLabel().forEach((k, rate) -> {
            if (k.endsWith("/ benign")) {
                assertThat(rate).as("FPR of %s", k).isLessThanOrEqualTo(MAX_FPR);
            }
        });
    }
}
