package io.airs.core.breaker;

import java.time.Duration;
import java.util.Objects;

/**
 * Trip rules and timing of the automatic breakers. A count threshold of {@code 0} switches its rule
 * off; a rate threshold above {@code 1.0} does too.
 *
 * <pre>{@code
 * BreakerConfig cfg = BreakerConfig.builder().openDuration(Duration.ofMinutes(2)).build();
 * }</pre>
 *
 * @param window length of the sliding window for block rate, error rate and judge failures;
 *     default 5 minutes; at least 1 second
 * @param windowBuckets buckets the window is cut into (its time resolution); default 60 (5 s each);
 *     1 to 3600
 * @param minVolume calls needed in the window before a rate rule may trip; default 20; at least 1
 * @param blockRateThreshold trip when blocked / total in the window reaches this; default 0.5;
 *     (0, 1], above 1 disables
 * @param errorRateThreshold trip when upstream errors / total in the window reaches this; default
 *     0.5; (0, 1], above 1 disables
 * @param judgeFailureThreshold trip when this many judge failures fall in the window; default 5; 0
 *     disables
 * @param agentBlockCount trip an agent's breaker when it collects this many guardrail blocks within
 *     {@code agentBlockWindow} (the framework's "3 guardrail blocks in 10 minutes"); default 3; 0
 *     disables
 * @param agentBlockWindow the window for {@code agentBlockCount}; default 10 minutes; at least 1
 *     second
 * @param agentBlockBuckets buckets of that window; default 120 (5 s each); 1 to 3600
 * @param openDuration how long an automatic trip stays open before probing; default 60 seconds;
 *     positive
 * @param halfOpenProbes probe calls admitted while half-open; default 3; at least 1
 * @param closeAfterSuccesses successful probes that close the breaker; default 3; 1 to {@code
 *     halfOpenProbes}
 * @param maxScopes scopes tracked at most (bounds memory against arbitrary agent and tool names);
 *     beyond it new scopes are admitted untracked (flags still apply); default 10000; at least 1
 */
public record BreakerConfig(
        Duration window,
        int windowBuckets,
        int minVolume,
        double blockRateThreshold,
        double errorRateThreshold,
        int judgeFailureThreshold,
        int agentBlockCount,
        Duration agentBlockWindow,
        int agentBlockBuckets,
        Duration openDuration,
        int halfOpenProbes,
        int closeAfterSuccesses,
        int maxScopes) {

    private static final BreakerConfig DEFAULTS = new BreakerConfig(
            Duration.ofMinutes(5),
            60,
            20,
            0.5,
            0.5,
            5,
            3,
            Duration.ofMinutes(10),
            120,
            Duration.ofSeconds(60),
            3,
            3,
            10_000);

    public BreakerConfig {
        requireWindow(window, "window");
        requireWindow(agentBlockWindow, "agentBlockWindow");
        requireRange(windowBuckets, 1, 3600, "windowBuckets");
        requireRange(agentBlockBuckets, 1, 3600, "agentBlockBuckets");
        requireRange(minVolume, 1, Integer.MAX_VALUE, "minVolume");
        requireRate(blockRateThreshold, "blockRateThreshold");
        requireRate(errorRateThreshold, "errorRateThreshold");
        requireRange(judgeFailureThreshold, 0, Integer.MAX_VALUE, "judgeFailureThreshold");
        requireRange(agentBlockCount, 0, Integer.MAX_VALUE, "agentBlockCount");
        Objects.requireNonNull(openDuration, "openDuration");
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive");
        }
        requireRange(halfOpenProbes, 1, Integer.MAX_VALUE, "halfOpenProbes");
        requireRange(closeAfterSuccesses, 1, halfOpenProbes, "closeAfterSuccesses");
        requireRange(maxScopes, 1, Integer.MAX_VALUE, "maxScopes");
    }

    /** The documented defaults. */
    public static BreakerConfig defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static void requireWindow(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException(name + " must be at least 1 second, was " + d);
        }
    }

    private static void requireRange(int v, int min, int max, String name) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + v);
        }
    }

    private static void requireRate(double v, String name) {
        if (!(v > 0.0) || Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number above 0, was " + v);
        }
    }

    /** Builds a {@link BreakerConfig}; every setter takes the unit its field documents. */
    public static final class Builder {
        private Duration window;
        private int windowBuckets;
        private int minVolume;
        private double blockRateThreshold;
        private double errorRateThreshold;
        private int judgeFailureThreshold;
        private int agentBlockCount;
        private Duration agentBlockWindow;
        private int agentBlockBuckets;
        private Duration openDuration;
        private int halfOpenProbes;
        private int closeAfterSuccesses;
        private int maxScopes;

        private Builder(BreakerConfig c) {
            window = c.window;
            windowBuckets = c.windowBuckets;
            minVolume = c.minVolume;
            blockRateThreshold = c.blockRateThreshold;
            errorRateThreshold = c.errorRateThreshold;
            judgeFailureThreshold = c.judgeFailureThreshold;
            agentBlockCount = c.agentBlockCount;
            agentBlockWindow = c.agentBlockWindow;
            agentBlockBuckets = c.agentBlockBuckets;
            openDuration = c.openDuration;
            halfOpenProbes = c.halfOpenProbes;
            closeAfterSuccesses = c.closeAfterSuccesses;
            maxScopes = c.maxScopes;
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

        public Builder blockRateThreshold(double v) {
            blockRateThreshold = v;
            return this;
        }

        public Builder errorRateThreshold(double v) {
            errorRateThreshold = v;
            return this;
        }

        public Builder judgeFailureThreshold(int v) {
            judgeFailureThreshold = v;
            return this;
        }

        public Builder agentBlockCount(int v) {
            agentBlockCount = v;
            return this;
        }

        public Builder agentBlockWindow(Duration v) {
            agentBlockWindow = v;
            return this;
        }

        public Builder agentBlockBuckets(int v) {
            agentBlockBuckets = v;
            return this;
        }

        public Builder openDuration(Duration v) {
            openDuration = v;
            return this;
        }

        public Builder halfOpenProbes(int v) {
            halfOpenProbes = v;
            return this;
        }

        public Builder closeAfterSuccesses(int v) {
            closeAfterSuccesses = v;
            return this;
        }

        public Builder maxScopes(int v) {
            maxScopes = v;
            return this;
        }

        public BreakerConfig build() {
            return new BreakerConfig(
                    window,
                    windowBuckets,
                    minVolume,
                    blockRateThreshold,
                    errorRateThreshold,
                    judgeFailureThreshold,
                    agentBlockCount,
                    agentBlockWindow,
                    agentBlockBuckets,
                    openDuration,
                    halfOpenProbes,
                    closeAfterSuccesses,
                    maxScopes);
        }
    }
}
