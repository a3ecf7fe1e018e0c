package io.airs.core.breaker;

import java.util.Objects;

/**
 * The result of applying one event to a breaker.
 *
 * @param status the breaker's new status (the same instance when nothing changed)
 * @param transition the table edge that was taken
 * @param changed whether the state, source or hold changed, which is what earns an evidence record
 * @param reason why: the reason of the new status when {@code changed}, otherwise empty
 * @param admitted for {@link BreakerEvent.Type#ADMIT}: whether the call may pass; false otherwise
 */
public record BreakerStep(
        BreakerStatus status, BreakerTransition transition, boolean changed, String reason, boolean admitted) {

    public BreakerStep {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(transition, "transition");
        reason = reason == null ? "" : reason;
    }
}
