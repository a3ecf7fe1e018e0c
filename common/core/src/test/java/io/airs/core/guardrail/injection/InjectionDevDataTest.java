package io.airs.core.guardrail.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.airs.core.Finding;
import io.airs.core.testdata.DevData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        Map<String, int[]> byGroup = new TreeMap<>();
        Map<String, int[]> byLabel = new TreeMap<>();
        int positives = 0, truePositives = 0, negatives = 0, falsePositives = 0;
        for (DevData.Row row : DevData.load("injection_dev.jsonl")) {
            List<Finding> out = new ArrayList<>();
            guardrail.scan(row.text(), out);
            for (Finding f : out) {
                assertThat(f.end()).isLessThanOrEqualTo(row.text().length());
            }
            boolean flagged = !out.isEmpty();
            int[] g = byGroup.computeIfAbsent(row.source() + " / " + row.label(), k -> new int[2]);
            g[0]++;
            g[1] += flagged ? 1 : 0;
            int[] l = byLabel.computeIfAbsent(row.label(), k -> new int[2]);
            l[0]++;
            l[1] += flagged ? 1 : 0;
            if (row.positive()) {
                positives++;
                truePositives += flagged ? 1 : 0;
            } else {
                negatives++;
                falsePositives += flagged ? 1 : 0;
            }
        }
        double recall = truePositives / (double) positives;
        double fpr = falsePositives / (double) negatives;
        System.out.println("injection_dev: per source and label (rows, flagged, rate)");
        byGroup.forEach((k, v) -> System.out.printf("  %-48s %4d %4d %.3f%n", k, v[0], v[1], v[1] / (double) v[0]));
        System.out.println("injection_dev: per label (rows, flagged, rate)");
        byLabel.forEach((k, v) -> System.out.printf("  %-48s %4d %4d %.3f%n", k, v[0], v[1], v[1] / (double) v[0]));
        System.out.printf(
                "injection_dev: recall %.4f (%d/%d), FPR %.4f (%d/%d)%n",
                recall, truePositives, positives, fpr, falsePositives, negatives);

        assertThat(fpr).isLessThanOrEqualTo(MAX_FPR);
        assertThat(recall).isGreaterThanOrEqualTo(MIN_RECALL);
        assertThat(rate(byLabel.get("jailbreak"))).isGreaterThanOrEqualTo(MIN_JAILBREAK_RECALL);
        assertThat(rate(byLabel.get("injection"))).isGreaterThanOrEqualTo(MIN_INJECTION_RECALL);
        byGroup.forEach((k, v) -> {
            if (k.endsWith("/ benign")) {
                assertThat(rate(v)).as("FPR of %s", k).isLessThanOrEqualTo(MAX_FPR);
            }
        });
    }

    private static double rate(int[] v) {
        return v == null ? 0.0 : v[1] / (double) v[0];
    }
}
