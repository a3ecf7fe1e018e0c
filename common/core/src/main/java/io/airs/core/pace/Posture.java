package io.airs.core.pace;

/** What the enforcement path does about a layer in a given PACE state at a given risk tier. */
public enum Posture {
    /** The layer works normally. */
    NORMAL,
    /** Use the layer's alternate path (for the judge: the alternate judge model). */
    USE_ALTERNATE,
    /** Go on without the layer, and record in evidence that it was skipped. */
    FAIL_OPEN_LOGGED,
    /** Do not go on: block or escalate, as {@link PacePolicy#failClosedAction()} says. */
    FAIL_CLOSED
}
