package io.airs.core.oversight;

/**
 * The ticket is no longer open, or was decided differently (HTTP 409); {@link #status()} is its
 * current status.
 */
public final class AlreadyDecidedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String ticket;
    private final EscalationStatus status;

    public AlreadyDecidedException(String ticket, EscalationStatus status) {
        super("ticket " + ticket + " is already " + status);
        this.ticket = ticket;
        this.status = status;
    }

    /** The ticket. */
    public String ticket() {
        return ticket;
    }

    /** Its current, final status. */
    public EscalationStatus status() {
        return status;
    }
}
