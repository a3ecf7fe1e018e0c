package io.airs.core.judge;

/**
 * What {@link JudgeCascade} concludes when the LLM judge fails ({@link JudgeException}): the
 * policy's fail posture for the judge layer.
 */
public enum FailPosture {
    /** Fail open to the classifier judge's verdict (suits LOW and MEDIUM tiers). */
    USE_CLASSIFIER,
    /** Mark the content for review at sampling priority. */
    REVIEW,
    /** Fail closed: escalate to a person (HIGH and CRITICAL tiers). */
    ESCALATE
}
