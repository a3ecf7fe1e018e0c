package io.airs.core.oversight;

/**
 * An escalation journal that cannot be replayed: a complete line in it is corrupt or does not fit
 * the state before it. The message names the file and line; it never quotes the line, which may
 * hold held content.
 */
public final class EscalationJournalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EscalationJournalException(String message) {
        super(message);
    }
}
