package io.airs.core.breaker;

import java.time.Instant;
import java.util.Objects;

/**
 * The breaker state machine as one pure function of (status, event, now, config). It keeps no
 * state and reads no clock; callers apply its result under their own lock. Every result is checked
 * against {@link BreakerTransition}, so an edge missing from that table can never be taken.
 *
 * <pre>{@code
 * BreakerStep step = BreakerMachine.next(status, BreakerEvent.admit(), now, config);
 * if (!step.admitted()) return fallback();
 * }</pre>
 */
public final class BreakerMachine {

    private BreakerMachine() {}

    /**
     * Applies {@code event} to {@code current}.
     *
     * @throws IllegalStateException if the result would be a transition the table does not list
     */
    public static BreakerStep next(BreakerStatus current, BreakerEvent event, Instant now, BreakerConfig cfg) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(cfg, "cfg");
        BreakerEvent.Type type = event.type();
        BreakerStatus next = current;
        boolean admitted = false;
        switch (current.state()) {
            case CLOSED -> {
                switch (type) {
                    case TRIP -> next = open(BreakerSource.AUTOMATIC, false, or(event.reason(), "trip"), now);
                    case HOLD -> next = open(BreakerSource.AUTOMATIC, true, or(event.reason(), "hold"), now);
                    case MANUAL_OPEN -> next = open(BreakerSource.MANUAL, false, or(event.reason(), "manual"), now);
                    case ADMIT -> admitted = true;
                    default -> {}
                }
            }
            case OPEN -> {
                switch (type) {
                    case MANUAL_CLOSE -> next = closed(BreakerSource.MANUAL, or(event.reason(), "manual"), now);
                    case RELEASE -> {
                        if (current.held()) {
                            next = closed(BreakerSource.AUTOMATIC, or(event.reason(), "released"), now);
                        }
                    }
                    case MANUAL_OPEN -> {
                        if (current.source() != BreakerSource.MANUAL) {
                            // A person taking over keeps the original opening time.
                            next = new BreakerStatus(
                                    BreakerState.OPEN,
                                    BreakerSource.MANUAL,
                                    or(event.reason(), "manual"),
                                    current.since(),
                                    false,
                                    0,
                                    0);
                        }
                    }
                    case HOLD -> {
                        if (current.source() == BreakerSource.AUTOMATIC && !current.held()) {
                            next = new BreakerStatus(
                                    BreakerState.OPEN,
                                    BreakerSource.AUTOMATIC,
                                    or(event.reason(), "hold"),
                                    current.since(),
                                    true,
                                    0,
                                    0);
                        }
                    }
                    case TICK -> {
                        if (openTimeOver(current, now, cfg)) {
                            next = halfOpen(current.reason(), now, 0);
                        }
                    }
                    case ADMIT -> {
                        if (openTimeOver(current, now, cfg)) {
                            next = halfOpen(current.reason(), now, 1);
                            admitted = true;
                        }
                    }
                    default -> {}
                }
            }
            case HALF_OPEN -> {
                switch (type) {
                    case SUCCESS -> {
                        // Only outcomes of admitted probes count; a late success from before the trip does not.
                        if (current.probeSuccesses() < current.probesAdmitted()) {
                            int successes = current.probeSuccesses() + 1;
                            next = successes >= cfg.closeAfterSuccesses()
                                    ? closed(BreakerSource.AUTOMATIC, "probes_succeeded", now)
                                    : new BreakerStatus(
                                            BreakerState.HALF_OPEN,
                                            current.source(),
                                            current.reason(),
                                            current.since(),
                                            false,
                                            current.probesAdmitted(),
                                            successes);
                        }
                    }
                    case BLOCKED, UPSTREAM_ERROR, JUDGE_FAILURE ->
                        next = open(BreakerSource.AUTOMATIC, false, "probe_failed", now);
                    case TRIP -> next = open(BreakerSource.AUTOMATIC, false, or(event.reason(), "trip"), now);
                    case HOLD -> next = open(BreakerSource.AUTOMATIC, true, or(event.reason(), "hold"), now);
                    case MANUAL_OPEN -> next = open(BreakerSource.MANUAL, false, or(event.reason(), "manual"), now);
                    case MANUAL_CLOSE -> next = closed(BreakerSource.MANUAL, or(event.reason(), "manual"), now);
                    case ADMIT -> {
                        if (current.probesAdmitted() < cfg.halfOpenProbes()) {
                            next = new BreakerStatus(
                                    BreakerState.HALF_OPEN,
                                    current.source(),
                                    current.reason(),
                                    current.since(),
                                    false,
                                    current.probesAdmitted() + 1,
                                    current.probeSuccesses());
                            admitted = true;
                        }
                    }
                    case TICK -> {
                        // Probes whose outcome never arrives must not wedge the breaker half-open.
                        if (current.probesAdmitted() >= cfg.halfOpenProbes()
                                && !now.isBefore(current.since().plus(cfg.openDuration()))) {
                            next = open(BreakerSource.AUTOMATIC, false, "probe_timeout", now);
                        }
                    }
                    case RELEASE -> {}
                }
            }
        }
        BreakerState to = next.state();
        BreakerTransition edge = BreakerTransition.find(current.state(), type, to)
                .orElseThrow(() -> new IllegalStateException(
                        "illegal breaker transition " + current.state() + " --" + type + "--> " + to));
        boolean changed = current.state() != to || current.source() != next.source() || current.held() != next.held();
        return new BreakerStep(next, edge, changed, changed ? next.reason() : "", admitted);
    }

    /** Whether an OPEN breaker may move on to probing: automatic, not held, and its time is over. */
    static boolean openTimeOver(BreakerStatus s, Instant now, BreakerConfig cfg) {
        return s.state() == BreakerState.OPEN
                && s.source() == BreakerSource.AUTOMATIC
                && !s.held()
                && !now.isBefore(s.since().plus(cfg.openDuration()));
    }

    private static BreakerStatus open(BreakerSource source, boolean held, String reason, Instant now) {
        return new BreakerStatus(BreakerState.OPEN, source, reason, now, held, 0, 0);
    }

    private static BreakerStatus closed(BreakerSource source, String reason, Instant now) {
        return new BreakerStatus(BreakerState.CLOSED, source, reason, now, false, 0, 0);
    }

    private static BreakerStatus halfOpen(String reason, Instant now, int probes) {
        return new BreakerStatus(BreakerState.HALF_OPEN, BreakerSource.AUTOMATIC, reason, now, false, probes, 0);
    }

    private static String or(String reason, String fallback) {
        return reason.isEmpty() ? fallback : reason;
    }
}
