package io.airs.core.normalize;

/**
 * One view of checked text: the normalised text itself, or a payload decoded from inside it. Every
 * view maps its own UTF-16 offsets back to offsets in the original text, so a finding made on a view
 * can be reported against what the caller sent.
 */
public interface TextView {

    /** The text of this view, which guardrails scan. */
    String text();

    /** What produced this view: {@code nfkc} for the normalised text, or a decoder such as {@code base64}. */
    String transform();

    /** The original index where the character at {@code index} of this view begins. */
    int originalStart(int index);

    /** The original index (exclusive) where a span of this view ending at {@code endExclusive} ends. */
    int originalEnd(int endExclusive);
}
