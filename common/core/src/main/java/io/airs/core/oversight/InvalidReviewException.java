package io.airs.core.oversight;

/**
 * A review decision that cannot be accepted (HTTP 400). {@link #field()} names the offending field
 * ({@code decision}, {@code reviewer}, {@code note} or {@code content}).
 */
public final class InvalidReviewException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidReviewException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    /** The field that failed validation. */
    public String field() {
        return field;
    }
}
