package io.airs.core.pace;

import static io.airs.core.pace.PaceState.ALTERNATE;
import static io.airs.core.pace.PaceState.CONTINGENCY;
import static io.airs.core.pace.PaceState.EMERGENCY;
import static io.airs.core.pace.PaceState.PRIMARY;

import java.util.Optional;

/**
 * The only legal PACE transitions, each with the trigger that takes it. {@link PaceMachine#next}
 * refuses to produce anything not listed here. Degradation moves forward (PRIMARY to ALTERNATE on a
 * sustained error rate or latency, PRIMARY or ALTERNATE to CONTINGENCY when unresponsive,
 * CONTINGENCY to EMERGENCY when still failing); recovery moves back exactly one step.
 */
public enum PaceTransition {
    PRIMARY_HOLDS(PRIMARY, PRIMARY, Trigger.NONE),
    PRIMARY_DEGRADES(PRIMARY, ALTERNATE, Trigger.SUSTAINED_DEGRADATION),
    PRIMARY_UNRESPONSIVE(PRIMARY, CONTINGENCY, Trigger.UNRESPONSIVE),
    ALTERNATE_HOLDS(ALTERNATE, ALTERNATE, Trigger.NONE),
    ALTERNATE_UNRESPONSIVE(ALTERNATE, CONTINGENCY, Trigger.UNRESPONSIVE),
    ALTERNATE_RECOVERS(ALTERNATE, PRIMARY, Trigger.RECOVERED),
    CONTINGENCY_HOLDS(CONTINGENCY, CONTINGENCY, Trigger.NONE),
    CONTINGENCY_STILL_FAILING(CONTINGENCY, EMERGENCY, Trigger.STILL_FAILING),
    CONTINGENCY_RECOVERS(CONTINGENCY, ALTERNATE, Trigger.RECOVERED),
    EMERGENCY_HOLDS(EMERGENCY, EMERGENCY, Trigger.NONE),
    EMERGENCY_RECOVERS(EMERGENCY, CONTINGENCY, Trigger.RECOVERED);

    /** Why a transition is taken. */
    public enum Trigger {
        /** Nothing warrants a change. */
        NONE,
        /** Error rate or latency above threshold for the sustain period. */
        SUSTAINED_DEGRADATION,
        /** No successful call for the unresponsive period while calls fail. */
        UNRESPONSIVE,
        /** Unhealthy throughout the emergency period since entering CONTINGENCY. */
        STILL_FAILING,
        /** Healthy for the recovery window since entering the state. */
        RECOVERED
    }

    private final PaceState from;
    private final PaceState to;
    private final Trigger trigger;

    PaceTransition(PaceState from, PaceState to, Trigger trigger) {
        this.from = from;
        this.to = to;
        this.trigger = trigger;
    }

    public PaceState from() {
        return from;
    }

    public PaceState to() {
        return to;
    }

    public Trigger trigger() {
        return trigger;
    }

    /** The listed edge for (from, trigger, to), if the table has one. */
    public static Optional<PaceTransition> find(PaceState from, Trigger trigger, PaceState to) {
        for (PaceTransition t : values()) {
            if (t.from == from && t.to == to && t.trigger == trigger) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
