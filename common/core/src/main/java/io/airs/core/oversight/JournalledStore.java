package io.airs.core.oversight;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store logic both local stores share: every change is planned on the {@link EscalationBook} as
 * journal events, handed to {@link #persist} (nothing in memory, an fsynced append on file), and only
 * then applied, all under one lock.
 */
abstract class JournalledStore implements EscalationStore {

    final ReentrantLock lock = new ReentrantLock();
    final EscalationBook book;

    JournalledStore(EscalationBook book) {
        this.book = Objects.requireNonNull(book, "book");
    }

    /** Makes {@code events} durable before they take effect; called under the lock. */
    abstract void persist(List<JournalEvent> events);

    @Override
    public Escalation open(NewEscalation escalation, String heldContent) {
        Objects.requireNonNull(escalation, "escalation");
        lock.lock();
        try {
            JournalEvent event = book.planOpen(escalation, heldContent);
            persist(List.of(event));
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
                persist(List.of(plan.event()));
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
            if (events.isEmpty()) {
                return List.of();
            }
            persist(events);
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
