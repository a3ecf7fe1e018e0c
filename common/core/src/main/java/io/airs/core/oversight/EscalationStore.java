package io.airs.core.oversight;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps escalation tickets and their held payloads. The held payload is stored apart from the
 * ticket: {@link #get} and {@link #list} never return it (their {@link Escalation#heldContent()} is
 * always null); only {@link #heldContent} does, for the caller's outcome. Implementations are
 * thread-safe, and each call is atomic: a call that returns has taken effect (durably, for a
 * durable store), a call that throws has not.
 *
 * <p>Decisions are idempotent for final decisions: deciding a final ticket again with an identical
 * APPROVE, DENY or MODIFY (same reviewer, note and content) returns the ticket as it is. ESCALATE is
 * not idempotent: each one moves the ticket one queue up.
 */
public interface EscalationStore {

    /**
     * Opens a ticket holding {@code heldContent}.
     *
     * @return the new ticket, status PENDING
     * @throws IllegalArgumentException when the ticket id already exists
     */
    Escalation open(NewEscalation escalation, String heldContent);

    /** The ticket, without its held content. */
    Optional<Escalation> get(String ticket);

    /**
     * Up to {@code limit} tickets passing {@code filter}, earliest deadline first (ties by ticket).
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    List<Escalation> list(EscalationFilter filter, int limit);

    /**
     * Applies a reviewer's decision at {@code now}. APPROVE, DENY and MODIFY make the ticket final;
     * ESCALATE moves it to the next more urgent queue with deadline {@code now} + that queue's SLA.
     * An open ticket whose deadline has passed is expired instead (as {@link #expire} would) and the
     * call throws {@link AlreadyDecidedException} naming EXPIRED.
     *
     * @return the ticket after the decision
     * @throws UnknownTicketException when there is no such ticket
     * @throws AlreadyDecidedException when the ticket is final and the decision differs from the one
     *     that made it so
     * @throws InvalidReviewException naming {@code decision} when escalating a CRITICAL ticket
     */
    Escalation decide(String ticket, ReviewDecision decision, Instant now);

    /**
     * The held content of {@code ticket}, while it may still be released (open, APPROVED); empty for
     * unknown tickets and once denied, expired or modified, when the store lets it go.
     */
    Optional<String> heldContent(String ticket);

    /**
     * Denies every open ticket whose deadline is before {@code now} (status EXPIRED, reason {@code
     * sla_expired}).
     *
     * @return the expired tickets, earliest deadline first
     */
    List<Escalation> expire(Instant now);
}
