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
 * Measures the {@code harmful} detector on {@code harmful_dev.jsonl}: recall per source, false-positive
 * rate on the cyber-flavoured benign coding requests. Prints counts and rates only, never row text.
 */
class HarmfulDevDataTest {

    /** Floors sit a little under what the pattern set achieves, so a regression fails the build. */
    private static final double MAX_FPR = 0.02;

    private static final double MIN_RECALL = 0.76;
    private static final double MIN_ADVBENCH_RECALL = 0.94;
    private static final double MIN_DO_NOT_ANSWER_RECALL = 0.54;

    @Test
    void meetsRecallAndFalsePositiveFloorsOnDevelopmentSet() {
        assumeTrue(DevData.dir().isPresent(), "shared/data is not beside the repository");
        var guardrail = new InjectionGuardrail(InjectionConfig.harmful());
        FlagTally tally = new FlagTally();
        for (DevData.Row row : DevData.load("harmful_dev.jsonl")) {
            List<Finding> out = new ArrayList<>();
            guardrail.scan(row.text(), out);
            tally.add(row, !out.isEmpty());
        }
        tally.print("harmful_dev");

        assertThat(tally.falsePositiveRate()).isLessThanOrEqualTo(MAX_FPR);
        assertThat(tally.recall()).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(tally.rate("llm-attacks/llm-attacks", "harmful")).isGreaterThanOrEqualTo(MIN_ADVBENCH_RECALL);
        assertThat(tally.rate("Libr-AI/do-not-answer", "harmful")).isGreaterThanOrEqualTo(MIN_DO_NOT_ANSWER_RECALL);
    }
}
