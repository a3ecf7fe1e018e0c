package io.airs.core.judge;

import io.airs.core.Category;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * When {@link JudgeSampler} sends content to the LLM judge.
 *
 * <pre>{@code
 * JudgeSamplerConfig config = JudgeSamplerConfig.defaults().withRate(RiskTier.HIGH, 0.5);
 * }</pre>
 *
 * @param rates sampling rate per risk tier, a probability; must stay within the AIRS framework's
 *     judge coverage ranges: LOW [0.01, 0.05], MEDIUM [0.05, 0.10], HIGH [0.20, 0.50], CRITICAL
 *     exactly 1.0; defaults 0.02, 0.075, 0.35, 1.0; a tier left out takes its default
 * @param alwaysWhenFlagged judge whenever the guardrails found anything; default true
 * @param adaptive after an attack (a BLOCK with a finding in {@code adaptiveCategories}) judge all of
 *     that user's and agent's traffic for {@code adaptivePeriod}; default true
 * @param adaptivePeriod how long an adaptive trigger lasts; (0, 24 h]; default 30 min
 * @param adaptiveCapacity most users and agents watched at once; the least recently seen is
 *     forgotten first; [1, 1,000,000]; default 10,000
 * @param adaptiveCategories the finding categories that count as an attack; default {@code
 *     prompt_injection}, {@code jailbreak}
 * @param toolCallsPreAction judge every tool call before it acts; default true
 * @param modes inline or async per stage; a stage left out is async; {@code tool_call} must be
 *     inline (pre-action); default async for input, context and output
 */
public record JudgeSamplerConfig(
        Map<RiskTier, Double> rates,
        boolean alwaysWhenFlagged,
        boolean adaptive,
        Duration adaptivePeriod,
        int adaptiveCapacity,
        Set<Category> adaptiveCategories,
        boolean toolCallsPreAction,
        Map<Stage, Mode> modes) {

    private static final Map<RiskTier, double[]> RANGES = Map.of(
            RiskTier.LOW, new double[] {0.01, 0.05},
            RiskTier.MEDIUM, new double[] {0.05, 0.10},
            RiskTier.HIGH, new double[] {0.20, 0.50},
            RiskTier.CRITICAL, new double[] {1.0, 1.0});

    public JudgeSamplerConfig {
        Objects.requireNonNull(rates, "rates");
        Objects.requireNonNull(adaptivePeriod, "adaptivePeriod");
        Objects.requireNonNull(adaptiveCategories, "adaptiveCategories");
        Objects.requireNonNull(modes, "modes");
        EnumMap<RiskTier, Double> r = new EnumMap<>(RiskTier.class);
        for (RiskTier t : RiskTier.values()) {
            r.put(t, defaultRate(t));
        }
        rates.forEach((tier, rate) -> {
            Objects.requireNonNull(tier, "tier");
            double[] range = RANGES.get(tier);
            if (rate == null || !(rate >= range[0] && rate <= range[1])) {
                throw new IllegalArgumentException(String.format(
                        Locale.ROOT,
                        "judge sampling rate for %s must be within %s (the framework's judge coverage), got %s",
                        tier,
                        range[0] == range[1] ? "100%" : percent(range[0]) + "-" + percent(range[1]),
                        rate == null ? "null" : percent(rate)));
            }
            r.put(tier, rate);
        });
        rates = Collections.unmodifiableMap(r);
        if (adaptivePeriod.isNegative()
                || adaptivePeriod.isZero()
                || adaptivePeriod.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("judge adaptivePeriod must be within (0, 24h], got " + adaptivePeriod);
        }
        if (adaptiveCapacity < 1 || adaptiveCapacity > 1_000_000) {
            throw new IllegalArgumentException(
                    "judge adaptiveCapacity must be within [1, 1000000], got " + adaptiveCapacity);
        }
        adaptiveCategories = adaptiveCategories.isEmpty()
                ? Collections.unmodifiableSet(EnumSet.noneOf(Category.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(adaptiveCategories));
        EnumMap<Stage, Mode> m = new EnumMap<>(Stage.class);
        for (Stage s : Stage.values()) {
            m.put(s, s == Stage.TOOL_CALL ? Mode.INLINE : Mode.ASYNC);
        }
        modes.forEach((stage, mode) -> {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(mode, "mode");
            if (stage == Stage.TOOL_CALL && mode != Mode.INLINE) {
                throw new IllegalArgumentException(
                        "judge mode for tool_call must be inline: a tool call is judged before it acts");
            }
            m.put(stage, mode);
        });
        modes = Collections.unmodifiableMap(m);
    }

    /** The documented defaults. */
    public static JudgeSamplerConfig defaults() {
        return new JudgeSamplerConfig(
                Map.of(),
                true,
                true,
                Duration.ofMinutes(30),
                10_000,
                EnumSet.of(Category.PROMPT_INJECTION, Category.JAILBREAK),
                true,
                Map.of());
    }

    /** The default sampling rate of {@code tier}: 0.02, 0.075, 0.35 or 1.0. */
    public static double defaultRate(RiskTier tier) {
        return switch (tier) {
            case LOW -> 0.02;
            case MEDIUM -> 0.075;
            case HIGH -> 0.35;
            case CRITICAL -> 1.0;
        };
    }

    /** The sampling rate of {@code tier}. */
    public double rate(RiskTier tier) {
        return rates.get(tier);
    }

    /** The mode of {@code stage}. */
    public Mode mode(Stage stage) {
        return modes.get(stage);
    }

    /** This config with {@code tier} sampled at {@code rate} (validated against the framework range). */
    public JudgeSamplerConfig withRate(RiskTier tier, double rate) {
        EnumMap<RiskTier, Double> r = new EnumMap<>(rates);
        r.put(tier, rate);
        return new JudgeSamplerConfig(
                r,
                alwaysWhenFlagged,
                adaptive,
                adaptivePeriod,
                adaptiveCapacity,
                adaptiveCategories,
                toolCallsPreAction,
                modes);
    }

    /** This config with {@code stage} judged in {@code mode}. */
    public JudgeSamplerConfig withMode(Stage stage, Mode mode) {
        EnumMap<Stage, Mode> m = new EnumMap<>(modes);
        m.put(stage, mode);
        return new JudgeSamplerConfig(
                rates,
                alwaysWhenFlagged,
                adaptive,
                adaptivePeriod,
                adaptiveCapacity,
                adaptiveCategories,
                toolCallsPreAction,
                m);
    }

    /** This config with other adaptive trigger settings. */
    public JudgeSamplerConfig withAdaptive(boolean enabled, Duration period, int capacity) {
        return new JudgeSamplerConfig(
                rates, alwaysWhenFlagged, enabled, period, capacity, adaptiveCategories, toolCallsPreAction, modes);
    }

    /** This config with judging of flagged content switched on or off. */
    public JudgeSamplerConfig withAlwaysWhenFlagged(boolean enabled) {
        return new JudgeSamplerConfig(
                rates,
                enabled,
                adaptive,
                adaptivePeriod,
                adaptiveCapacity,
                adaptiveCategories,
                toolCallsPreAction,
                modes);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.1f%%", p * 100).replace(".0%", "%");
    }
}
