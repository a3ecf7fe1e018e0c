package io.airs.core.breaker;

import static io.airs.core.breaker.BreakerEvent.Type.ADMIT;
import static io.airs.core.breaker.BreakerEvent.Type.BLOCKED;
import static io.airs.core.breaker.BreakerEvent.Type.HOLD;
import static io.airs.core.breaker.BreakerEvent.Type.JUDGE_FAILURE;
import static io.airs.core.breaker.BreakerEvent.Type.MANUAL_CLOSE;
import static io.airs.core.breaker.BreakerEvent.Type.MANUAL_OPEN;
import static io.airs.core.breaker.BreakerEvent.Type.RELEASE;
import static io.airs.core.breaker.BreakerEvent.Type.SUCCESS;
import static io.airs.core.breaker.BreakerEvent.Type.TICK;
import static io.airs.core.breaker.BreakerEvent.Type.TRIP;
import static io.airs.core.breaker.BreakerEvent.Type.UPSTREAM_ERROR;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The only legal breaker transitions: each constant is one (from, to) edge with the events that
 * may take it. {@link BreakerMachine#next} refuses to produce anything not listed here.
 *
 * <table>
 *   <caption>Breaker transitions</caption>
 *   <tr><th>from</th><th>to</th><th>events</th></tr>
 *   <tr><td>CLOSED</td><td>CLOSED</td><td>outcomes, admit, tick, manual close, release</td></tr>
 *   <tr><td>CLOSED</td><td>OPEN</td><td>trip, hold, manual open</td></tr>
 *   <tr><td>OPEN</td><td>OPEN</td><td>everything but manual close (release only if not held)</td></tr>
 *   <tr><td>OPEN</td><td>HALF_OPEN</td><td>tick, admit (automatic, not held, open duration passed)</td></tr>
 *   <tr><td>OPEN</td><td>CLOSED</td><td>manual close, release (held only)</td></tr>
 *   <tr><td>HALF_OPEN</td><td>HALF_OPEN</td><td>success, admit, tick, release</td></tr>
 *   <tr><td>HALF_OPEN</td><td>OPEN</td><td>failed outcome, trip, hold, manual open, tick (probes timed out)</td></tr>
 *   <tr><td>HALF_OPEN</td><td>CLOSED</td><td>success (enough probes), manual close</td></tr>
 * </table>
 */
public enum BreakerTransition {
    CLOSED_STAYS_CLOSED(
            BreakerState.CLOSED,
            BreakerState.CLOSED,
            EnumSet.of(SUCCESS, BLOCKED, UPSTREAM_ERROR, JUDGE_FAILURE, ADMIT, TICK, MANUAL_CLOSE, RELEASE)),
    CLOSED_OPENS(BreakerState.CLOSED, BreakerState.OPEN, EnumSet.of(TRIP, HOLD, MANUAL_OPEN)),
    OPEN_STAYS_OPEN(
            BreakerState.OPEN,
            BreakerState.OPEN,
            EnumSet.of(SUCCESS, BLOCKED, UPSTREAM_ERROR, JUDGE_FAILURE, ADMIT, TICK, TRIP, HOLD, MANUAL_OPEN, RELEASE)),
    OPEN_HALF_OPENS(BreakerState.OPEN, BreakerState.HALF_OPEN, EnumSet.of(TICK, ADMIT)),
    OPEN_CLOSES(BreakerState.OPEN, BreakerState.CLOSED, EnumSet.of(MANUAL_CLOSE, RELEASE)),
    HALF_OPEN_STAYS(BreakerState.HALF_OPEN, BreakerState.HALF_OPEN, EnumSet.of(SUCCESS, ADMIT, TICK, RELEASE)),
    HALF_OPEN_REOPENS(
            BreakerState.HALF_OPEN,
            BreakerState.OPEN,
            EnumSet.of(BLOCKED, UPSTREAM_ERROR, JUDGE_FAILURE, TRIP, HOLD, MANUAL_OPEN, TICK)),
    HALF_OPEN_CLOSES(BreakerState.HALF_OPEN, BreakerState.CLOSED, EnumSet.of(SUCCESS, MANUAL_CLOSE));

    private final BreakerState from;
    private final BreakerState to;
    private final Set<BreakerEvent.Type> events;

    BreakerTransition(BreakerState from, BreakerState to, Set<BreakerEvent.Type> events) {
        this.from = from;
        this.to = to;
        this.events = events;
    }

    public BreakerState from() {
        return from;
    }

    public BreakerState to() {
        return to;
    }

    /** The events that may take this edge (an unmodifiable view). */
    public Set<BreakerEvent.Type> events() {
        return Collections.unmodifiableSet(events);
    }

    /** The listed edge for (from, event, to), if the table has one. */
    public static Optional<BreakerTransition> find(BreakerState from, BreakerEvent.Type event, BreakerState to) {
        for (BreakerTransition t : values()) {
            if (t.from == from && t.to == to && t.events.contains(event)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
