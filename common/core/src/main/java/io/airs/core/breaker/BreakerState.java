package io.airs.core.breaker;

/** The state of one breaker. */
public enum BreakerState {
    /** Traffic flows; outcomes feed the sliding windows. */
    CLOSED,
    /** Traffic is refused and gets the non-AI fallback. */
    OPEN,
    /** A few probe calls are let through to see whether the cause has gone. */
    HALF_OPEN
}
