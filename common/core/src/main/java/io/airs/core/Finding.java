package io.airs.core;

import java.util.Objects;

/**
 * One thing a guardrail found in checked content.
 *
 * <p>{@code start} and {@code end} are UTF-16 offsets (Java {@code String} indices, end exclusive)
 * into the content as it was checked, before normalisation. A finding never carries the matched
 * text, so it can be logged and stored as evidence.
 *
 * @param category the kind of risk
 * @param type a detector-specific sub-type, such as {@code EMAIL} or {@code aws-access-token}
 * @param start first UTF-16 index of the span (inclusive)
 * @param end last UTF-16 index of the span (exclusive), {@code >= start}
 * @param score confidence in [0, 1]
 * @param detector the id of the detector that produced it
 */
public record Finding(Category category, String type, int start, int end, double score, String detector) {

    public Finding {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(detector, "detector");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
        }
        if (!(score >= 0.0 && score <= 1.0)) {
            throw new IllegalArgumentException("score " + score + " outside [0, 1]");
        }
    }

    /** The same finding over another span, used to map offsets back to the original text. */
    public Finding withSpan(int newStart, int newEnd) {
        return new Finding(category, type, newStart, newEnd, score, detector);
    }

    /** The length of the span in UTF-16 units. */
    public int length() {
        return end - start;
    }
}
