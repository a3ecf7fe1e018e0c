package io.airs.cli.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts for one task over one data file: rows, spans, groups, and per-row scores for the PR curve. */
public final class TaskResult {

    /** Confusion counts. */
    public static final class Counts {
        long tp;
        long fp;
        long tn;
        long fn;

        void add(boolean positive, boolean flagged) {
            if (positive) {
                if (flagged) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (flagged) {
                fp++;
            } else {
                tn++;
            }
        }

        public long rows() {
            return tp + fp + tn + fn;
        }

        public double precision() {
            return ratio(tp, tp + fp);
        }

        public double recall() {
            return ratio(tp, tp + fn);
        }

        public double fpr() {
            return ratio(fp, fp + tn);
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        public double balancedAccuracy() {
            return (recall() + (1 - fpr())) / 2;
        }
    }

    final EvalTask task;
    final String file;
    final Counts counts = new Counts();
    final Map<String, Map<String, Counts>> groups = new TreeMap<>();
    long goldSpans;
    long goldSpansHit;
    long predictedSpans;
    long predictedSpansHit;
    final Map<String, long[]> spansByType = new TreeMap<>();
    long errors;
    /** Per row: whether it is positive, and the highest score of a finding for the task (0 when none). */
    final List<double[]> scored = new ArrayList<>();

    TaskResult(EvalTask task, String file) {
        this.task = task;
        this.file = file;
    }

    public EvalTask task() {
        return task;
    }

    public Counts counts() {
        return counts;
    }

    public double spanPrecision() {
        return ratio(predictedSpansHit, predictedSpans);
    }

    public double spanRecall() {
        return ratio(goldSpansHit, goldSpans);
    }

    public double spanF1() {
        double p = spanPrecision();
        double r = spanRecall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    static double ratio(long a, long b) {
        return b == 0 ? 0.0 : (double) a / b;
    }
}
