package io.airs.core.oversight;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Which tickets {@link EscalationStore#list} returns. An empty set matches every value.
 *
 * <pre>{@code
 * store.list(EscalationFilter.open().inQueues(Set.of(Severity.CRITICAL)), 50);
 * }</pre>
 *
 * @param statuses the statuses wanted; empty for all
 * @param queues the queues wanted; empty for all
 * @param decidedSince only tickets decided, escalated or expired at or after this instant; null for
 *     no bound (and then undecided tickets match too)
 */
public record EscalationFilter(Set<EscalationStatus> statuses, Set<Severity> queues, Instant decidedSince) {

    public EscalationFilter {
        Objects.requireNonNull(statuses, "statuses");
        Objects.requireNonNull(queues, "queues");
        statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
        queues = queues.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(queues));
    }

    /** Every ticket. */
    public static EscalationFilter all() {
        return new EscalationFilter(Set.of(), Set.of(), null);
    }

    /** Tickets a reviewer can still decide (PENDING and ESCALATED). */
    public static EscalationFilter open() {
        return new EscalationFilter(Set.of(EscalationStatus.PENDING, EscalationStatus.ESCALATED), Set.of(), null);
    }

    /** Tickets with one of {@code wanted} statuses. */
    public static EscalationFilter withStatus(Set<EscalationStatus> wanted) {
        return new EscalationFilter(wanted, Set.of(), null);
    }

    /** This filter restricted to {@code wanted} queues. */
    public EscalationFilter inQueues(Set<Severity> wanted) {
        return new EscalationFilter(statuses, wanted, decidedSince);
    }

    /** This filter restricted to tickets decided at or after {@code since}. */
    public EscalationFilter decidedAtOrAfter(Instant since) {
        return new EscalationFilter(statuses, queues, since);
    }

    /** Whether {@code e} passes. */
    public boolean matches(Escalation e) {
        if (!statuses.isEmpty() && !statuses.contains(e.status())) {
            return false;
        }
        if (!queues.isEmpty() && !queues.contains(e.queue())) {
            return false;
        }
        return decidedSince == null || (e.decidedAt() != null && !e.decidedAt().isBefore(decidedSince));
    }
}
