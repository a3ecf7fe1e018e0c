package io.airs.azure.oversight;

import io.airs.core.oversight.Escalation;
import java.util.Locale;
import java.util.Objects;

/**
 * What became of one reviewer decision message (see {@link DecisionMessages#apply}). A message whose
 * failure retrying could cure never becomes a result: {@code apply} throws instead, so the Functions
 * host retries it and, after {@code maxDequeueCount}, moves it to the poison queue.
 *
 * @param status applied, a duplicate of one already applied, or rejected for good
 * @param messageId the queue message id, or null when the caller did not give it
 * @param ticket the ticket the message names, or null when it names none readable
 * @param reason why it was rejected; null unless {@link Status#REJECTED}
 * @param detail a short explanation that never quotes the message (field names, statuses only)
 * @param escalation the ticket after the message: as decided, or as it already was; null when
 *     rejected
 */
public record DecisionResult(
        Status status, String messageId, String ticket, Reason reason, String detail, Escalation escalation) {

    /** The fate of a message. */
    public enum Status {
        /** The decision changed the ticket (and an evidence record was written). */
        APPLIED,
        /** The ticket already is what this decision makes it (a redelivery): nothing changed. */
        DUPLICATE,
        /** The decision can never apply: retrying would not help, so the message must not come back. */
        REJECTED
    }

    /** Why a message was rejected. */
    public enum Reason {
        /** Not JSON, not an object, too long, or no readable ticket id. */
        MALFORMED,
        /** A field is missing or wrong, such as an unknown decision or escalating a critical ticket. */
        INVALID_FIELD,
        /** No such ticket. */
        UNKNOWN_TICKET,
        /** The ticket is final with a different decision. */
        ALREADY_DECIDED,
        /** The ticket passed its deadline and was denied (now, or before). */
        EXPIRED;

        /** The name in logs and poison messages, such as {@code unknown_ticket}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DecisionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(detail, "detail");
        if ((status == Status.REJECTED) != (reason != null)) {
            throw new IllegalArgumentException("a reason is given exactly when a message is rejected");
        }
    }

    /** Whether the message is done with (applied or duplicate): the function returns normally. */
    public boolean accepted() {
        return status != Status.REJECTED;
    }

    /** One log line with the message id, ticket, status and reason: never the message itself. */
    public String logLine() {
        StringBuilder b = new StringBuilder("decision ").append(status.name().toLowerCase(Locale.ROOT));
        b.append(": message=").append(messageId == null ? "-" : messageId);
        if (ticket != null) {
            b.append(" ticket=").append(ticket);
        }
        if (reason != null) {
            b.append(" reason=").append(reason.wireName());
        }
        return b.append(" detail=").append(detail).toString();
    }
}
