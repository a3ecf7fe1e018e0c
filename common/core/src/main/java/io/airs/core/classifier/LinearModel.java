package io.airs.core.classifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One logistic-regression weight vector and bias per {@link ClassifierLabel}, each over its own
 * {@link TextFeatures} (a {@link FeatureConfig} per label: words for some labels, character n-grams
 * for others), with int8 weights and a per-label scale (one byte per bucket: 256 KB per label at
 * 2^18 buckets). A caller that needs some labels only scores those, touching only their weights and
 * computing only their features; labels that share a feature configuration share one featurisation.
 * A label weighted {@code tf / sqrt(occurrences)} is scored by streaming, summing each feature
 * occurrence's weight as an integer with no counting table. Immutable and thread-safe:
 * {@link #scores(String)} reuses one feature scratch per thread.
 *
 * <pre>{@code
 * float[] p = model.scores(text);   // p[i] is the probability of model.labels().get(i)
 * }</pre>
 */
public final class LinearModel {

    private final List<ClassifierLabel> labels;
    private final FeatureConfig[] configs;
    /** Per label, its features; labels with equal configurations share one instance. */
    private final TextFeatures[] features;
    /** Per label, the group of labels with equal configurations it belongs to. */
    private final int[] group;

    private final int groups;
    /** The weights of label l are {@code weights[offsets[l] .. offsets[l] + dimensions(l))}. */
    private final byte[] weights;

    private final int[] offsets;
    private final float[] scales;
    private final float[] biases;
    private final ThreadLocal<TextFeatures.Scratch> scratch;
    private final int[] all;

    /** Takes {@code weights} as it is, without a copy: every caller hands over a fresh array. */
    LinearModel(
            List<FeatureConfig> configs, List<ClassifierLabel> labels, byte[] weights, float[] scales, float[] biases) {
        this.labels = List.copyOf(labels);
        int nl = this.labels.size();
        if (nl == 0 || nl != scales.length || nl != biases.length || nl != configs.size()) {
            throw new IllegalArgumentException("labels, feature configurations, scales and biases differ in length");
        }
        this.configs = new FeatureConfig[nl];
        this.features = new TextFeatures[nl];
        this.group = new int[nl];
        this.offsets = new int[nl];
        List<FeatureConfig> distinct = new ArrayList<>();
        List<TextFeatures> shared = new ArrayList<>();
        long total = 0;
        for (int l = 0; l < nl; l++) {
            FeatureConfig fc = Objects.requireNonNull(configs.get(l), "feature configuration");
            int g = distinct.indexOf(fc);
            if (g < 0) {
                g = distinct.size();
                distinct.add(fc);
                shared.add(new TextFeatures(fc));
            }
            this.configs[l] = fc;
            this.features[l] = shared.get(g);
            this.group[l] = g;
            this.offsets[l] = (int) total;
            total += fc.dimensions();
        }
        this.groups = distinct.size();
        if (weights.length != total) {
            throw new IllegalArgumentException("weights length " + weights.length + " does not match dimensions");
        }
        this.weights = weights;
        this.scales = scales.clone();
        this.biases = biases.clone();
        this.scratch = ThreadLocal.withInitial(TextFeatures.Scratch::new);
        this.all = new int[nl];
        for (int l = 0; l < nl; l++) {
            all[l] = l;
        }
    }

    /**
     * Quantises float weights to int8 with one scale per label ({@code max |w| / 127}).
     *
     * @param configs the features of each label, in the order of {@code labels}
     * @param weights {@code weights[label][bucket]}, one row per label, each of its configuration's
     *     {@code dimensions()}
     */
    public static LinearModel quantize(
            List<FeatureConfig> configs, List<ClassifierLabel> labels, float[][] weights, float[] biases) {
        int nl = labels.size();
        if (weights.length != nl || configs.size() != nl) {
            throw new IllegalArgumentException("one weight row and one feature configuration per label expected");
        }
        long total = 0;
        for (FeatureConfig fc : configs) {
            total += fc.dimensions();
        }
        byte[] q = new byte[Math.toIntExact(total)];
        float[] scales = new float[nl];
        int base = 0;
        for (int l = 0; l < nl; l++) {
            float[] w = weights[l];
            int dims = configs.get(l).dimensions();
            if (w.length != dims) {
                throw new IllegalArgumentException("weight row " + l + " has " + w.length + " buckets");
            }
            float max = 0f;
            for (float v : w) {
                max = Math.max(max, Math.abs(v));
            }
            float scale = max > 0f ? max / 127f : 1f;
            scales[l] = scale;
            for (int b = 0; b < dims; b++) {
                int v = Math.round(w[b] / scale);
                q[base + b] = (byte) Math.max(-127, Math.min(127, v));
            }
            base += dims;
        }
        return new LinearModel(configs, labels, q, scales, biases);
    }

    /** The features the label at {@code label} (an index into {@link #labels()}) was trained with. */
    public FeatureConfig featureConfig(int label) {
        return configs[label];
    }

    /** The features of every label, in the order of {@link #labels()}. */
    public List<FeatureConfig> featureConfigs() {
        return List.of(configs);
    }

    /** The labels, in the order of the score arrays. */
    public List<ClassifierLabel> labels() {
        return labels;
    }

    /** The position of {@code label} in {@link #labels()}, or -1. */
    public int indexOf(ClassifierLabel label) {
        return labels.indexOf(label);
    }

    /** Probabilities per label, in the order of {@link #labels()}. */
    public float[] scores(String text) {
        float[] out = new float[labels.size()];
        scores(text, all, out);
        return out;
    }

    /**
     * The probability of the label at {@code label} (an index into {@link #labels()}) alone, with the
     * thread's scratch; allocation-free once warm.
     */
    public float score(CharSequence text, int label) {
        TextFeatures.Scratch work = scratch.get();
        return score(work, featurise(text, label, work), label);
    }

    /**
     * Probabilities into {@code out} of the labels at {@code which} (indices into {@link #labels()}),
     * {@code out[i]} for {@code which[i]}; the text is featurised once per distinct feature
     * configuration among them. Allocation-free once warm.
     */
    public void scores(CharSequence text, int[] which, float[] out) {
        TextFeatures.Scratch work = scratch.get();
        for (int g = 0; g < groups; g++) {
            int n = -1;
            for (int i = 0; i < which.length; i++) {
                int l = which[i];
                if (group[l] != g) {
                    continue;
                }
                if (n < 0) {
                    n = featurise(text, l, work);
                }
                out[i] = score(work, n, l);
            }
        }
    }

    /**
     * Featurises for {@code label}: the occurrence hashes for a streamed label, else the counted
     * sparse vector. Returns the number of occurrences, or of entries.
     */
    private int featurise(CharSequence text, int label, TextFeatures.Scratch work) {
        TextFeatures f = features[label];
        if (configs[label].weighting() == FeatureConfig.Weighting.SQRT_OCCURRENCES) {
            return f.hash(text, work);
        }
        f.extract(text, work);
        return work.size();
    }

    private float score(TextFeatures.Scratch work, int n, int label) {
        if (n == 0) {
            return sigmoid(biases[label]);
        }
        byte[] w = weights;
        int base = offsets[label];
        int mask = configs[label].dimensions() - 1;
        if (configs[label].weighting() == FeatureConfig.Weighting.SQRT_OCCURRENCES) {
            int[] hashes = work.hashes();
            // exact: at most 2^24 occurrences of at most 127 each
            int sum = 0;
            for (int i = 0; i < n; i++) {
                int h = hashes[i];
                int sign = h >> 31; // -1 for a negative feature, else 0
                sum += (w[base + (h & mask)] ^ sign) - sign;
            }
            return sigmoid(sum * (double) scales[label] / Math.sqrt(n) + biases[label]);
        }
        int[] idx = work.indices();
        float[] val = work.values();
        double dot = 0.0;
        for (int i = 0; i < n; i++) {
            dot += (double) val[i] * w[base + idx[i]];
        }
        return sigmoid(dot * scales[label] + biases[label]);
    }

    static float sigmoid(double z) {
        if (z >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    /** Where the weights of the label at {@code label} start in {@link #weightBytes()}. */
    int offset(int label) {
        return offsets[label];
    }

    byte[] weightBytes() {
        return weights.clone();
    }

    /** The weights without a copy, for writing the model file. */
    byte[] weightsView() {
        return weights;
    }

    float[] scales() {
        return scales.clone();
    }

    float[] biases() {
        return biases.clone();
    }
}
