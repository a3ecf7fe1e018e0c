package io.airs.core.oversight;

import io.airs.core.evidence.EvidenceDraft;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The state both stores share: tickets, held payloads and the open tickets by deadline. Not
 * thread-safe; each store guards it with its own lock. Planning never changes state; only {@link
 * #apply} does, and it is deterministic, which is what makes journal replay exact.
 */
final class EscalationBook {

    static final Comparator<Escalation> BY_DEADLINE =
            Comparator.comparing(Escalation::deadline).thenComparing(Escalation::ticket);

    private record OpenKey(Instant deadline, String ticket) implements Comparable<OpenKey> {
        @Override
        public int compareTo(OpenKey o) {
            int c = deadline.compareTo(o.deadline);
            return c != 0 ? c : ticket.compareTo(o.ticket);
        }
    }

    /** What a decision will do: persist and apply {@code event} (if any), then return or throw. */
    record DecisionPlan(JournalEvent event, boolean expiredInstead) {}

    private final OversightConfig config;
    private final Map<String, Escalation> tickets = new HashMap<>();
    private final Map<String, String> held = new HashMap<>();
    private final TreeSet<OpenKey> open = new TreeSet<>();

    EscalationBook(OversightConfig config) {
        this.config = config;
    }

    JournalEvent planOpen(NewEscalation n, String heldContent) {
        if (heldContent == null) {
            throw new NullPointerException("heldContent");
        }
        if (tickets.containsKey(n.ticket())) {
            throw new IllegalArgumentException("ticket " + n.ticket() + " already exists");
        }
        return new JournalEvent.Opened(n.toEscalation(EvidenceDraft.hashContent(heldContent)), heldContent);
    }

    DecisionPlan planDecide(String ticket, ReviewDecision decision, Instant now) {
        Escalation e = tickets.get(ticket);
        if (e == null) {
            throw new UnknownTicketException(ticket);
        }
        if (!e.isOpen()) {
            if (decision.sameAs(e)) {
                return new DecisionPlan(null, false);
            }
            throw new AlreadyDecidedException(ticket, e.status());
        }
        if (e.isOverdue(now)) {
            return new DecisionPlan(new JournalEvent.Expired(ticket, now), true);
        }
        JournalEvent event = switch (decision.decision()) {
            case ESCALATE -> {
                if (e.queue() == Severity.CRITICAL) {
                    throw new InvalidReviewException("decision", "a critical ticket cannot move to a higher queue");
                }
                Severity to = e.queue().higher();
                yield new JournalEvent.Escalated(
                        ticket, to, now.plus(config.sla(to)), decision.reviewer(), decision.note(), now);
            }
            case APPROVE, DENY, MODIFY ->
                new JournalEvent.Decided(
                        ticket,
                        decision.resultingStatus(),
                        decision.reviewer(),
                        decision.note(),
                        decision.content(),
                        now);
        };
        return new DecisionPlan(event, false);
    }

    List<JournalEvent> planExpire(Instant now) {
        List<JournalEvent> out = new ArrayList<>();
        for (OpenKey k : open) {
            if (!now.isAfter(k.deadline())) {
                break;
            }
            out.add(new JournalEvent.Expired(k.ticket(), now));
        }
        return out;
    }

    /**
     * Applies one event.
     *
     * @throws IllegalStateException when the event does not fit the current state (only a corrupt
     *     journal can cause that, since planned events always fit)
     */
    void apply(JournalEvent event) {
        switch (event) {
            case JournalEvent.Opened o -> {
                Escalation e = o.escalation();
                if (tickets.containsKey(e.ticket())) {
                    throw new IllegalStateException("ticket " + e.ticket() + " opened twice");
                }
                if (e.status() != EscalationStatus.PENDING) {
                    throw new IllegalStateException("ticket " + e.ticket() + " opened as " + e.status());
                }
                tickets.put(e.ticket(), e);
                held.put(e.ticket(), o.held());
                open.add(new OpenKey(e.deadline(), e.ticket()));
            }
            case JournalEvent.Decided d -> {
                Escalation e = requireOpen(d.ticket());
                if (d.status() != EscalationStatus.APPROVED
                        && d.status() != EscalationStatus.DENIED
                        && d.status() != EscalationStatus.MODIFIED) {
                    throw new IllegalStateException("ticket " + d.ticket() + " decided as " + d.status());
                }
                if ((d.status() == EscalationStatus.MODIFIED) != (d.content() != null)) {
                    throw new IllegalStateException("ticket " + d.ticket() + " has content only if modified");
                }
                open.remove(new OpenKey(e.deadline(), e.ticket()));
                tickets.put(e.ticket(), e.decided(d.status(), d.reviewer(), d.note(), d.at(), d.content()));
                if (d.status() != EscalationStatus.APPROVED) {
                    // Nobody may receive it any more, so it is not kept.
                    held.remove(e.ticket());
                }
            }
            case JournalEvent.Escalated x -> {
                Escalation e = requireOpen(x.ticket());
                open.remove(new OpenKey(e.deadline(), e.ticket()));
                tickets.put(e.ticket(), e.moved(x.to(), x.deadline(), x.reviewer(), x.note(), x.at()));
                open.add(new OpenKey(x.deadline(), e.ticket()));
            }
            case JournalEvent.Expired x -> {
                Escalation e = requireOpen(x.ticket());
                open.remove(new OpenKey(e.deadline(), e.ticket()));
                tickets.put(e.ticket(), e.decided(EscalationStatus.EXPIRED, null, null, x.at(), null));
                held.remove(e.ticket());
            }
        }
    }

    private Escalation requireOpen(String ticket) {
        Escalation e = tickets.get(ticket);
        if (e == null) {
            throw new IllegalStateException("ticket " + ticket + " is not known");
        }
        if (!e.isOpen()) {
            throw new IllegalStateException("ticket " + ticket + " is already " + e.status());
        }
        return e;
    }

    Optional<Escalation> get(String ticket) {
        return Optional.ofNullable(tickets.get(ticket));
    }

    Escalation require(String ticket) {
        Escalation e = tickets.get(ticket);
        if (e == null) {
            throw new UnknownTicketException(ticket);
        }
        return e;
    }

    List<Escalation> list(EscalationFilter filter, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        List<Escalation> out = new ArrayList<>();
        for (Escalation e : tickets.values()) {
            if (filter.matches(e)) {
                out.add(e);
            }
        }
        out.sort(BY_DEADLINE);
        return out.size() > limit ? List.copyOf(out.subList(0, limit)) : List.copyOf(out);
    }

    Optional<String> heldContent(String ticket) {
        return Optional.ofNullable(held.get(ticket));
    }

    int size() {
        return tickets.size();
    }
}
