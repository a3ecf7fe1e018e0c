package io.airs.core.oversight;

/** No escalation has this ticket id (HTTP 404). */
public final class UnknownTicketException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String ticket;

    public UnknownTicketException(String ticket) {
        super("unknown ticket " + ticket);
        this.ticket = ticket;
    }

    /** The ticket id that was asked for. */
    public String ticket() {
        return ticket;
    }
}
