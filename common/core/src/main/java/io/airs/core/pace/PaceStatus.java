package io.airs.core.pace;

import java.time.Instant;
import java.util.Objects;

/**
 * The immutable PACE state of one layer, with the streak timers its transitions need.
 *
 * @param state the PACE state
 * @param since when the layer entered {@code state}
 * @param reason reason code of the last transition ({@code error_rate}, {@code latency}, {@code
 *     unresponsive}, {@code still_failing}, {@code recovered}); empty at start
 * @param unhealthySince start of the current unbroken run of unhealthy verdicts, or null
 * @param healthySince start of the current unbroken run of healthy verdicts, or null
 * @param failingSince the first failed call since the last successful one, or null
 * @param baselineNanos the learnt latency baseline (exponentially weighted mean of healthy calls in
 *     PRIMARY), in nanoseconds; 0 until the first such call
 */
public record PaceStatus(
        PaceState state,
        Instant since,
        String reason,
        Instant unhealthySince,
        Instant healthySince,
        Instant failingSince,
        double baselineNanos) {

    public PaceStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        reason = reason == null ? "" : reason;
        if (!(baselineNanos >= 0) || Double.isInfinite(baselineNanos)) {
            throw new IllegalArgumentException("baselineNanos must be finite and not negative");
        }
    }

    /** A layer in PRIMARY since {@code since}, with nothing learnt yet. */
    public static PaceStatus initial(Instant since) {
        return new PaceStatus(PaceState.PRIMARY, since, "", null, null, null, 0.0);
    }
}
