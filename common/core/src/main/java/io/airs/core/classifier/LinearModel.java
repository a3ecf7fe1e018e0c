package io.airs.core.classifier;

import java.util.List;
import java.util.Objects;

/**
 * One logistic-regression weight vector and bias per {@link ClassifierLabel} over
 * {@link TextFeatures}, with int8 weights and a per-label scale (about 1 MB at 2^18 buckets and four
 * labels). Immutable and thread-safe: {@link #scores(String)} reuses one feature scratch per thread.
 *
 * <pre>{@code
 * float[] p = model.scores(text);   // p[i] is the probability of model.labels().get(i)
 * }</pre>
 */
public final class LinearModel {

    private final FeatureConfig featureConfig;
    private final TextFeatures features;
    private final List<ClassifierLabel> labels;
    /** Bucket-major: the weights of bucket b are {@code weights[b * labels .. b * labels + labels)}. */
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
                q[b * nl + l] = (byte) Math.max(-127, Math.min(127, v));
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
        features.extract(text, work);
        scoreVector(work.indices(), work.values(), work.size(), out);
    }

    /** Probabilities per label for an already featurised vector. */
    void scoreVector(int[] indices, float[] values, int size, float[] out) {
        int nl = labels.size();
        for (int l = 0; l < nl; l++) {
            out[l] = 0f;
        }
        byte[] w = weights;
        for (int i = 0; i < size; i++) {
            int base = indices[i] * nl;
            float v = values[i];
            for (int l = 0; l < nl; l++) {
                out[l] += v * w[base + l];
            }
        }
        for (int l = 0; l < nl; l++) {
            out[l] = sigmoid(out[l] * scales[l] + biases[l]);
        }
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
