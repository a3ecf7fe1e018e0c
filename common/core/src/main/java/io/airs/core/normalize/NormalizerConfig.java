package io.airs.core.normalize;

/**
 * Settings of a {@link Normalizer}: which steps run and the limits that keep decoding cheap and
 * bounded on hostile input.
 *
 * <pre>{@code
 * NormalizerConfig cfg = NormalizerConfig.builder().maxDecodedViews(4).build();
 * }</pre>
 *
 * @param nfkc apply Unicode NFKC to the primary view (folds fullwidth, mathematical and ligature forms)
 * @param stripInvisible remove invisible characters (zero-width, bidi controls, variation selectors,
 *     soft hyphen, tag characters, stray control characters) from the primary view
 * @param foldHomoglyphs fold Cyrillic, Greek and other Latin look-alike letters to ASCII in words that
 *     mix scripts or consist only of look-alikes
 * @param decode look for encoded runs (base64, hex, URL, HTML entities, {@code \\u} escapes, tag
 *     characters) and expose their payloads as decoded views
 * @param minBase64Run fewest base64 characters (padding excluded) that count as an encoded run
 * @param minHexRun fewest hex digits that count as an encoded run; separated byte pairs such as
 *     {@code 69 67 6e} need half as many pairs
 * @param minEscapeRun fewest escapes ({@code %xx}, {@code &#nn;}, {@code \\uXXXX}, {@code \\xXX}) in a
 *     cluster that count as an encoded run
 * @param maxDecodeDepth how many wrappers deep to decode ({@code 2} reads URL-encoded base64)
 * @param maxDecodedViews most decoded views per text
 * @param maxDecodedChars most characters over all decoded views of one text; longer payloads are cut
 * @param minPrintableRatio share of printable characters a decoded payload needs to count as text,
 *     so keys, hashes and binary blobs produce no view
 * @param minInvisibleInWord invisible characters inside one word that raise an {@code
 *     invisible_characters} signal
 */
public record NormalizerConfig(
        boolean nfkc,
        boolean stripInvisible,
        boolean foldHomoglyphs,
        boolean decode,
        int minBase64Run,
        int minHexRun,
        int minEscapeRun,
        int maxDecodeDepth,
        int maxDecodedViews,
        int maxDecodedChars,
        double minPrintableRatio,
        int minInvisibleInWord) {

    public NormalizerConfig {
        if (minBase64Run < 4) {
            throw new IllegalArgumentException("minBase64Run must be >= 4, was " + minBase64Run);
        }
        if (minHexRun < 4) {
            throw new IllegalArgumentException("minHexRun must be >= 4, was " + minHexRun);
        }
        if (minEscapeRun < 1) {
            throw new IllegalArgumentException("minEscapeRun must be >= 1, was " + minEscapeRun);
        }
        if (maxDecodeDepth < 0 || maxDecodeDepth > 8) {
            throw new IllegalArgumentException("maxDecodeDepth must be in [0, 8], was " + maxDecodeDepth);
        }
        if (maxDecodedViews < 0) {
            throw new IllegalArgumentException("maxDecodedViews must be >= 0, was " + maxDecodedViews);
        }
        if (maxDecodedChars < 0) {
            throw new IllegalArgumentException("maxDecodedChars must be >= 0, was " + maxDecodedChars);
        }
        if (!(minPrintableRatio > 0.0 && minPrintableRatio <= 1.0)) {
            throw new IllegalArgumentException("minPrintableRatio must be in (0, 1], was " + minPrintableRatio);
        }
        if (minInvisibleInWord < 1) {
            throw new IllegalArgumentException("minInvisibleInWord must be >= 1, was " + minInvisibleInWord);
        }
    }

    /** Every step on; base64 and hex runs from 16 characters, two wrappers deep, 8 views, 64 K chars. */
    public static NormalizerConfig defaults() {
        return new NormalizerConfig(true, true, true, true, 16, 16, 3, 2, 8, 65_536, 0.85, 3);
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder(defaults());
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds a {@link NormalizerConfig} one setting at a time. */
    public static final class Builder {
        private boolean nfkc;
        private boolean stripInvisible;
        private boolean foldHomoglyphs;
        private boolean decode;
        private int minBase64Run;
        private int minHexRun;
        private int minEscapeRun;
        private int maxDecodeDepth;
        private int maxDecodedViews;
        private int maxDecodedChars;
        private double minPrintableRatio;
        private int minInvisibleInWord;

        private Builder(NormalizerConfig from) {
            nfkc = from.nfkc;
            stripInvisible = from.stripInvisible;
            foldHomoglyphs = from.foldHomoglyphs;
            decode = from.decode;
            minBase64Run = from.minBase64Run;
            minHexRun = from.minHexRun;
            minEscapeRun = from.minEscapeRun;
            maxDecodeDepth = from.maxDecodeDepth;
            maxDecodedViews = from.maxDecodedViews;
            maxDecodedChars = from.maxDecodedChars;
            minPrintableRatio = from.minPrintableRatio;
            minInvisibleInWord = from.minInvisibleInWord;
        }

        public Builder nfkc(boolean v) {
            nfkc = v;
            return this;
        }

        public Builder stripInvisible(boolean v) {
            stripInvisible = v;
            return this;
        }

        public Builder foldHomoglyphs(boolean v) {
            foldHomoglyphs = v;
            return this;
        }

        public Builder decode(boolean v) {
            decode = v;
            return this;
        }

        public Builder minBase64Run(int v) {
            minBase64Run = v;
            return this;
        }

        public Builder minHexRun(int v) {
            minHexRun = v;
            return this;
        }

        public Builder minEscapeRun(int v) {
            minEscapeRun = v;
            return this;
        }

        public Builder maxDecodeDepth(int v) {
            maxDecodeDepth = v;
            return this;
        }

        public Builder maxDecodedViews(int v) {
            maxDecodedViews = v;
            return this;
        }

        public Builder maxDecodedChars(int v) {
            maxDecodedChars = v;
            return this;
        }

        public Builder minPrintableRatio(double v) {
            minPrintableRatio = v;
            return this;
        }

        public Builder minInvisibleInWord(int v) {
            minInvisibleInWord = v;
            return this;
        }

        public NormalizerConfig build() {
            return new NormalizerConfig(
                    nfkc,
                    stripInvisible,
                    foldHomoglyphs,
                    decode,
                    minBase64Run,
                    minHexRun,
                    minEscapeRun,
                    maxDecodeDepth,
                    maxDecodedViews,
                    maxDecodedChars,
                    minPrintableRatio,
                    minInvisibleInWord);
        }
    }
}
