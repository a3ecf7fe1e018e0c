package io.airs.core.pace;

import java.time.Duration;
import java.util.Objects;

/**
 * A layer's sliding-window figures, which {@link PaceMonitor} measures and {@link PaceMachine}
 * judges.
 *
 * @param calls calls observed in the window (0 or more)
 * @param failures of which failed (0 to {@code calls})
 * @param meanLatency mean latency of those calls; zero when there were none
 */
public record LayerHealth(long calls, long failures, Duration meanLatency) {

    /** No calls at all. */
    public static final LayerHealth NONE = new LayerHealth(0, 0, Duration.ZERO);

    public LayerHealth {
        Objects.requireNonNull(meanLatency, "meanLatency");
        if (calls < 0 || failures < 0 || failures > calls || meanLatency.isNegative()) {
            throw new IllegalArgumentException("need 0 <= failures <= calls and a non-negative latency");
        }
    }

    /** failures / calls, or 0 when there were no calls. */
    public double errorRate() {
        return calls == 0 ? 0.0 : (double) failures / calls;
    }
}
