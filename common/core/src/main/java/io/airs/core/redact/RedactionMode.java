package io.airs.core.redact;

/** How a {@link Redactor} replaces a redacted span. */
public enum RedactionMode {
    /**
     * Every UTF-16 unit of the span becomes {@code *}, so the text keeps its length and every offset
     * outside the span stays valid. Not reversible.
     */
    MASK,
    /**
     * A typed, numbered placeholder such as {@code <EMAIL_ADDRESS_1>}; one value gets one number
     * throughout a session, and the vault can restore it.
     */
    PLACEHOLDER,
    /**
     * A keyed, unguessable token such as {@code <EMAIL_ADDRESS_7f3a9c0b21de>}, stable for a value
     * within a session and restorable through the vault.
     */
    PSEUDONYM
}
