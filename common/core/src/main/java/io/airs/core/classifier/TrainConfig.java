package io.airs.core.classifier;

import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of {@link Trainer}: AdaGrad on the logistic loss with L2 regularisation.
 *
 * @param epochs passes over the data, in [1, 100], default 6
 * @param learningRate AdaGrad base step, in (0, 10], default 0.3
 * @param l2 L2 penalty per update on the active weights, in [0, 1), default 1e-4
 * @param balanceClasses whether positives and negatives are weighted so each class contributes half
 *     of the loss, default true (the data is imbalanced, and differently per label)
 * @param thresholdFolds number of stratified folds whose out-of-fold scores choose the thresholds,
 *     in [2, 20], default 5
 * @param maxFalsePositiveRate per label, the largest out-of-fold false-positive rate the chosen
 *     threshold may give, in (0, 1); defaults: injection 0.03, indirect injection 0.05, harmful
 *     0.05, toxicity 0.10
 */
public record TrainConfig(
        int epochs,
        double learningRate,
        double l2,
        boolean balanceClasses,
        int thresholdFolds,
        Map<ClassifierLabel, Double> maxFalsePositiveRate,
        double minThreshold) {

    public TrainConfig {
        if (!(minThreshold >= 0 && minThreshold < 1)) {
            throw new IllegalArgumentException("minThreshold " + minThreshold + " outside [0, 1)");
        }
        if (epochs < 1 || epochs > 100) {
            throw new IllegalArgumentException("epochs " + epochs + " outside [1, 100]");
        }
        if (!(learningRate > 0 && learningRate <= 10)) {
            throw new IllegalArgumentException("learningRate " + learningRate + " outside (0, 10]");
        }
        if (!(l2 >= 0 && l2 < 1)) {
            throw new IllegalArgumentException("l2 " + l2 + " outside [0, 1)");
        }
        if (thresholdFolds < 2 || thresholdFolds > 20) {
            throw new IllegalArgumentException("thresholdFolds " + thresholdFolds + " outside [2, 20]");
        }
        EnumMap<ClassifierLabel, Double> fpr = new EnumMap<>(ClassifierLabel.class);
        for (ClassifierLabel l : ClassifierLabel.values()) {
            Double v = maxFalsePositiveRate.get(l);
            if (v == null || !(v > 0 && v < 1)) {
                throw new IllegalArgumentException(
                        "maxFalsePositiveRate for " + l.wireName() + " missing or outside (0, 1)");
            }
            fpr.put(l, v);
        }
        maxFalsePositiveRate = Map.copyOf(fpr);
    }

    /** The settings the shipped model is trained with. */
    public static TrainConfig defaults() {
        return new TrainConfig(
                6,
                0.3,
                1e-4,
                true,
                5,
                Map.of(
                        ClassifierLabel.INJECTION, 0.03,
                        ClassifierLabel.INDIRECT_INJECTION, 0.05,
                        ClassifierLabel.HARMFUL, 0.05,
                        ClassifierLabel.TOXICITY, 0.10),
                0.5);
    }

    /** The false-positive budget of {@code label}. */
    public double maxFalsePositiveRate(ClassifierLabel label) {
        return maxFalsePositiveRate.get(label);
    }

    /** This configuration with another number of epochs. */
    public TrainConfig withEpochs(int n) {
        return new TrainConfig(n, learningRate, l2, balanceClasses, thresholdFolds, maxFalsePositiveRate, minThreshold);
    }

    /** This configuration with another threshold floor. */
    public TrainConfig withMinThreshold(double t) {
        return new TrainConfig(epochs, learningRate, l2, balanceClasses, thresholdFolds, maxFalsePositiveRate, t);
    }
}
