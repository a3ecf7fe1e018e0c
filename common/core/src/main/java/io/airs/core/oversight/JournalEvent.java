package io.airs.core.oversight;

import java.time.Instant;

/**
 * One state change of the escalation book, as journalled. Stores plan events, persist them (when
 * durable) and then apply them, so a journal replayed in order rebuilds exactly the same state.
 */
sealed interface JournalEvent {

    String ticket();

    /** A ticket was opened holding {@code held}. */
    record Opened(Escalation escalation, String held) implements JournalEvent {
        @Override
        public String ticket() {
            return escalation.ticket();
        }
    }

    /** A reviewer made the ticket final: APPROVED, DENIED or MODIFIED. */
    record Decided(String ticket, EscalationStatus status, String reviewer, String note, String content, Instant at)
            implements JournalEvent {}

    /** A reviewer moved the ticket to a more urgent queue with a new deadline. */
    record Escalated(String ticket, Severity to, Instant deadline, String reviewer, String note, Instant at)
            implements JournalEvent {}

    /** The ticket's deadline passed while it was open. */
    record Expired(String ticket, Instant at) implements JournalEvent {}
}
