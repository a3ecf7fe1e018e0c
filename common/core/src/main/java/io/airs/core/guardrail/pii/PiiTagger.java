package io.airs.core.guardrail.pii;

import io.airs.core.Finding;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The trained tagger for the personal data that has no format: person names, places and
 * organisations in running text, where the rules of {@link PiiScan} and {@link PlaceScan} find no cue.
 * A multi-class averaged perceptron over hashed features ({@link TaggerFeatures}) labels each
 * capitalised word as outside, {@code PERSON}, {@code LOCATION} or {@code ORGANIZATION};
 * neighbouring words of one class become one span. Words the rules already reported are skipped.
 *
 * <p>A finding's score is {@code 1 / (1 + e^-m)}, {@code m} being how far the class's weight exceeds
 * the outside class's in units of {@link #MARGIN_UNIT}, so the policy's {@code pii} threshold also
 * sets how sure the tagger must be (0.5: any word it rates above outside; the default policy asks
 * 0.6). The names of countries and of cities of millions are never reported on their own.
 *
 * <p>Trained by {@code airs train --model pii-tagger} ({@link PiiTaggerTrainer}); the shipped
 * {@code tagger.bin} (512 KB) and the {@link Lexicon} (512 KB) load in about 20 ms, on a background
 * thread the detector starts. Immutable and thread-safe.
 */
public final class PiiTagger {

    static final int CLASSES = 4;
    static final int LOG2_BUCKETS = 16;
    static final int BUCKETS = 1 << LOG2_BUCKETS;
    /** Weight difference that counts as one logit. */
    static final float MARGIN_UNIT = 4f;

    private static final PiiEntityType[] TYPES = {
        null, PiiEntityType.PERSON, PiiEntityType.LOCATION, PiiEntityType.ORGANIZATION
    };
    private static final int MAGIC = 0x41495254; // "AIRT"
    private static final int VERSION = 1;

    private final short[] weights; // [bucket * CLASSES + class]
    private final float scale;
    private final Lexicon lexicon;
    private final ThreadLocal<TaggerFeatures> scratch;

    PiiTagger(short[] weights, float scale, Lexicon lexicon) {
        if (weights.length != BUCKETS * CLASSES) {
            throw new IllegalArgumentException(
                    "tagger weights: " + weights.length + " values, not " + BUCKETS * CLASSES);
        }
        this.weights = weights;
        this.scale = scale;
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
        this.scratch = ThreadLocal.withInitial(() -> new TaggerFeatures(lexicon));
    }

    /** The shipped tagger, loaded once. */
    public static PiiTagger shipped() {
        return Shipped.TAGGER;
    }

    /**
     * A tagger that tags nothing, for a detector of the rules alone (whose findings do not depend on
     * the words around them, so that scanning a redacted text again finds nothing new).
     */
    public static PiiTagger none() {
        return new PiiTagger(new short[BUCKETS * CLASSES], 1f, Lexicon.of(List.of()));
    }

    private static final class Shipped {
        static final PiiTagger TAGGER = load();

        private static PiiTagger load() {
            try (InputStream in = PiiTagger.class.getResourceAsStream("/io/airs/core/guardrail/pii/tagger.bin")) {
                if (in == null) {
                    throw new IllegalStateException("tagger.bin is missing from the core");
                }
                return read(in, Lexicon.shipped());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    Lexicon lexicon() {
        return lexicon;
    }

    /**
     * Tags {@code text} and appends a finding per span to {@code out}, skipping words that overlap a
     * finding already in {@code out} from index {@code from} on.
     */
    void tag(String text, PiiConfig config, List<Finding> out, int from) {
        tag(text, text.toCharArray(), config, out, from);
    }

    /** {@link #tag(String, PiiConfig, List, int)} with the text's characters already at hand. */
    void tag(String text, char[] chars, PiiConfig config, List<Finding> out, int from) {
        TaggerFeatures tf = scratch.get();
        tf.reset(chars);
        int ruleEnd = out.size();
        int spanStart = -1;
        int spanEnd = -1;
        int spanClass = 0;
        float spanMargin = 0;
        for (int p = tf.next(0); p >= 0; p = tf.next(tf.candidateEnd())) {
            if (covered(out, from, ruleEnd, p, tf.candidateEnd())) {
                continue;
            }
            int k = tf.extract();
            float s0 = 0;
            float s1 = 0;
            float s2 = 0;
            float s3 = 0;
            int[] f = tf.features;
            for (int j = 0; j < k; j++) {
                int base = (f[j] & (BUCKETS - 1)) * CLASSES;
                s0 += weights[base];
                s1 += weights[base + 1];
                s2 += weights[base + 2];
                s3 += weights[base + 3];
            }
            int best = 1;
            float bestScore = s1;
            if (s2 > bestScore) {
                best = 2;
                bestScore = s2;
            }
            if (s3 > bestScore) {
                best = 3;
                bestScore = s3;
            }
            float outside = s0;
            float margin = (bestScore - outside) * scale / MARGIN_UNIT;
            if (margin <= 0) {
                continue;
            }
            int a = p;
            int b = tf.candidateEnd();
            if (spanClass == best && joins(text, spanEnd, a)) {
                spanEnd = b;
                spanMargin = Math.min(spanMargin, margin);
                continue;
            }
            emit(text, config, out, spanClass, spanStart, spanEnd, spanMargin);
            spanClass = best;
            spanStart = a;
            spanEnd = b;
            spanMargin = margin;
        }
        emit(text, config, out, spanClass, spanStart, spanEnd, spanMargin);
    }

    /** Whether a word at {@code a} continues a span ending at {@code end}: only blanks or a full stop between. */
    private static boolean joins(String text, int end, int a) {
        if (end < 0 || a - end > 3) {
            return false;
        }
        for (int j = end; j < a; j++) {
            char c = text.charAt(j);
            if (c != ' ' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /**
     * Appends the span's finding, unless it is the name of a country or of a capital or city of
     * millions ("Paris." as an answer): too coarse to point at anyone, such a place is personal data
     * only in an address or where someone says they live, which the rules report.
     */
    private static void emit(
            String text, PiiConfig config, List<Finding> out, int cls, int start, int end, float margin) {
        if (cls == 0 || start < 0) {
            return;
        }
        if (Countries.SET.contains(text, start, end) || Cities.SET.contains(text, start, end)) {
            return;
        }
        PiiEntityType type = TYPES[cls];
        if (config.reports(type)) {
            double score = 1.0 / (1.0 + Math.exp(-margin));
            out.add(new Finding(io.airs.core.Category.PII, type.name(), start, end, score, PiiGuardrail.ID));
        }
    }

    private static boolean covered(List<Finding> out, int from, int to, int a, int b) {
        for (int i = from; i < to; i++) {
            Finding f = out.get(i);
            if (f.start() < b && a < f.end()) {
                return true;
            }
        }
        return false;
    }

    byte[] toBytes() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(weights.length * 2 + 16);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(LOG2_BUCKETS);
            out.writeInt(CLASSES);
            out.writeFloat(scale);
            for (short w : weights) {
                out.writeShort(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    static PiiTagger read(InputStream in, Lexicon lexicon) throws IOException {
        DataInputStream data = new DataInputStream(in);
        if (data.readInt() != MAGIC || data.readInt() != VERSION) {
            throw new IOException("not a PII tagger of this version");
        }
        if (data.readInt() != LOG2_BUCKETS || data.readInt() != CLASSES) {
            throw new IOException("PII tagger of another size");
        }
        float scale = data.readFloat();
        byte[] raw = data.readNBytes(BUCKETS * CLASSES * 2);
        if (raw.length != BUCKETS * CLASSES * 2) {
            throw new IOException("PII tagger truncated");
        }
        short[] w = new short[BUCKETS * CLASSES];
        java.nio.ByteBuffer.wrap(raw).asShortBuffer().get(w);
        return new PiiTagger(w, scale, lexicon);
    }
}
