package io.airs.core.evidence;

/**
 * A line that is not a well-formed evidence record. The message names the field or the column that
 * is wrong and never repeats the line's values, so it can be logged.
 */
public final class EvidenceFormatException extends RuntimeException {

    public EvidenceFormatException(String message) {
        super(message);
    }

    public EvidenceFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
