package io.airs.core.oversight;

import java.time.Instant;
import java.util.Objects;

/**
 * What the original caller gets when it polls its ticket ({@code GET /v1/escalations/{ticket}}).
 * Only {@link Approved} carries the held content.
 *
 * <pre>{@code
 * switch (oversight.outcome(ticket)) {
 *     case Outcome.Pending p -> retryAfter(p.deadline());
 *     case Outcome.Approved a -> send(a.content());
 *     case Outcome.Modified m -> send(m.content());
 *     case Outcome.Denied d -> refuse(d.reason(), d.message());
 * }
 * }</pre>
 */
public sealed interface Outcome {

    /** The ticket this outcome is for. */
    String ticket();

    /** The wire status: {@code PENDING}, {@code APPROVED}, {@code DENIED} or {@code MODIFIED}. */
    String status();

    /** The reason code of a reviewer's denial. */
    String REVIEWER_DENIED = "reviewer_denied";

    /** The reason code of a denial because nobody decided before the deadline. */
    String SLA_EXPIRED = "sla_expired";

    /** Still waiting for a reviewer; denied automatically after {@code deadline}. */
    record Pending(String ticket, Severity queue, Instant deadline) implements Outcome {
        public Pending {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(queue, "queue");
            Objects.requireNonNull(deadline, "deadline");
        }

        @Override
        public String status() {
            return "PENDING";
        }
    }

    /** A reviewer approved: {@code content} is the held content, released as it was. */
    record Approved(String ticket, String content) implements Outcome {
        public Approved {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String status() {
            return "APPROVED";
        }
    }

    /**
     * Refused: {@code reason} is {@link #REVIEWER_DENIED} or {@link #SLA_EXPIRED} and {@code
     * message} a sentence the caller can show to its user.
     */
    record Denied(String ticket, String reason, String message) implements Outcome {
        public Denied {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }

        @Override
        public String status() {
            return "DENIED";
        }
    }

    /** A reviewer replaced the held content: {@code content} is the reviewer's text. */
    record Modified(String ticket, String content) implements Outcome {
        public Modified {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(content, "content");
        }

        @Override
        public String status() {
            return "MODIFIED";
        }
    }
}
