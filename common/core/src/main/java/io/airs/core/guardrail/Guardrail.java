package io.airs.core.guardrail;

import io.airs.core.Finding;
import java.util.List;

/**
 * A deterministic check over text. Implementations are immutable and thread-safe, do no I/O, and
 * keep allocation on the scan path to the findings they report.
 *
 * <p>Offsets in reported findings are UTF-16 indices into the {@code text} passed in. The pipeline
 * hands a guardrail normalised text and decoded payloads, and maps the offsets back to the original
 * content itself, so a guardrail needs no knowledge of normalisation.
 *
 * <pre>{@code
 * List<Finding> out = new ArrayList<>();
 * guardrail.scan("contact me at a@b.example", out);
 * }</pre>
 */
public interface Guardrail {

    /** A stable id for this detector, reported in {@link Finding#detector()} and in evidence. */
    String id();

    /**
     * Scans {@code text} and appends what it finds to {@code out}.
     *
     * @param text the text to check, never null
     * @param out where findings go; a guardrail only appends
     */
    void scan(String text, List<Finding> out);
}
