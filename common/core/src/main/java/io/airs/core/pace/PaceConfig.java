package io.airs.core.pace;

import java.time.Duration;
import java.util.Objects;

/**
 * PACE thresholds for one layer, defaulting to the AIRS framework's judge triggers: error rate above
 * 5% or latency above 3x baseline sustained for 5 minutes moves to ALTERNATE; no successful call for
 * 60 seconds moves to CONTINGENCY; still failing there for 10 minutes moves to EMERGENCY; 5 minutes
 * of healthy signals moves back one step.
 *
 * <pre>{@code
 * PaceConfig judge = PaceConfig.defaults(Layer.JUDGE).toBuilder().errorRateThreshold(0.10).build();
 * }</pre>
 *
 * @param window sliding window over which error rate and mean latency are measured; default 1
 *     minute; at least 1 second
 * @param windowBuckets buckets the window is cut into; default 60; 1 to 3600
 * @param minVolume calls the window needs before error rate or latency can count against the layer;
 *     default 10; at least 1
 * @param errorRateThreshold unhealthy when failures / calls is above this; default 0.05; [0, 1)
 * @param latencyFactor unhealthy when mean latency is above this times the baseline; default 3.0;
 *     above 1
 * @param sustainFor how long error rate or latency must stay unhealthy before PRIMARY moves to
 *     ALTERNATE; default 5 minutes; not negative
 * @param unresponsiveAfter no successful call for this long, with calls still failing, moves PRIMARY
 *     or ALTERNATE to CONTINGENCY; default 60 seconds; positive
 * @param emergencyAfter unhealthy for this long in CONTINGENCY moves to EMERGENCY; default 10
 *     minutes; positive
 * @param recoveryWindow healthy for this long in a degraded state moves one step back toward
 *     PRIMARY; default 5 minutes; positive
 * @param baselineAlpha weight of each new healthy latency in the baseline's moving average; default
 *     0.05; (0, 1]
 * @param baselineFloor the baseline is never taken below this, so tiny latencies do not make jitter
 *     look like degradation; default 50 ms for the judge, 1 ms for guardrails, 20 ms for oversight;
 *     not negative
 */
public record PaceConfig(
        Duration window,
        int windowBuckets,
        int minVolume,
        double errorRateThreshold,
        double latencyFactor,
        Duration sustainFor,
        Duration unresponsiveAfter,
        Duration emergencyAfter,
        Duration recoveryWindow,
        double baselineAlpha,
        Duration baselineFloor) {

    private static final PaceConfig DEFAULTS = new PaceConfig(
            Duration.ofMinutes(1),
            60,
            10,
            0.05,
            3.0,
            Duration.ofMinutes(5),
            Duration.ofSeconds(60),
            Duration.ofMinutes(10),
            Duration.ofMinutes(5),
            0.05,
            Duration.ofMillis(50));

    public PaceConfig {
        Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("window must be at least 1 second, was " + window);
        }
        if (windowBuckets < 1 || windowBuckets > 3600) {
            throw new IllegalArgumentException("windowBuckets must be in [1, 3600], was " + windowBuckets);
        }
        if (minVolume < 1) {
            throw new IllegalArgumentException("minVolume must be at least 1, was " + minVolume);
        }
        if (!(errorRateThreshold >= 0.0 && errorRateThreshold < 1.0)) {
            throw new IllegalArgumentException("errorRateThreshold must be in [0, 1), was " + errorRateThreshold);
        }
        if (!(latencyFactor > 1.0) || Double.isInfinite(latencyFactor)) {
            throw new IllegalArgumentException("latencyFactor must be a finite number above 1, was " + latencyFactor);
        }
        requireNotNegative(sustainFor, "sustainFor");
        requirePositive(unresponsiveAfter, "unresponsiveAfter");
        requirePositive(emergencyAfter, "emergencyAfter");
        requirePositive(recoveryWindow, "recoveryWindow");
        if (!(baselineAlpha > 0.0 && baselineAlpha <= 1.0)) {
            throw new IllegalArgumentException("baselineAlpha must be in (0, 1], was " + baselineAlpha);
        }
        requireNotNegative(baselineFloor, "baselineFloor");
    }

    /** The framework's defaults, with the judge's baseline floor. */
    public static PaceConfig defaults() {
        return DEFAULTS;
    }

    /** The defaults for {@code layer}: the same triggers, with a baseline floor suited to its speed. */
    public static PaceConfig defaults(Layer layer) {
        return switch (layer) {
            case JUDGE -> DEFAULTS;
            case GUARDRAILS ->
                DEFAULTS.toBuilder().baselineFloor(Duration.ofMillis(1)).build();
            case OVERSIGHT ->
                DEFAULTS.toBuilder().baselineFloor(Duration.ofMillis(20)).build();
        };
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + d);
        }
    }

    private static void requirePositive(Duration d, String name) {
        requireNotNegative(d, name);
        if (d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }

    /** Builds a {@link PaceConfig}; every setter takes the unit its field documents. */
    public static final class Builder {
        private Duration window;
        private int windowBuckets;
        private int minVolume;
        private double errorRateThreshold;
        private double latencyFactor;
        private Duration sustainFor;
        private Duration unresponsiveAfter;
        private Duration emergencyAfter;
        private Duration recoveryWindow;
        private double baselineAlpha;
        private Duration baselineFloor;

        private Builder(PaceConfig c) {
            window = c.window;
            windowBuckets = c.windowBuckets;
            minVolume = c.minVolume;
            errorRateThreshold = c.errorRateThreshold;
            latencyFactor = c.latencyFactor;
            sustainFor = c.sustainFor;
            unresponsiveAfter = c.unresponsiveAfter;
            emergencyAfter = c.emergencyAfter;
            recoveryWindow = c.recoveryWindow;
            baselineAlpha = c.baselineAlpha;
            baselineFloor = c.baselineFloor;
        }

        public Builder window(Duration v) {
            window = v;
            return this;
        }

        public Builder windowBuckets(int v) {
            windowBuckets = v;
            return this;
        }

        public Builder minVolume(int v) {
            minVolume = v;
            return this;
        }

        public Builder errorRateThreshold(double v) {
            errorRateThreshold = v;
            return this;
        }

        public Builder latencyFactor(double v) {
            latencyFactor = v;
            return this;
        }

        public Builder sustainFor(Duration v) {
            sustainFor = v;
            return this;
        }

        public Builder unresponsiveAfter(Duration v) {
            unresponsiveAfter = v;
            return this;
        }

        public Builder emergencyAfter(Duration v) {
            emergencyAfter = v;
            return this;
        }

        public Builder recoveryWindow(Duration v) {
            recoveryWindow = v;
            return this;
        }

        public Builder baselineAlpha(double v) {
            baselineAlpha = v;
            return this;
        }

        public Builder baselineFloor(Duration v) {
            baselineFloor = v;
            return this;
        }

        public PaceConfig build() {
            return new PaceConfig(
                    window,
                    windowBuckets,
                    minVolume,
                    errorRateThreshold,
                    latencyFactor,
                    sustainFor,
                    unresponsiveAfter,
                    emergencyAfter,
                    recoveryWindow,
                    baselineAlpha,
                    baselineFloor);
        }
    }
}
