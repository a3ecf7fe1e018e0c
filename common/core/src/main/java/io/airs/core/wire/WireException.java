package io.airs.core.wire;

/**
 * Bad input at the boundary: names the field (a JSON path such as {@code messages[2].content}) and
 * what was wrong with it. Entry points turn it into a 400 response.
 */
public final class WireException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public WireException(String field, String reason) {
        super(field == null || field.isEmpty() ? reason : field + ": " + reason);
        this.field = field;
    }

    /** The offending field, or empty when the body as a whole is wrong. */
    public String field() {
        return field == null ? "" : field;
    }
}
