package io.airs.core.classifier;

import java.util.List;
import java.util.Objects;

/**
 * One logistic-regression weight vector and bias per {@link ClassifierLabel} over
 * {@link TextFeatures}, with int8 weights and a per-label scale (256 KB per label at 2^18 buckets).
 * Scoring streams: it sums each feature occurrence's weight as an integer and scales once, with no
 * counting table; a caller that needs some labels only scores those, touching only their weights.
 * Immutable and thread-safe: {@link #scores(String)} reuses one feature scratch per thread.
 *
 * <pre>{@code
 * float[] p = model.scores(text);   // p[i] is the probability of model.labels().get(i)
 * }</pre>
 */
public final class LinearModel {

    private final FeatureConfig featureConfig;
    private final TextFeatures features;
    private final List<ClassifierLabel> labels;
    /** Label-major: the weights of label l are {@code weights[l * dimensions .. (l + 1) * dimensions)}. */
    private final byte[] weights;

    private final float[] scales;
    private final float[] biases;
    private final ThreadLocal<TextFeatures.Scratch> scratch;

    LinearModel(
            FeatureConfig featureConfig, List<ClassifierLabel> labels, byte[] weights, float[] scales, float[] biases) {
        this.featureConfig = Objects.requireNonNull(featureConfig, "featureConfig");
        this.labels = List.copyOf(labels);
        if (this.labels.isEmpty() || this.labels.size() != scales.length || this.labels.size() != biases.length) {
            throw new IllegalArgumentException("labels, scales and biases differ in length");
        }
        if (weights.length != featureConfig.dimensions() * this.labels.size()) {
            throw new IllegalArgumentException("weights length " + weights.length + " does not match dimensions");
        }
        this.weights = weights.clone();
        this.scales = scales.clone();
        this.biases = biases.clone();
        this.features = new TextFeatures(featureConfig);
        this.scratch = ThreadLocal.withInitial(features::newScratch);
    }

    /**
     * Quantises float weights to int8 with one scale per label ({@code max |w| / 127}).
     *
     * @param weights {@code weights[label][bucket]}, one row per label, each of {@code dimensions()}
     */
    public static LinearModel quantize(
            FeatureConfig featureConfig, List<ClassifierLabel> labels, float[][] weights, float[] biases) {
        int dims = featureConfig.dimensions();
        int nl = labels.size();
        if (weights.length != nl) {
            throw new IllegalArgumentException("one weight row per label expected");
        }
        byte[] q = new byte[dims * nl];
        float[] scales = new float[nl];
        for (int l = 0; l < nl; l++) {
            float[] w = weights[l];
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
                q[l * dims + b] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        return new LinearModel(featureConfig, labels, q, scales, biases);
    }

    /** The feature configuration the weights were trained with. */
    public FeatureConfig featureConfig() {
        return featureConfig;
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
        scores(text, scratch.get(), out);
        return out;
    }

    /**
     * Probabilities per label into {@code out}, with caller-managed memory: allocation-free once the
     * scratch has grown to the text size.
     */
    public void scores(CharSequence text, TextFeatures.Scratch work, float[] out) {
        int n = features.hash(text, work);
        for (int l = 0; l < out.length; l++) {
            out[l] = score(work.hashes(), n, l);
        }
    }

    /**
     * The probability of the label at {@code label} (an index into {@link #labels()}) alone, with the
     * thread's scratch; allocation-free once warm.
     */
    public float score(CharSequence text, int label) {
        TextFeatures.Scratch work = scratch.get();
        return score(work.hashes(), features.hash(text, work), label);
    }

    /**
     * Probabilities into {@code out} of the labels at {@code which} (indices into {@link #labels()}),
     * {@code out[i]} for {@code which[i]}; the text is featurised once. Allocation-free once warm.
     */
    public void scores(CharSequence text, int[] which, float[] out) {
        TextFeatures.Scratch work = scratch.get();
        int n = features.hash(text, work);
        for (int i = 0; i < which.length; i++) {
            out[i] = score(work.hashes(), n, which[i]);
        }
    }

    private float score(int[] hashes, int n, int label) {
        if (n == 0) {
            return sigmoid(biases[label]);
        }
        byte[] w = weights;
        int base = label * featureConfig.dimensions();
        int mask = featureConfig.dimensions() - 1;
        // exact: at most 2^24 occurrences of at most 127 each
        int sum = 0;
        for (int i = 0; i < n; i++) {
            int h = hashes[i];
            int sign = h >> 31; // -1 for a negative feature, else 0
            sum += (w[base + (h & mask)] ^ sign) - sign;
        }
        return sigmoid(sum * (double) scales[label] / Math.sqrt(n) + biases[label]);
    }

    static float sigmoid(double z) {
        if (z >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-z)));
        }
        double e = Math.exp(z);
        return (float) (e / (1.0 + e));
    }

    byte[] weightBytes() {
        return weights.clone();
    }

    float[] scales() {
        return scales.clone();
    }

    float[] biases() {
        return biases.clone();
    }
}
