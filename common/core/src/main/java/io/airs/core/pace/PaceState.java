package io.airs.core.pace;

/** A layer's PACE state, from normal operation to its last resort. */
public enum PaceState {
    /** Normal operation. */
    PRIMARY,
    /** Degraded (sustained errors or latency): the layer's alternate path is in use. */
    ALTERNATE,
    /** Unresponsive: the contingency path (and the tier's fail posture) applies. */
    CONTINGENCY,
    /** Still failing after the contingency period: last resort; two layers here trip the global breaker. */
    EMERGENCY
}
