package io.airs.core.classifier;

/**
 * How {@link TextFeatures} turns text into a hashed feature vector for one label. The same values
 * must be used at training and scoring time, so they are stored in the model file, label by label.
 *
 * @param dimensionBits the vector has {@code 2^dimensionBits} buckets; in [10, 24]
 * @param hashSeed seed of the murmur3-style feature hash; any int, default {@value #DEFAULT_SEED}
 * @param minCharGram shortest character n-gram, in [1, maxCharGram]; 0 (with maxCharGram 0) for no
 *     character n-grams
 * @param maxCharGram longest character n-gram, in [minCharGram, 8]
 * @param wordBigrams whether adjacent word pairs are features besides single words
 * @param maxChars texts longer than this many UTF-16 units are featurised from their first and last
 *     {@code maxChars / 2} units only, which bounds the cost; in [64, 1 << 20], default 4096
 * @param weighting how feature counts become values
 */
public record FeatureConfig(
        int dimensionBits,
        int hashSeed,
        int minCharGram,
        int maxCharGram,
        boolean wordBigrams,
        int maxChars,
        Weighting weighting) {

    /** The default hash seed. */
    public static final int DEFAULT_SEED = 0x41495253;

    /** How a feature's count in a text becomes its value. */
    public enum Weighting {
        /**
         * {@code tf / sqrt(feature occurrences in the text)}: a score is a sum over occurrences, so it
         * streams with no counting table (the cheap one).
         */
        SQRT_OCCURRENCES,
        /**
         * {@code 1 + ln tf}, then the vector L2-normalised: damps repeated character n-grams, but a
         * score needs the features counted first.
         */
        SUBLINEAR_L2;

        /** The byte that stands for this weighting in a model file. */
        int code() {
            return ordinal();
        }

        static Weighting fromCode(int code) {
            Weighting[] all = values();
            if (code < 0 || code >= all.length) {
                throw new IllegalArgumentException("unknown weighting " + code);
            }
            return all[code];
        }
    }

    public FeatureConfig {
        if (dimensionBits < 10 || dimensionBits > 24) {
            throw new IllegalArgumentException("dimensionBits " + dimensionBits + " outside [10, 24]");
        }
        boolean none = minCharGram == 0 && maxCharGram == 0;
        if (!none && (minCharGram < 1 || maxCharGram < minCharGram || maxCharGram > 8)) {
            throw new IllegalArgumentException("character n-gram range [" + minCharGram + ", " + maxCharGram + "]");
        }
        if (maxChars < 64 || maxChars > (1 << 20)) {
            throw new IllegalArgumentException("maxChars " + maxChars + " outside [64, 1048576]");
        }
        if (weighting == null) {
            throw new IllegalArgumentException("weighting missing");
        }
    }

    /**
     * Word unigrams and bigrams in {@code 2^bits} buckets, weighted {@code tf / sqrt(occurrences)}:
     * scored by streaming, about seven times cheaper than with character n-grams as well.
     */
    public static FeatureConfig words(int bits) {
        return new FeatureConfig(bits, DEFAULT_SEED, 0, 0, true, 4096, Weighting.SQRT_OCCURRENCES);
    }

    /**
     * Character 3-5-grams (word edges included) with word unigrams and bigrams in {@code 2^bits}
     * buckets, weighted {@code 1 + ln tf} and L2-normalised: they generalise across phrasing and
     * document kinds better than words do, at about ten times the cost.
     */
    public static FeatureConfig charGrams(int bits) {
        return new FeatureConfig(bits, DEFAULT_SEED, 3, 5, true, 4096, Weighting.SUBLINEAR_L2);
    }

    /** Word features at 2^18 buckets ({@link #words(int)}). */
    public static FeatureConfig defaults() {
        return words(18);
    }

    /** The number of buckets, {@code 2^dimensionBits}. */
    public int dimensions() {
        return 1 << dimensionBits;
    }

    /** Whether the features include character n-grams. */
    public boolean charGramsOn() {
        return minCharGram != 0;
    }

    /** This configuration with another number of buckets. */
    public FeatureConfig withDimensionBits(int bits) {
        return new FeatureConfig(bits, hashSeed, minCharGram, maxCharGram, wordBigrams, maxChars, weighting);
    }

    /** A short description for the manifest, such as {@code "char 3-5-grams + word 1-2-grams, 2^18, 1 + ln tf, L2"}. */
    public String describe() {
        String grams = (charGramsOn() ? "character " + minCharGram + "-" + maxCharGram + "-grams + " : "")
                + (wordBigrams ? "word unigrams and bigrams" : "word unigrams");
        String w = weighting == Weighting.SQRT_OCCURRENCES
                ? "tf / sqrt(feature occurrences in the text)"
                : "1 + ln tf, L2-normalised";
        return grams + "; 2^" + dimensionBits + " signed buckets; " + w;
    }
}
