package io.airs.core.oversight;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link ReviewQuality} flags a reviewer as possibly rubber-stamping: approval rate at or above
 * {@code minApprovalRate} AND median decision time below {@code maxMedianDecisionTime}, over at least
 * {@code minDecisions} decisions within {@code window}. All three must hold, so a careful reviewer
 * who approves most tickets, or a fast one who denies, is not flagged.
 *
 * @param window the rolling window of decisions considered, ending at the report time; positive,
 *     default 7 days
 * @param minDecisions the fewest decisions in the window before any flag; at least 1, default 20
 * @param minApprovalRate approval rate (approvals / decisions) at or above which a reviewer may be
 *     flagged; in [0, 1], default 0.95
 * @param maxMedianDecisionTime median decision time (decidedAt - createdAt) below which a reviewer
 *     may be flagged; positive, default 30 s
 */
public record RubberStampConfig(
        Duration window, int minDecisions, double minApprovalRate, Duration maxMedianDecisionTime) {

    public RubberStampConfig {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(maxMedianDecisionTime, "maxMedianDecisionTime");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive");
        }
        if (minDecisions < 1) {
            throw new IllegalArgumentException("minDecisions must be at least 1");
        }
        if (!(minApprovalRate >= 0.0 && minApprovalRate <= 1.0)) {
            throw new IllegalArgumentException("minApprovalRate " + minApprovalRate + " outside [0, 1]");
        }
        if (maxMedianDecisionTime.isNegative() || maxMedianDecisionTime.isZero()) {
            throw new IllegalArgumentException("maxMedianDecisionTime must be positive");
        }
    }

    /** 7-day window, at least 20 decisions, approval rate >= 0.95, median decision time < 30 s. */
    public static RubberStampConfig defaults() {
        return new RubberStampConfig(Duration.ofDays(7), 20, 0.95, Duration.ofSeconds(30));
    }
}
