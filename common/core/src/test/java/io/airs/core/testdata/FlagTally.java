package io.airs.core.testdata;

import java.util.Map;
import java.util.TreeMap;

/**
 * Row-level counts of a detector over a labelled development file: how many rows it flagged, in all,
 * per {@code source / label} and per label, with recall and false-positive rate. Prints counts and
 * rates only, never row text.
 */
public final class FlagTally {

    private final Map<String, int[]> bySourceAndLabel = new TreeMap<>(); // {rows, flagged}
    private final Map<String, int[]> byLabel = new TreeMap<>();
    private int positives;
    private int truePositives;
    private int negatives;
    private int falsePositives;

    /** Counts {@code row}, which the detector flagged or not. */
    public void add(DevData.Row row, boolean flagged) {
        count(bySourceAndLabel, row.source() + " / " + row.label(), flagged);
        count(byLabel, row.label(), flagged);
        if (row.positive()) {
            positives++;
            truePositives += flagged ? 1 : 0;
        } else {
            negatives++;
            falsePositives += flagged ? 1 : 0;
        }
    }

    private static void count(Map<String, int[]> groups, String key, boolean flagged) {
        int[] g = groups.computeIfAbsent(key, k -> new int[2]);
        g[0]++;
        g[1] += flagged ? 1 : 0;
    }

    public double recall() {
        return truePositives / (double) positives;
    }

    public double falsePositiveRate() {
        return falsePositives / (double) negatives;
    }

    /** The share of flagged rows of {@code source / label}; 0 when there are none. */
    public double rate(String source, String label) {
        return rate(bySourceAndLabel.get(source + " / " + label));
    }

    /** The share of flagged rows of {@code label}; 0 when there are none. */
    public double rate(String label) {
        return rate(byLabel.get(label));
    }

    /** The share of flagged rows per {@code source / label} group. */
    public Map<String, Double> ratesBySourceAndLabel() {
        Map<String, Double> out = new TreeMap<>();
        bySourceAndLabel.forEach((k, v) -> out.put(k, rate(v)));
        return out;
    }

    private static double rate(int[] v) {
        return v == null ? 0.0 : v[1] / (double) v[0];
    }

    /** Prints the groups and the totals under {@code name}. */
    public void print(String name) {
        System.out.println(name + ": per source and label (rows, flagged, rate)");
        bySourceAndLabel.forEach((k, v) -> System.out.printf("  %-48s %4d %4d %.3f%n", k, v[0], v[1], rate(v)));
        System.out.println(name + ": per label (rows, flagged, rate)");
        byLabel.forEach((k, v) -> System.out.printf("  %-48s %4d %4d %.3f%n", k, v[0], v[1], rate(v)));
        System.out.printf(
                "%s: recall %.4f (%d/%d), FPR %.4f (%d/%d)%n",
                name, recall(), truePositives, positives, falsePositiveRate(), falsePositives, negatives);
    }
}
