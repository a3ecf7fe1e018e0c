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
 * Measures the {@code context} stage's pattern detectors ({@code injection} and {@code indirect}) on
 * {@code indirect_injection_dev.jsonl}: recall, false-positive rate, and whether a finding overlaps
 * the planted instruction. Prints counts and rates only, never row text.
 */
class IndirectDevDataTest {

    /** Floors sit a little under what the pattern set achieves, so a regression fails the build. */
    private static final double MAX_FPR = 0.05;

    private static final double MIN_RECALL = 0.95;
    private static final double MIN_SPAN_PRECISION = 0.90;

    @Test
    void meetsRecallSpanAndFalsePositiveFloorsOnDevelopmentSet() {
        assumeTrue(DevData.dir().isPresent(), "shared/data is not beside the repository");
        var prompts = new InjectionGuardrail(InjectionConfig.defaults());
        var documents = new InjectionGuardrail(InjectionConfig.documents());
        FlagTally tally = new FlagTally();
        int spans = 0, spansOnTarget = 0;
        for (DevData.Row row : DevData.load("indirect_injection_dev.jsonl")) {
            List<Finding> out = new ArrayList<>();
            prompts.scan(row.text(), out);
            documents.scan(row.text(), out);
            tally.add(row, !out.isEmpty());
            if (!row.positive()) {
                continue;
            }
            int[] gold = row.utf16Span(row.entities().get(0));
            for (Finding f : out) {
                spans++;
                spansOnTarget += f.start() < gold[1] && f.end() > gold[0] ? 1 : 0;
            }
        }
        double recall = tally.recall();
        double fpr = tally.falsePositiveRate();
        double spanPrecision = spansOnTarget / (double) Math.max(1, spans);
        tally.print("indirect_injection_dev");
        System.out.printf("indirect_injection_dev: span precision %.4f (%d/%d)%n", spanPrecision, spansOnTarget, spans);

        assertThat(fpr).isLessThanOrEqualTo(MAX_FPR);
        assertThat(recall).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(spanPrecision).isGreaterThanOrEqualTo(MIN_SPAN_PRECISION);
    }
}
