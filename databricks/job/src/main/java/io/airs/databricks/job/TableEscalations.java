package io.airs.databricks.job;

import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationFilter;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.UnknownTicketException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The escalations one step of the job works on, in memory, for the core's {@code Oversight}: on the
 * executors the tickets a partition opens (later written to the escalations table), on the driver the
 * pending tickets read back from it to apply reviewers' decisions and expire overdue ones. Held
 * content is never kept: the job has already served it, and only its hash is recorded. Single
 * threaded, like the job step that owns it.
 */
final class TableEscalations implements EscalationStore {

    private final Map<String, Escalation> tickets = new LinkedHashMap<>();
    private final List<Escalation> opened = new ArrayList<>();

    /** Adds a ticket read from the escalations table. */
    void load(Escalation e) {
        tickets.put(e.ticket(), e);
    }

    /** The tickets opened since the last call, then forgets them. */
    List<Escalation> drainOpened() {
        List<Escalation> out = List.copyOf(opened);
        opened.clear();
        return out;
    }

    @Override
    public Escalation open(NewEscalation escalation, String heldContent) {
        Objects.requireNonNull(heldContent, "heldContent");
        Escalation e = escalation.toEscalation(EvidenceDraft.hashContent(heldContent));
        tickets.put(e.ticket(), e);
        opened.add(e);
        return e;
    }

    @Override
    public Optional<Escalation> get(String ticket) {
        return Optional.ofNullable(tickets.get(ticket));
    }

    @Override
    public List<Escalation> list(EscalationFilter filter, int limit) {
        return tickets.values().stream()
                .filter(filter::matches)
                .sorted(Comparator.comparing(Escalation::deadline).thenComparing(Escalation::ticket))
                .limit(limit)
                .toList();
    }

    @Override
    public Escalation decide(String ticket, ReviewDecision decision, Instant now) {
        Escalation e = tickets.get(ticket);
        if (e == null) {
            throw new UnknownTicketException(ticket);
        }
        if (!e.isOpen()) {
            throw new AlreadyDecidedException(ticket, e.status());
        }
        if (e.isOverdue(now)) {
            tickets.put(ticket, e.decided(EscalationStatus.EXPIRED, null, null, now, null));
            throw new AlreadyDecidedException(ticket, EscalationStatus.EXPIRED);
        }
        EscalationStatus to = decision.resultingStatus();
        if (to != EscalationStatus.APPROVED && to != EscalationStatus.DENIED) {
            throw new InvalidReviewException("decision", "must be approve or deny in the escalations table");
        }
        Escalation after = e.decided(to, decision.reviewer(), decision.note(), now, null);
        tickets.put(ticket, after);
        return after;
    }

    @Override
    public Optional<String> heldContent(String ticket) {
        return Optional.empty();
    }

    @Override
    public List<Escalation> expire(Instant now) {
        List<Escalation> out = new ArrayList<>();
        for (Escalation e : List.copyOf(tickets.values())) {
            if (e.isOverdue(now)) {
                Escalation x = e.decided(EscalationStatus.EXPIRED, null, null, now, null);
                tickets.put(e.ticket(), x);
                out.add(x);
            }
        }
        return out;
    }
}
