package io.airs.core.oversight;

/**
 * Where a ticket is in its life. {@link #PENDING} and {@link #ESCALATED} are open (a reviewer may
 * still decide, and the SLA sweep may still expire it); every other status is final.
 */
public enum EscalationStatus {
    /** Waiting for a reviewer in its queue. */
    PENDING,
    /** A reviewer approved it; the held content is released to the caller. */
    APPROVED,
    /** A reviewer denied it. */
    DENIED,
    /** A reviewer replaced the held content with their own text. */
    MODIFIED,
    /** Nobody decided before the deadline, so it was denied (reason {@code sla_expired}). */
    EXPIRED,
    /** A reviewer moved it to a more urgent queue, where it waits again (still open). */
    ESCALATED;

    /** Whether a reviewer can still decide the ticket. */
    public boolean isOpen() {
        return this == PENDING || this == ESCALATED;
    }
}
