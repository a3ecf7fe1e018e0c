package io.airs.core.classifier;

/**
 * How {@link TextFeatures} turns text into a hashed feature vector. The same values must be used at
 * training and scoring time, so they are stored in the model file.
 *
 * @param dimensionBits the vector has {@code 2^dimensionBits} buckets; in [10, 24], default 18
 * @param hashSeed seed of the murmur3-style feature hash; any int, default {@value #DEFAULT_SEED}
 * @param minCharGram shortest character n-gram, in [1, maxCharGram]; 0 (with maxCharGram 0) for no
 *     character n-grams
 * @param maxCharGram longest character n-gram, in [minCharGram, 8]
 * @param wordBigrams whether adjacent word pairs are features besides single words, default true
 * @param maxChars texts longer than this many UTF-16 units are featurised from their first and last
 *     {@code maxChars / 2} units only, which bounds the cost; in [64, 1 << 20], default 4096
 */
public record FeatureConfig(
        int dimensionBits, int hashSeed, int minCharGram, int maxCharGram, boolean wordBigrams, int maxChars) {

    /** The default hash seed. */
    public static final int DEFAULT_SEED = 0x41495253;

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
    }

    /**
     * 2^18 buckets, word unigrams and bigrams, no character n-grams, head and tail beyond 4096 chars.
     * Words alone score a 2 KB text about seven times faster than with character 3-5-grams as well,
     * and did better on held-out toxicity subgroups (docs/classifier.md).
     */
    public static FeatureConfig defaults() {
        return new FeatureConfig(18, DEFAULT_SEED, 0, 0, true, 4096);
    }

    /** The number of buckets, {@code 2^dimensionBits}. */
    public int dimensions() {
        return 1 << dimensionBits;
    }

    /** This configuration with another number of buckets. */
    public FeatureConfig withDimensionBits(int bits) {
        return new FeatureConfig(bits, hashSeed, minCharGram, maxCharGram, wordBigrams, maxChars);
    }
}
