package io.airs.core.normalize;

/**
 * The primary view: normalised text whose every character maps to the original span it came from.
 * Without mapping arrays the mapping is the identity, which is the common case (ASCII text, or text
 * whose only change was a one-for-one homoglyph fold) and costs nothing.
 */
final class MappedView implements TextView {

    static final String TRANSFORM = "nfkc";

    private final String text;
    private final String transform;
    private final int originalLength;
    private final int[] starts;
    private final int[] ends;

    /** An identity-mapped view; {@code text} has the same length as the original. */
    MappedView(String text) {
        this(text, text.length(), null, null);
    }

    /**
     * A mapped view; {@code starts[i]} and {@code ends[i]} give the original span of character
     * {@code i}; both arrays are at least {@code text.length()} long and non-decreasing.
     */
    MappedView(String text, int originalLength, int[] starts, int[] ends) {
        this(text, originalLength, starts, ends, TRANSFORM);
    }

    /** A mapped view made by another transform, such as {@link SpacedLetters#TRANSFORM}. */
    MappedView(String text, int originalLength, int[] starts, int[] ends, String transform) {
        this.text = text;
        this.transform = transform;
        this.originalLength = originalLength;
        this.starts = starts;
        this.ends = ends;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public String transform() {
        return transform;
    }

    @Override
    public int originalStart(int index) {
        if (starts == null) {
            return clamp(index, originalLength);
        }
        if (text.isEmpty()) {
            return 0;
        }
        if (index <= 0) {
            return starts[0];
        }
        return index >= text.length() ? originalLength : starts[index];
    }

    @Override
    public int originalEnd(int endExclusive) {
        if (ends == null) {
            return clamp(endExclusive, originalLength);
        }
        int k = Math.min(endExclusive, text.length());
        return k <= 0 ? 0 : ends[k - 1];
    }

    /** True when offsets in this view are offsets in the original. */
    boolean identityMapped() {
        return starts == null;
    }

    private static int clamp(int i, int max) {
        return i < 0 ? 0 : Math.min(i, max);
    }
}
