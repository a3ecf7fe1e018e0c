package io.airs.core.breaker;

import java.util.Objects;

/**
 * Something that happens to one breaker: a call outcome, an admission request, an automatic trip,
 * a hold or release by another control (PACE), a person opening or closing it, or time passing.
 *
 * @param type what happened
 * @param reason a short reason code or a person's note; may be empty, never null
 */
public record BreakerEvent(Type type, String reason) {

    /** The kinds of event {@link BreakerMachine#next} understands. */
    public enum Type {
        /** A call succeeded. */
        SUCCESS,
        /** A guardrail blocked a call. */
        BLOCKED,
        /** The upstream failed. */
        UPSTREAM_ERROR,
        /** The judge failed. */
        JUDGE_FAILURE,
        /** A call asks to pass: answered by {@link BreakerStep#admitted()}. */
        ADMIT,
        /** A trip rule fired: open for the configured open duration, then probe. */
        TRIP,
        /** Another control (PACE) opens the breaker and holds it open until it releases it. */
        HOLD,
        /** The holding control lets go: a held breaker closes, any other is left alone. */
        RELEASE,
        /** A person opens the breaker; it stays open until a person closes it. */
        MANUAL_OPEN,
        /** A person closes the breaker. */
        MANUAL_CLOSE,
        /** Time passes. */
        TICK;

        /** Whether this is a call outcome that counts as a failure. */
        public boolean isFailedOutcome() {
            return this == BLOCKED || this == UPSTREAM_ERROR || this == JUDGE_FAILURE;
        }
    }

    private static final BreakerEvent TICK = new BreakerEvent(Type.TICK, "");
    private static final BreakerEvent ADMIT = new BreakerEvent(Type.ADMIT, "");

    public BreakerEvent {
        Objects.requireNonNull(type, "type");
        reason = reason == null ? "" : reason;
    }

    /** The event for one call outcome. */
    public static BreakerEvent of(Outcome outcome) {
        return new BreakerEvent(
                switch (outcome) {
                    case SUCCESS -> Type.SUCCESS;
                    case BLOCKED_BY_GUARDRAIL -> Type.BLOCKED;
                    case UPSTREAM_ERROR -> Type.UPSTREAM_ERROR;
                    case JUDGE_FAILURE -> Type.JUDGE_FAILURE;
                },
                "");
    }

    /** Time passes. */
    public static BreakerEvent tick() {
        return TICK;
    }

    /** A call asks to pass. */
    public static BreakerEvent admit() {
        return ADMIT;
    }

    /** A trip rule fired, with its reason code (such as {@code block_rate}). */
    public static BreakerEvent trip(String reason) {
        return new BreakerEvent(Type.TRIP, reason);
    }

    /** Another control opens and holds the breaker. */
    public static BreakerEvent hold(String reason) {
        return new BreakerEvent(Type.HOLD, reason);
    }

    /** The holding control releases the breaker. */
    public static BreakerEvent release(String reason) {
        return new BreakerEvent(Type.RELEASE, reason);
    }

    /** A person opens the breaker. */
    public static BreakerEvent manualOpen(String reason) {
        return new BreakerEvent(Type.MANUAL_OPEN, reason);
    }

    /** A person closes the breaker. */
    public static BreakerEvent manualClose(String reason) {
        return new BreakerEvent(Type.MANUAL_CLOSE, reason);
    }
}
