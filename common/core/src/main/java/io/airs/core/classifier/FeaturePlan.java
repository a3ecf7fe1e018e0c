package io.airs.core.classifier;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which features each label's head reads: a {@link FeatureConfig} per {@link ClassifierLabel}, so
 * each label uses what serves it. A label missing from the map uses {@link #fallback()}.
 *
 * <pre>{@code
 * FeatureConfig fc = FeaturePlan.defaults().forLabel(ClassifierLabel.TOXICITY);   // words, 2^18
 * }</pre>
 *
 * @param byLabel the configuration of each label that does not use the fallback
 * @param fallback the configuration of every other label
 */
public record FeaturePlan(Map<ClassifierLabel, FeatureConfig> byLabel, FeatureConfig fallback) {

    public FeaturePlan {
        EnumMap<ClassifierLabel, FeatureConfig> m = new EnumMap<>(ClassifierLabel.class);
        m.putAll(byLabel);
        byLabel = Map.copyOf(m);
        if (fallback == null) {
            throw new IllegalArgumentException("fallback missing");
        }
    }

    /** Every label with the same features. */
    public static FeaturePlan uniform(FeatureConfig config) {
        return new FeaturePlan(Map.of(), config);
    }

    /**
     * The shipped plan. Toxicity and direct injection read words, cheap to score, and held out they
     * do as well as or better than character n-grams for these labels (injection as well at 2^15
     * buckets as at 2^18); indirect injection and harmful requests read character n-grams, which carry
     * over to unseen document kinds and sources far better (docs/classifier.md).
     */
    public static FeaturePlan defaults() {
        return new FeaturePlan(
                Map.of(
                        ClassifierLabel.INJECTION, FeatureConfig.words(15),
                        ClassifierLabel.INDIRECT_INJECTION, FeatureConfig.charGrams(18),
                        ClassifierLabel.HARMFUL, FeatureConfig.charGrams(18),
                        ClassifierLabel.TOXICITY, FeatureConfig.words(18)),
                FeatureConfig.defaults());
    }

    /** The features of {@code label}. */
    public FeatureConfig forLabel(ClassifierLabel label) {
        return byLabel.getOrDefault(label, fallback);
    }

    /** This plan with {@code label} reading {@code config}. */
    public FeaturePlan with(ClassifierLabel label, FeatureConfig config) {
        EnumMap<ClassifierLabel, FeatureConfig> m = new EnumMap<>(ClassifierLabel.class);
        m.putAll(byLabel);
        m.put(label, config);
        return new FeaturePlan(m, fallback);
    }
}
