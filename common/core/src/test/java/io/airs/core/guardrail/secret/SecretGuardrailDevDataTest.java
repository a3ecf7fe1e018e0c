package io.airs.core.guardrail.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.airs.core.Finding;
import io.airs.core.testdata.DevData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Measures the guardrail on the secrets development set; prints counts and rates only. */
class SecretGuardrailDevDataTest {

    @Test
    void meetsRecallAndFalsePositiveFloorsOnTheDevSet() {
        assumeTrue(DevData.dir().isPresent());
        List<DevData.Row> rows = DevData.load("secrets_dev.jsonl");
        SecretGuardrail guardrail = new SecretGuardrail();

        int pos = 0;
        int neg = 0;
        int tp = 0;
        int fp = 0;
        int goldSpans = 0;
        int goldHit = 0;
        int predSpans = 0;
        int predHit = 0;
        Map<String, int[]> byType = new TreeMap<>();
        Map<String, Integer> fpTypes = new TreeMap<>();
        for (DevData.Row row : rows) {
            List<Finding> found = new ArrayList<>();
            guardrail.scan(row.text(), found);
            if (row.positive()) {
                pos++;
                if (!found.isEmpty()) {
                    tp++;
                }
                List<int[]> gold = new ArrayList<>();
                for (DevData.Entity e : row.entities()) {
                    if (e.start() != null && e.end() != null) {
                        int[] span = row.utf16Span(e);
                        if (gold.stream().noneMatch(g -> g[0] == span[0] && g[1] == span[1])) {
                            gold.add(span);
                        }
                    }
                }
                String type =
                        row.entities().isEmpty() ? "?" : row.entities().get(0).type();
                int[] t = byType.computeIfAbsent(type, k -> new int[2]);
                t[0]++;
                if (found.isEmpty()) {
                    t[1]++;
                }
                goldSpans += gold.size();
                for (int[] g : gold) {
                    if (found.stream().anyMatch(f -> f.start() < g[1] && g[0] < f.end())) {
                        goldHit++;
                    }
                }
                if (!gold.isEmpty()) {
                    predSpans += found.size();
                    for (Finding f : found) {
                        if (gold.stream().anyMatch(g -> f.start() < g[1] && g[0] < f.end())) {
                            predHit++;
                        }
                    }
                }
            } else {
                neg++;
                if (!found.isEmpty()) {
                    fp++;
                    fpTypes.merge(found.get(0).type(), 1, Integer::sum);
                }
            }
        }
        double recall = (double) tp / pos;
        double fpr = (double) fp / neg;
        double spanRecall = (double) goldHit / goldSpans;
        double spanPrecision = predSpans == 0 ? 0 : (double) predHit / predSpans;
        System.out.printf(
                "secrets_dev: rows=%d positives=%d negatives=%d | row recall=%.3f (%d/%d) FPR=%.3f (%d/%d)%n",
                rows.size(), pos, neg, recall, tp, pos, fpr, fp, neg);
        System.out.printf(
                "secrets_dev: span precision=%.3f (%d/%d) span recall=%.3f (%d/%d)%n",
                spanPrecision, predHit, predSpans, spanRecall, goldHit, goldSpans);
        StringBuilder misses = new StringBuilder("secrets_dev: misses by gold type:");
        byType.forEach((k, v) -> {
            if (v[1] > 0) {
                misses.append(' ')
                        .append(k)
                        .append('=')
                        .append(v[1])
                        .append('/')
                        .append(v[0])
                        .append(';');
            }
        });
        System.out.println(misses);
        System.out.println("secrets_dev: false positives by finding type: " + fpTypes);

        assertThat(recall).as("row recall").isGreaterThanOrEqualTo(0.91);
        assertThat(fpr).as("row false-positive rate").isLessThanOrEqualTo(0.02);
        assertThat(spanRecall).as("span recall").isGreaterThanOrEqualTo(0.89);
        assertThat(spanPrecision).as("span precision").isGreaterThanOrEqualTo(0.99);
    }
}
