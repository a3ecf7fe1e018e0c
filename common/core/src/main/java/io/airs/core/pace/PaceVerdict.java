package io.airs.core.pace;

import java.util.Locale;

/** How a layer looks at one moment, judged from its sliding window. */
public enum PaceVerdict {
    /** Calls in the window, error rate and latency within their thresholds. */
    HEALTHY,
    /** Enough calls, and the error rate is above its threshold. */
    ERROR_RATE,
    /** Enough calls, and the mean latency is above its factor times the baseline. */
    LATENCY,
    /** No successful call for the unresponsive period while calls keep failing. */
    UNRESPONSIVE,
    /** No calls, or too few to judge a worrying figure: neither healthy nor unhealthy. */
    UNKNOWN;

    /** Whether this verdict counts against the layer. */
    public boolean unhealthy() {
        return this == ERROR_RATE || this == LATENCY || this == UNRESPONSIVE;
    }

    /** The reason code used in transitions and evidence, such as {@code error_rate}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
