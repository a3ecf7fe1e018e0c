package io.airs.core.judge;

import io.airs.core.RiskTier;
import java.util.Objects;

/**
 * Thresholds for turning criterion scores into a verdict, and the cascade's fail posture.
 *
 * <p>A verdict is taken from the lowest criterion score {@code m}: {@code m >= passAbove} is PASS,
 * {@code m < escalateBelow} is ESCALATE, anything between is REVIEW. {@link JudgeCascade} stops at
 * the classifier when it says PASS with {@code m >= passAbove + confidenceMargin}.
 *
 * <pre>{@code
 * JudgeConfig config = JudgeConfig.forTier(RiskTier.HIGH);
 * }</pre>
 *
 * @param passAbove lowest criterion score that still passes; in [0, 1]; default 0.80
 * @param escalateBelow criterion score under which a person must decide; in [0, passAbove]; default
 *     0.40
 * @param confidenceMargin how far above {@code passAbove} a classifier PASS must be for the cascade
 *     to skip the LLM judge; in [0, 1]; default 0.10
 * @param onFailure what the cascade concludes when the LLM judge fails; default {@code
 *     USE_CLASSIFIER} (LOW, MEDIUM) or {@code ESCALATE} (HIGH, CRITICAL)
 */
public record JudgeConfig(double passAbove, double escalateBelow, double confidenceMargin, FailPosture onFailure) {

    public JudgeConfig {
        Objects.requireNonNull(onFailure, "onFailure");
        if (!(passAbove >= 0.0 && passAbove <= 1.0)) {
            throw new IllegalArgumentException("judge passAbove must be within [0, 1], got " + passAbove);
        }
        if (!(escalateBelow >= 0.0 && escalateBelow <= passAbove)) {
            throw new IllegalArgumentException(
                    "judge escalateBelow must be within [0, passAbove=" + passAbove + "], got " + escalateBelow);
        }
        if (!(confidenceMargin >= 0.0 && confidenceMargin <= 1.0)) {
            throw new IllegalArgumentException("judge confidenceMargin must be within [0, 1], got " + confidenceMargin);
        }
    }

    /** The MEDIUM tier's settings: pass above 0.80, escalate below 0.40, margin 0.10, fail open. */
    public static JudgeConfig defaults() {
        return forTier(RiskTier.MEDIUM);
    }

    /**
     * Settings per risk tier; higher tiers pass less readily and fail closed.
     *
     * <table>
     *   <caption>per-tier defaults</caption>
     *   <tr><th>tier</th><th>passAbove</th><th>escalateBelow</th><th>margin</th><th>onFailure</th></tr>
     *   <tr><td>LOW</td><td>0.75</td><td>0.30</td><td>0.10</td><td>USE_CLASSIFIER</td></tr>
     *   <tr><td>MEDIUM</td><td>0.80</td><td>0.40</td><td>0.10</td><td>USE_CLASSIFIER</td></tr>
     *   <tr><td>HIGH</td><td>0.85</td><td>0.50</td><td>0.10</td><td>ESCALATE</td></tr>
     *   <tr><td>CRITICAL</td><td>0.90</td><td>0.60</td><td>0.05</td><td>ESCALATE</td></tr>
     * </table>
     */
    public static JudgeConfig forTier(RiskTier tier) {
        return switch (tier) {
            case LOW -> new JudgeConfig(0.75, 0.30, 0.10, FailPosture.USE_CLASSIFIER);
            case MEDIUM -> new JudgeConfig(0.80, 0.40, 0.10, FailPosture.USE_CLASSIFIER);
            case HIGH -> new JudgeConfig(0.85, 0.50, 0.10, FailPosture.ESCALATE);
            case CRITICAL -> new JudgeConfig(0.90, 0.60, 0.05, FailPosture.ESCALATE);
        };
    }

    /** The verdict for a lowest criterion score of {@code minScore}. */
    public JudgeVerdict.Verdict verdictFor(double minScore) {
        if (minScore >= passAbove) {
            return JudgeVerdict.Verdict.PASS;
        }
        return minScore < escalateBelow ? JudgeVerdict.Verdict.ESCALATE : JudgeVerdict.Verdict.REVIEW;
    }

    /** Whether a verdict is a PASS with enough margin for the cascade to stop. */
    public boolean confident(JudgeVerdict verdict) {
        return verdict.verdict() == JudgeVerdict.Verdict.PASS && verdict.minScore() >= passAbove + confidenceMargin;
    }
}
