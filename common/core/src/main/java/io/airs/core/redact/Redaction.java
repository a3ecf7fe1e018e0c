package io.airs.core.redact;

import io.airs.core.Finding;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link Redactor#redact}: the redacted text and one finding per redacted span, with
 * offsets into the redacted text, ordered and non-overlapping.
 *
 * @param text the redacted text
 * @param findings the redacted spans, as offsets into {@code text}
 */
public record Redaction(String text, List<Finding> findings) {

    public Redaction {
        Objects.requireNonNull(text, "text");
        findings = List.copyOf(findings);
    }

    /** Whether anything was replaced. */
    public boolean changed() {
        return !findings.isEmpty();
    }
}
