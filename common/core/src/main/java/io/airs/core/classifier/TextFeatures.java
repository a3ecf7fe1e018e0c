package io.airs.core.classifier;

/**
 * Hashed text features: lower-cased word unigrams and bigrams and character n-grams, each hashed
 * with a seeded murmur3-style hash into {@code 2^bits} buckets with a sign taken from the hash, so
 * colliding features tend to cancel rather than add up. Counts get sublinear weighting
 * ({@code 1 + ln tf}) and the vector is L2-normalised, so long and short texts score alike.
 *
 * <p>The caller normalises (NFKC) first; this class only folds case and collapses whitespace. No
 * object is allocated per feature: features are hashed straight from a reused character buffer and
 * counted in a reused open-addressing table held by a {@link Scratch}, one per thread.
 *
 * <pre>{@code
 * var features = new TextFeatures(FeatureConfig.defaults());
 * var scratch = features.newScratch();
 * features.extract(text, scratch);   // scratch.size(), scratch.index(i), scratch.value(i)
 * }</pre>
 */
public final class TextFeatures {

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;
    private static final int UNIGRAM = 0x75;
    private static final int BIGRAM = 0x62;
    private static final int CHARGRAM = 0x63;
    private static final int LOG_TABLE = 64;

    private final FeatureConfig config;
    private final int mask;
    private final int unigramSeed;
    private final int bigramSeed;
    private final int charSeed;
    /** 1 + ln(c) for small counts, from StrictMath so training is bit-identical on every platform. */
    private final float[] sublinear;

    public TextFeatures(FeatureConfig config) {
        this.config = config;
        this.mask = config.dimensions() - 1;
        this.unigramSeed = fmix(config.hashSeed() ^ UNIGRAM, 1);
        this.bigramSeed = fmix(config.hashSeed() ^ BIGRAM, 2);
        this.charSeed = fmix(config.hashSeed() ^ CHARGRAM, 3);
        this.sublinear = new float[LOG_TABLE];
        for (int c = 1; c < LOG_TABLE; c++) {
            sublinear[c] = (float) (1.0 + StrictMath.log(c));
        }
    }

    /** The configuration these features were built with. */
    public FeatureConfig config() {
        return config;
    }

    /** A fresh scratch area; one per thread, reused across calls. */
    public Scratch newScratch() {
        return new Scratch();
    }

    /**
     * Featurises {@code text} into {@code scratch}, replacing what it held. Entries are in a
     * deterministic order; a bucket may appear twice when two features of opposite sign collide.
     */
    public void extract(CharSequence text, Scratch scratch) {
        int n = fillBuffer(text, scratch);
        scratch.prepare(n, config.maxCharGram() - config.minCharGram() + 1);
        char[] buf = scratch.buf;
        int minN = config.minCharGram();
        int maxN = config.maxCharGram();
        // buf is padded with a space at both ends, so n-grams see word edges.
        for (int i = 0; i + minN <= n; i++) {
            int h = charSeed;
            int limit = Math.min(maxN, n - i);
            for (int k = 0; k < limit; k++) {
                h = step(h, buf[i + k]);
                if (k + 1 >= minN) {
                    scratch.add(fmix(h, k + 1));
                }
            }
        }
        int prev = 0;
        boolean hasPrev = false;
        int i = 0;
        while (i < n) {
            char c = buf[i];
            if (!Character.isLetterOrDigit(c)) {
                i++;
                continue;
            }
            int h = unigramSeed;
            int start = i;
            while (i < n && Character.isLetterOrDigit(buf[i])) {
                h = step(h, buf[i]);
                i++;
            }
            int word = fmix(h, i - start);
            scratch.add(word);
            if (config.wordBigrams() && hasPrev) {
                scratch.add(fmix(step(step(bigramSeed, prev), word), 2));
            }
            prev = word;
            hasPrev = true;
        }
        scratch.finish(mask, sublinear);
    }

    private int fillBuffer(CharSequence text, Scratch scratch) {
        int len = text.length();
        int max = config.maxChars();
        char[] buf = scratch.buffer(Math.min(len, max) + 3);
        int n = 0;
        buf[n++] = ' ';
        if (len <= max) {
            n = fold(text, 0, len, buf, n);
        } else {
            int half = max / 2;
            n = fold(text, 0, half, buf, n);
            if (buf[n - 1] != ' ') {
                buf[n++] = ' ';
            }
            n = fold(text, len - half, len, buf, n);
        }
        if (buf[n - 1] != ' ') {
            buf[n++] = ' ';
        }
        return n;
    }

    private static int fold(CharSequence text, int from, int to, char[] buf, int n) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                if (buf[n - 1] != ' ') {
                    buf[n++] = ' ';
                }
            } else {
                buf[n++] = Character.toLowerCase(c);
            }
        }
        return n;
    }

    static int step(int h, int k) {
        k *= C1;
        k = Integer.rotateLeft(k, 15);
        k *= C2;
        h ^= k;
        h = Integer.rotateLeft(h, 13);
        return h * 5 + 0xe6546b64;
    }

    static int fmix(int h, int length) {
        h ^= length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * Reusable working memory for {@link #extract}, and the sparse vector it produced: entries
     * {@code 0 .. size()-1} with bucket {@link #index(int)} and weight {@link #value(int)}. Not
     * thread-safe; valid until the next {@code extract} into it.
     */
    public static final class Scratch {
        private char[] buf = new char[256];
        private int[] keys = new int[1024];
        private int[] counts = new int[1024];
        private int[] used = new int[512];
        private int usedCount;
        private int[] indices = new int[512];
        private float[] values = new float[512];
        private int size;

        Scratch() {}

        /** The number of non-zero entries. */
        public int size() {
            return size;
        }

        /** The bucket of entry {@code i}. */
        public int index(int i) {
            return indices[i];
        }

        /** The weight of entry {@code i}. */
        public float value(int i) {
            return values[i];
        }

        int[] indices() {
            return indices;
        }

        float[] values() {
            return values;
        }

        char[] buffer(int capacity) {
            if (buf.length < capacity) {
                buf = new char[Math.max(capacity, buf.length * 2)];
            }
            return buf;
        }

        /** Sizes the table for the features a buffer of {@code n} chars can yield and empties the vector. */
        void prepare(int n, int gramLengths) {
            // every position starts at most one n-gram per length; words and word pairs need a
            // separator each, so together they are at most n
            int bound = gramLengths * n + n + 16;
            int cap = Integer.highestOneBit(bound - 1) << 2; // load factor at most one half
            if (keys.length < cap) {
                keys = new int[cap];
                counts = new int[cap];
            }
            if (used.length < bound) {
                used = new int[bound];
                indices = new int[bound];
                values = new float[bound];
            }
            usedCount = 0;
            size = 0;
        }

        void add(int hash) {
            int key = hash == 0 ? 1 : hash; // 0 marks an empty slot
            int m = keys.length - 1;
            int slot = (key ^ (key >>> 15)) & m;
            while (true) {
                int k = keys[slot];
                if (k == key) {
                    counts[slot]++;
                    return;
                }
                if (k == 0) {
                    keys[slot] = key;
                    counts[slot] = 1;
                    used[usedCount++] = slot;
                    return;
                }
                slot = (slot + 1) & m;
            }
        }

        void finish(int mask, float[] sublinear) {
            double norm = 0.0;
            for (int u = 0; u < usedCount; u++) {
                int slot = used[u];
                int key = keys[slot];
                int c = counts[slot];
                keys[slot] = 0;
                counts[slot] = 0;
                float w = c < sublinear.length ? sublinear[c] : (float) (1.0 + StrictMath.log(c));
                float v = key < 0 ? -w : w;
                indices[u] = key & mask;
                values[u] = v;
                norm += (double) v * v;
            }
            size = usedCount;
            if (norm > 0.0) {
                float inv = (float) (1.0 / Math.sqrt(norm));
                for (int u = 0; u < size; u++) {
                    values[u] *= inv;
                }
            }
        }
    }
}
