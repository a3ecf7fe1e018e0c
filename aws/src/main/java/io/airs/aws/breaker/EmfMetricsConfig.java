package io.airs.aws.breaker;

import java.util.Objects;

/**
 * How {@link EmfMetrics} names and bounds its metrics.
 *
 * @param namespace the CloudWatch namespace; default {@code AIRS}; 1 to 255 characters, not
 *     starting with {@code :}
 * @param maxSeries distinct (endpoint, agent) pairs kept between two flushes; beyond it further
 *     agents are counted under agent {@code other}, so arbitrary agent names cannot run up metric
 *     cardinality; default 100; 1 to 10000
 */
public record EmfMetricsConfig(String namespace, int maxSeries) {

    private static final EmfMetricsConfig DEFAULTS = new EmfMetricsConfig("AIRS", 100);

    public EmfMetricsConfig {
        Objects.requireNonNull(namespace, "namespace");
        if (namespace.isEmpty() || namespace.length() > 255 || namespace.startsWith(":")) {
            throw new IllegalArgumentException("namespace must be 1 to 255 characters, not starting with ':'");
        }
        if (maxSeries < 1 || maxSeries > 10_000) {
            throw new IllegalArgumentException("maxSeries must be in [1, 10000], was " + maxSeries);
        }
    }

    /** The documented defaults. */
    public static EmfMetricsConfig defaults() {
        return DEFAULTS;
    }
}
