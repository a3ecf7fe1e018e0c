package io.airs.core.breaker;

/** How one call through the enforcement path ended, as the breakers count it. */
public enum Outcome {
    /** The call went through and the upstream answered. */
    SUCCESS,
    /** A guardrail blocked the call. */
    BLOCKED_BY_GUARDRAIL,
    /** The upstream model or tool failed or timed out. */
    UPSTREAM_ERROR,
    /** The judge failed or timed out. */
    JUDGE_FAILURE;

    /** Whether this outcome counts as a failed probe in {@link BreakerState#HALF_OPEN}. */
    public boolean isFailure() {
        return this != SUCCESS;
    }
}
