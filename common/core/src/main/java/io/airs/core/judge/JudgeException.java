package io.airs.core.judge;

import java.util.Locale;
import java.util.Objects;

/**
 * A judge could not give a verdict. The message names the judge and the cause but never holds the
 * judged text or the endpoint's response body.
 */
public final class JudgeException extends RuntimeException {

    /** Why the judge failed. */
    public enum Kind {
        /** The judge did not answer within its time budget, retries included. */
        TIMEOUT,
        /** The judge could not be reached or refused (HTTP error, retries exhausted, interrupted). */
        UNAVAILABLE,
        /** The judge answered with something that is not a valid verdict. */
        BAD_RESPONSE;

        /** The lower-case name used in evidence, such as {@code bad_response}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public JudgeException(Kind kind, String message) {
        super(message);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public JudgeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** Why the judge failed. */
    public Kind kind() {
        return kind;
    }
}
