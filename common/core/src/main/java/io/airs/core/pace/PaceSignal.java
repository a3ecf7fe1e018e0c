package io.airs.core.pace;

import java.time.Duration;
import java.util.Objects;

/**
 * One input to {@link PaceMachine#next}: a call the layer made (its latency and whether it
 * succeeded) or time passing, each with the layer's window figures at that moment.
 *
 * @param type an observed call or a tick
 * @param latency the call's latency; zero for a tick
 * @param ok whether the call succeeded; true for a tick
 * @param health the window's figures including this call
 */
public record PaceSignal(Type type, Duration latency, boolean ok, LayerHealth health) {

    /** Observed call or time passing. */
    public enum Type {
        OBSERVATION,
        TICK
    }

    public PaceSignal {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(health, "health");
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative");
        }
    }

    /** One call of the layer. */
    public static PaceSignal observation(Duration latency, boolean ok, LayerHealth health) {
        return new PaceSignal(Type.OBSERVATION, latency, ok, health);
    }

    /** Time passing. */
    public static PaceSignal tick(LayerHealth health) {
        return new PaceSignal(Type.TICK, Duration.ZERO, true, health);
    }
}
