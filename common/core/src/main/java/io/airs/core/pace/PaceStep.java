package io.airs.core.pace;

import java.util.Objects;

/**
 * The result of one {@link PaceMachine#next} call.
 *
 * @param status the layer's new status
 * @param transition the table edge taken
 * @param verdict how the layer looked at this signal
 * @param changed whether the PACE state changed
 * @param reason the transition's reason code when {@code changed}, otherwise empty
 */
public record PaceStep(
        PaceStatus status, PaceTransition transition, PaceVerdict verdict, boolean changed, String reason) {

    public PaceStep {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(transition, "transition");
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
    }
}
