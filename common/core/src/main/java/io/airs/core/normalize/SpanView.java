package io.airs.core.normalize;

/**
 * A decoded payload: every character of it maps to the whole encoded run it came from, because a
 * byte of base64 or a {@code %xx} escape has no finer position in the original worth reporting.
 */
record SpanView(String text, String transform, int spanStart, int spanEnd) implements TextView {

    @Override
    public int originalStart(int index) {
        return spanStart;
    }

    @Override
    public int originalEnd(int endExclusive) {
        return endExclusive <= 0 ? spanStart : spanEnd;
    }
}
