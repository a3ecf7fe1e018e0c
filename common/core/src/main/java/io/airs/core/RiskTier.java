package io.airs.core;

/**
 * The risk tier of an AI system, which selects controls, fail posture, judge sampling rate, review
 * SLA and evidence retention.
 */
public enum RiskTier {
    LOW,
    MEDIUM,
    HIGH,
    CRITICAL;

    /** Whether a degraded control fails closed at this tier (HIGH and CRITICAL do). */
    public boolean failsClosed() {
        return this == HIGH || this == CRITICAL;
    }
}
