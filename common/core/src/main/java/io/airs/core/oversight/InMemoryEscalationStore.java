package io.airs.core.oversight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EscalationStore} in memory, for tests and single-process use where losing pending
 * tickets on restart is acceptable. Thread-safe.
 */
public final class InMemoryEscalationStore implements EscalationStore {

    private final ReentrantLock lock = new ReentrantLock();
    private final EscalationBook book;

    /** A store using {@code config}'s SLAs for ESCALATE decisions. */
    public InMemoryEscalationStore(OversightConfig config) {
        this.book = new EscalationBook(Objects.requireNonNull(config, "config"));
    }

    /** A store with {@link OversightConfig#defaults()}. */
    public InMemoryEscalationStore() {
        this(OversightConfig.defaults());
    }

    @Override
    public Escalation open(NewEscalation escalation, String heldContent) {
        Objects.requireNonNull(escalation, "escalation");
        lock.lock();
        try {
            JournalEvent event = book.planOpen(escalation, heldContent);
            book.apply(event);
            return book.require(escalation.ticket());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<Escalation> get(String ticket) {
        lock.lock();
        try {
            return book.get(ticket);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Escalation> list(EscalationFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        lock.lock();
        try {
            return book.list(filter, limit);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Escalation decide(String ticket, ReviewDecision decision, Instant now) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            EscalationBook.DecisionPlan plan = book.planDecide(ticket, decision, now);
            if (plan.event() != null) {
                book.apply(plan.event());
            }
            if (plan.expiredInstead()) {
                throw new AlreadyDecidedException(ticket, EscalationStatus.EXPIRED);
            }
            return book.require(ticket);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<String> heldContent(String ticket) {
        lock.lock();
        try {
            return book.heldContent(ticket);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Escalation> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            List<JournalEvent> events = book.planExpire(now);
            List<Escalation> out = new ArrayList<>(events.size());
            for (JournalEvent e : events) {
                book.apply(e);
                out.add(book.require(e.ticket()));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }
}
