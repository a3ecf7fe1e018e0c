package io.airs.core.classifier;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains a {@link LinearModel}: per label, AdaGrad on the class-weighted logistic loss with L2, a few
 * epochs over the rows labelled for it, shuffled by a seeded {@link SplittableRandom}. Rows labelled
 * for one label are left out of the others' loss rather than taken as negatives.
 *
 * <p>Deterministic: the same rows (in the same order), configuration and seed give bit-identical
 * weights, because every step runs in a fixed order and uses only IEEE-exact arithmetic and
 * {@link StrictMath}.
 *
 * <pre>{@code
 * Trainer.Result r = new Trainer(TrainConfig.defaults()).train(rows, FeaturePlan.defaults(), 42L);
 * r.model().scores(text);  r.thresholds().get(ClassifierLabel.INJECTION);
 * }</pre>
 */
public final class Trainer {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final TrainConfig config;

    public Trainer(TrainConfig config) {
        this.config = config;
    }

    /** The configuration in use. */
    public TrainConfig config() {
        return config;
    }

    /**
     * A featurised row: sparse vector, target, and cluster (examples with the same cluster number
     * share a document and stay in one fold; a negative cluster stands alone).
     */
    public record Example(int[] indices, float[] values, boolean positive, int cluster) {}

    /** One label's weights, not yet quantised. */
    public record LabelWeights(float[] weights, float bias) {}

    /**
     * Out-of-fold figures at the chosen threshold.
     *
     * @param threshold the decision threshold chosen for the label's false-positive budget
     * @param positives labelled positives
     * @param negatives labelled negatives
     * @param truePositives positives scored at or above the threshold by a model that did not see them
     * @param falsePositives negatives scored at or above the threshold by a model that did not see them
     */
    public record Calibration(double threshold, int positives, int negatives, int truePositives, int falsePositives) {
        public double recall() {
            return positives == 0 ? Double.NaN : truePositives / (double) positives;
        }

        public double falsePositiveRate() {
            return negatives == 0 ? Double.NaN : falsePositives / (double) negatives;
        }
    }

    /** A trained model with its per-label thresholds and their out-of-fold calibration. */
    public record Result(LinearModel model, Map<ClassifierLabel, Calibration> calibration) {
        /** The chosen threshold per label. */
        public Map<ClassifierLabel, Double> thresholds() {
            Map<ClassifierLabel, Double> t = new EnumMap<>(ClassifierLabel.class);
            calibration.forEach((k, v) -> t.put(k, v.threshold()));
            return t;
        }
    }

    /**
     * Trains every label that has rows, and chooses each label's threshold from stratified
     * out-of-fold scores so the false-positive rate stays within the label's budget.
     */
    public Result train(List<TrainingRow> rows, FeaturePlan plan, long seed) {
        Map<ClassifierLabel, List<Example>> byLabel = featurize(rows, plan);
        List<ClassifierLabel> labels = new ArrayList<>(byLabel.keySet());
        List<FeatureConfig> configs = new ArrayList<>();
        float[][] weights = new float[labels.size()][];
        float[] biases = new float[labels.size()];
        Map<ClassifierLabel, Calibration> calibration = new EnumMap<>(ClassifierLabel.class);
        for (int l = 0; l < labels.size(); l++) {
            ClassifierLabel label = labels.get(l);
            FeatureConfig fc = plan.forLabel(label);
            configs.add(fc);
            List<Example> ex = byLabel.get(label);
            long labelSeed = mix(seed, label.ordinal() + 1);
            LabelWeights lw = trainLabel(ex, fc.dimensions(), labelSeed);
            weights[l] = lw.weights();
            biases[l] = lw.bias();
            float[] oof = outOfFoldScores(ex, fc.dimensions(), mix(labelSeed, 0x0F));
            calibration.put(label, calibrate(ex, oof, config.maxFalsePositiveRate(label), config.minThreshold()));
        }
        return new Result(LinearModel.quantize(configs, labels, weights, biases), calibration);
    }

    /** Featurises rows, each with its label's features, grouped by label in the order of {@link ClassifierLabel}. */
    public static Map<ClassifierLabel, List<Example>> featurize(List<TrainingRow> rows, FeaturePlan plan) {
        Map<ClassifierLabel, List<Example>> out = new EnumMap<>(ClassifierLabel.class);
        Map<ClassifierLabel, TextFeatures> features = new EnumMap<>(ClassifierLabel.class);
        TextFeatures.Scratch s = new TextFeatures.Scratch();
        Map<String, Integer> clusters = new HashMap<>();
        for (TrainingRow row : rows) {
            TextFeatures f = features.computeIfAbsent(row.label(), l -> new TextFeatures(plan.forLabel(l)));
            out.computeIfAbsent(row.label(), k -> new ArrayList<>()).add(example(f, s, row, clusters));
        }
        return out;
    }

    /**
     * Featurises one row; {@code clusters} numbers the row clusters seen so far and is extended
     * with this row's.
     */
    public static Example example(
            TextFeatures features, TextFeatures.Scratch s, TrainingRow row, Map<String, Integer> clusters) {
        features.extract(row.text(), s);
        int cluster = row.cluster().isEmpty()
                ? -1
                : clusters.computeIfAbsent(row.label().wireName() + "\t" + row.cluster(), k -> clusters.size());
        return new Example(
                Arrays.copyOf(s.indices(), s.size()), Arrays.copyOf(s.values(), s.size()), row.positive(), cluster);
    }

    /** Trains one label's logistic regression on {@code examples}. */
    public LabelWeights trainLabel(List<Example> examples, int dims, long seed) {
        int n = examples.size();
        int pos = 0;
        for (Example e : examples) {
            pos += e.positive() ? 1 : 0;
        }
        int neg = n - pos;
        double posWeight = 1.0;
        double negWeight = 1.0;
        if (config.balanceClasses() && pos > 0 && neg > 0) {
            posWeight = n / (2.0 * pos);
            negWeight = n / (2.0 * neg);
        }
        float[] w = new float[dims];
        float[] g2 = new float[dims];
        double bias = 0.0;
        double biasG2 = 0.0;
        double lr = config.learningRate();
        float l2 = (float) config.l2();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int epoch = 0; epoch < config.epochs(); epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int k = 0; k < n; k++) {
                Example e = examples.get(order[k]);
                int[] idx = e.indices();
                float[] val = e.values();
                double z = bias;
                for (int i = 0; i < idx.length; i++) {
                    z += (double) w[idx[i]] * val[i];
                }
                double p = 1.0 / (1.0 + StrictMath.exp(-z));
                double g = e.positive() ? (p - 1.0) * posWeight : p * negWeight;
                for (int i = 0; i < idx.length; i++) {
                    int b = idx[i];
                    float grad = (float) (g * val[i]) + l2 * w[b];
                    g2[b] += grad * grad;
                    w[b] -= (float) (lr * grad / (Math.sqrt(g2[b]) + 1e-8));
                }
                biasG2 += g * g;
                bias -= lr * g / (Math.sqrt(biasG2) + 1e-8);
            }
        }
        return new LabelWeights(w, (float) bias);
    }

    /**
     * Scores each example with a model trained on the other stratified folds, quantised as the
     * shipped model is, so thresholds are chosen on scores the model did not fit.
     */
    public float[] outOfFoldScores(List<Example> examples, int dims, long seed) {
        int n = examples.size();
        int folds = Math.min(config.thresholdFolds(), Math.max(2, n));
        int[] fold = stratifiedFolds(examples, folds, seed);
        float[] scores = new float[n];
        for (int f = 0; f < folds; f++) {
            List<Example> train = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (fold[i] != f) {
                    train.add(examples.get(i));
                }
            }
            if (train.isEmpty()) {
                continue;
            }
            LabelWeights lw = quantized(trainLabel(train, dims, mix(seed, f + 1)));
            for (int i = 0; i < n; i++) {
                if (fold[i] == f) {
                    scores[i] = score(lw, examples.get(i));
                }
            }
        }
        return scores;
    }

    /**
     * The threshold and figures for the scores of {@code examples}: the lowest threshold within the
     * {@code maxFpr} budget, raised to {@code minThreshold} when lower.
     */
    public static Calibration calibrate(List<Example> examples, float[] scores, double maxFpr, double minThreshold) {
        int negatives = 0;
        for (Example e : examples) {
            negatives += e.positive() ? 0 : 1;
        }
        float[] neg = new float[negatives];
        int k = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (!examples.get(i).positive()) {
                neg[k++] = scores[i];
            }
        }
        double threshold = Math.max(minThreshold, pickThreshold(neg, maxFpr));
        int tp = 0, fp = 0, pos = 0;
        for (int i = 0; i < examples.size(); i++) {
            boolean flagged = scores[i] >= threshold;
            if (examples.get(i).positive()) {
                pos++;
                tp += flagged ? 1 : 0;
            } else {
                fp += flagged ? 1 : 0;
            }
        }
        return new Calibration(threshold, pos, negatives, tp, fp);
    }

    /**
     * The lowest threshold at which at most {@code floor(maxFpr * n)} of the negative scores reach
     * it; 0.5 when there are no negatives to calibrate on.
     */
    public static double pickThreshold(float[] negativeScores, double maxFpr) {
        int n = negativeScores.length;
        if (n == 0) {
            return 0.5;
        }
        float[] s = negativeScores.clone();
        Arrays.sort(s);
        int allowed = (int) Math.floor(maxFpr * n + 1e-9);
        if (allowed >= n) {
            return 0.0;
        }
        float boundary = s[n - 1 - allowed];
        // strictly above the highest negative that must not pass; never below one half of a
        // percent so an empty or all-zero negative set cannot make everything fire
        return Math.max(Math.nextUp(boundary), 0.005f);
    }

    static float score(LabelWeights lw, Example e) {
        double z = lw.bias();
        int[] idx = e.indices();
        float[] val = e.values();
        float[] w = lw.weights();
        for (int i = 0; i < idx.length; i++) {
            z += (double) w[idx[i]] * val[i];
        }
        return LinearModel.sigmoid(z);
    }

    /** The weights after the int8 round trip {@link LinearModel#quantize} applies. */
    static LabelWeights quantized(LabelWeights lw) {
        float[] w = lw.weights();
        float max = 0f;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        float scale = max > 0f ? max / 127f : 1f;
        float[] q = new float[w.length];
        for (int b = 0; b < w.length; b++) {
            q[b] = Math.max(-127, Math.min(127, Math.round(w[b] / scale))) * scale;
        }
        return new LabelWeights(q, lw.bias());
    }

    private static int[] stratifiedFolds(List<Example> examples, int folds, long seed) {
        int n = examples.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] fold = new int[n];
        Map<Integer, Integer> clusterFold = new HashMap<>();
        int p = 0, q = 0;
        for (int i : order) {
            Example e = examples.get(i);
            Integer known = e.cluster() < 0 ? null : clusterFold.get(e.cluster());
            if (known != null) {
                fold[i] = known;
                continue;
            }
            fold[i] = e.positive() ? p++ % folds : q++ % folds;
            if (e.cluster() >= 0) {
                clusterFold.put(e.cluster(), fold[i]);
            }
        }
        return fold;
    }

    static long mix(long seed, long salt) {
        long z = seed + salt * GOLDEN;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
