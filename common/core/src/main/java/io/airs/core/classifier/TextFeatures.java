package io.airs.core.classifier;

/**
 * Hashed text features: lower-cased word unigrams and bigrams and character n-grams, each hashed
 * with a seeded murmur3-style hash into {@code 2^bits} buckets with a sign taken from the hash, so
 * colliding features tend to cancel rather than add up. Weighting ({@link FeatureConfig.Weighting})
 * makes long and short texts score alike: either a feature's count divided by the square root of the
 * number of feature occurrences in the text, or {@code 1 + ln count} with the vector L2-normalised.
 *
 * <p>The first is what lets scoring stream: {@link #hash} writes one hash per feature occurrence
 * into a reused buffer, and a linear model sums its weights over them with no counting table
 * ({@link LinearModel}). {@link #extract} counts the same hashes into a sparse vector (for training,
 * and for scoring with the second weighting), which yields the same dot product.
 *
 * <p>The caller normalises (NFKC) first; this class only folds case and collapses whitespace. No
 * object is allocated per feature: a {@link Scratch}, one per thread, holds the reused buffers.
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
        if (config.weighting() == FeatureConfig.Weighting.SUBLINEAR_L2) {
            this.sublinear = new float[LOG_TABLE];
            for (int c = 1; c < LOG_TABLE; c++) {
                sublinear[c] = (float) (1.0 + StrictMath.log(c));
            }
        } else {
            this.sublinear = null;
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
     * Featurises {@code text} into {@code scratch}, replacing what it held: bucket {@code h & mask}
     * of each distinct feature hash {@code h}, weighted by the configuration's weighting (negative
     * when {@code h < 0}). Entries are in a deterministic order; a bucket may appear twice when two
     * features collide.
     */
    public void extract(CharSequence text, Scratch scratch) {
        int n = hash(text, scratch);
        scratch.count(n, mask, sublinear);
    }

    /**
     * Writes the hash of every feature occurrence in {@code text} to {@code scratch.hashes()} and
     * returns how many there are. A hash is never 0; its low bits are the bucket, its sign the sign.
     */
    public int hash(CharSequence text, Scratch scratch) {
        if (config.minCharGram() == 0) {
            return hashWords(text, scratch);
        }
        int n = fillBuffer(text, scratch);
        int grams = config.minCharGram() == 0 ? 0 : config.maxCharGram() - config.minCharGram() + 1;
        int[] out = scratch.hashes(grams * n + n + 16);
        char[] buf = scratch.buf;
        int size = 0;
        if (grams > 0) {
            int minN = config.minCharGram();
            int maxN = config.maxCharGram();
            int seed = charSeed;
            // buf is padded with a space at both ends, so n-grams see word edges.
            for (int i = 0; i + minN <= n; i++) {
                int h = seed;
                int limit = Math.min(maxN, n - i);
                for (int k = 0; k < limit; k++) {
                    h = step(h, buf[i + k]);
                    if (k + 1 >= minN) {
                        out[size++] = nonZero(fmix(h, k + 1));
                    }
                }
            }
        }
        boolean bigrams = config.wordBigrams();
        int prev = 0;
        boolean hasPrev = false;
        int i = 0;
        while (i < n) {
            if (!isWordChar(buf[i])) {
                i++;
                continue;
            }
            int h = unigramSeed;
            int start = i;
            while (i < n && isWordChar(buf[i])) {
                h = step(h, buf[i]);
                i++;
            }
            int word = fmix(h, i - start);
            out[size++] = nonZero(word);
            if (bigrams && hasPrev) {
                out[size++] = nonZero(fmix(step(step(bigramSeed, prev), word), 2));
            }
            prev = word;
            hasPrev = true;
        }
        return size;
    }

    /**
     * The word features alone, straight from {@code text} in one pass: the same hashes as folding
     * into the buffer first, since white space and every other non-word character only separate words.
     */
    private int hashWords(CharSequence text, Scratch scratch) {
        int len = text.length();
        int max = config.maxChars();
        // at most one word and one word pair per word, and a word needs a separator after it
        int[] out = scratch.hashes(Math.min(len, max) + 16);
        WordState st = scratch.words;
        st.reset();
        if (len <= max) {
            words(text, 0, len, st, out);
        } else {
            int half = max / 2;
            words(text, 0, half, st, out);
            words(text, len - half, len, st, out);
        }
        return st.size;
    }

    /** Hashes the words of {@code text[from, to)}; a word never runs past {@code to}. */
    private void words(CharSequence text, int from, int to, WordState st, int[] out) {
        boolean bigrams = config.wordBigrams();
        int size = st.size;
        int prev = st.prev;
        boolean hasPrev = st.hasPrev;
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (!isWordChar(c < 128 ? c : Character.toLowerCase(c))) {
                i++;
                continue;
            }
            int h = unigramSeed;
            int start = i;
            do {
                h = step(h, lower(c));
                if (++i == to) {
                    break;
                }
                c = text.charAt(i);
            } while (isWordChar(c < 128 ? c : Character.toLowerCase(c)));
            int word = fmix(h, i - start);
            out[size++] = nonZero(word);
            if (bigrams && hasPrev) {
                out[size++] = nonZero(fmix(step(step(bigramSeed, prev), word), 2));
            }
            prev = word;
            hasPrev = true;
        }
        st.size = size;
        st.prev = prev;
        st.hasPrev = hasPrev;
    }

    private static char lower(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return Character.toLowerCase(c);
    }

    /** Where a word pass stands between the head and the tail of a long text. */
    static final class WordState {
        int size;
        int prev;
        boolean hasPrev;

        void reset() {
            size = 0;
            prev = 0;
            hasPrev = false;
        }
    }

    private static int nonZero(int h) {
        return h == 0 ? 1 : h;
    }

    private static boolean isWordChar(char c) {
        if (c < 128) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        }
        return Character.isLetterOrDigit(c);
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
            boolean space;
            if (c < 128) {
                // Character.isWhitespace over ASCII: \t-\r, the four separators 0x1c-0x1f, and ' '
                space = c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
            } else {
                space = Character.isWhitespace(c) || Character.isSpaceChar(c);
                c = Character.toLowerCase(c);
            }
            if (space) {
                if (buf[n - 1] != ' ') {
                    buf[n++] = ' ';
                }
            } else {
                buf[n++] = c;
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
     * Reusable working memory for {@link #hash} and {@link #extract}, and the sparse vector
     * {@code extract} produced: entries {@code 0 .. size()-1} with bucket {@link #index(int)} and
     * weight {@link #value(int)}. Not thread-safe; valid until the next call with it.
     */
    public static final class Scratch {
        private char[] buf = new char[256];
        private final WordState words = new WordState();
        private int[] hashes = new int[1024];
        private int[] keys = new int[1024];
        private int[] counts = new int[1024];
        private int[] used = new int[512];
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

        /** The feature hashes {@link #hash} wrote. */
        int[] hashes() {
            return hashes;
        }

        char[] buffer(int capacity) {
            if (buf.length < capacity) {
                buf = new char[Math.max(capacity, buf.length * 2)];
            }
            return buf;
        }

        int[] hashes(int capacity) {
            if (hashes.length < capacity) {
                hashes = new int[Math.max(capacity, hashes.length * 2)];
            }
            return hashes;
        }

        /**
         * Counts the first {@code n} hashes into the sparse vector: {@code count / sqrt(n)}, or with
         * {@code sublinear} ({@code 1 + ln count} by count) L2-normalised.
         */
        void count(int n, int mask, float[] sublinear) {
            int cap = Integer.highestOneBit(Math.max(n, 8) - 1) << 2; // load factor at most one half
            if (keys.length < cap) {
                keys = new int[cap];
                counts = new int[cap];
            }
            if (used.length < n) {
                used = new int[n];
                indices = new int[n];
                values = new float[n];
            }
            int m = keys.length - 1;
            int distinct = 0;
            for (int i = 0; i < n; i++) {
                int key = hashes[i];
                int slot = (key ^ (key >>> 15)) & m;
                while (true) {
                    int k = keys[slot];
                    if (k == key) {
                        counts[slot]++;
                        break;
                    }
                    if (k == 0) {
                        keys[slot] = key;
                        counts[slot] = 1;
                        used[distinct++] = slot;
                        break;
                    }
                    slot = (slot + 1) & m;
                }
            }
            size = distinct;
            if (sublinear != null) {
                sublinear(mask, sublinear);
                return;
            }
            float inv = n == 0 ? 0f : (float) (1.0 / Math.sqrt(n));
            for (int u = 0; u < distinct; u++) {
                int slot = used[u];
                int key = keys[slot];
                float v = counts[slot] * inv;
                keys[slot] = 0;
                counts[slot] = 0;
                indices[u] = key & mask;
                values[u] = key < 0 ? -v : v;
            }
        }

        private void sublinear(int mask, float[] table) {
            double norm = 0.0;
            for (int u = 0; u < size; u++) {
                int slot = used[u];
                int key = keys[slot];
                int c = counts[slot];
                keys[slot] = 0;
                counts[slot] = 0;
                float w = c < table.length ? table[c] : (float) (1.0 + StrictMath.log(c));
                float v = key < 0 ? -w : w;
                indices[u] = key & mask;
                values[u] = v;
                norm += (double) v * v;
            }
            if (norm > 0.0) {
                float inv = (float) (1.0 / Math.sqrt(norm));
                for (int u = 0; u < size; u++) {
                    values[u] *= inv;
                }
            }
        }
    }
}
