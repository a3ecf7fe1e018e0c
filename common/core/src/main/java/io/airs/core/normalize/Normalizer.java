package io.airs.core.normalize;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Normalises text before guardrails match on it, so Unicode tricks and encodings do not hide
 * instructions from keyword detectors.
 *
 * <p>The primary view applies NFKC, removes invisible characters and folds homoglyphs; decoded views
 * expose payloads wrapped in base64, hex, URL-encoding, HTML numeric entities, {@code \\uXXXX}
 * escapes and Unicode tag characters, up to {@link NormalizerConfig#maxDecodeDepth()} wrappers deep,
 * words written letter by letter ("i g n o r e  a l l") joined back together, Morse code decoded,
 * and leetspeak ("h0w 70 m4k3") read as letters ({@link Obfuscations}).
 * Signals report the obfuscation itself (detector id {@value #DETECTOR}). Whitespace is not collapsed
 * and case is not folded: detectors do their own case folding.
 *
 * <p>Printable ASCII text without any candidate encoded run, which is most prompts, takes a fast path:
 * one pass over the text, and a primary view that is the original string with identity mapping.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * Normalizer normalizer = new Normalizer(NormalizerConfig.defaults());
 * NormalizedText n = normalizer.normalize(prompt);
 * guardrail.scan(n.primary().text(), found);
 * for (TextView v : n.decoded()) { ... }
 * Finding reported = Normalizer.toOriginal(n.primary(), found.get(0));
 * }</pre>
 */
public final class Normalizer {

    /** The detector id of signals. */
    public static final String DETECTOR = "normalize";

    /** Transform name of the view holding text smuggled in Unicode tag characters. */
    public static final String TAG_TRANSFORM = "tag_characters";

    private static final String TYPE_TAGS = "hidden_tag_characters";
    private static final String TYPE_INVISIBLE = "invisible_characters";
    private static final String TYPE_HOMOGLYPHS = "homoglyphs";
    private static final int WAVING_BLACK_FLAG = 0x1F3F4;
    private static final int CANCEL_TAG = 0xE007F;

    private final NormalizerConfig config;
    private final EncodedRuns runs;
    /** BMP characters that are their own NFKC form and start a segment; computed once per instance. */
    private final long[] nfkcStable;

    /** A normaliser with the given settings. */
    public Normalizer(NormalizerConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.runs = new EncodedRuns(config.minBase64Run(), config.minHexRun(), config.minEscapeRun());
        this.nfkcStable = config.nfkc() ? stableTable() : null;
    }

    /** The settings of this normaliser. */
    public NormalizerConfig config() {
        return config;
    }

    /**
     * Normalises {@code text}. Never throws on any string, including unpaired surrogates.
     *
     * @param text the content as the caller sent it
     * @return the primary view, decoded views and signals, all mapping back to {@code text}
     */
    public NormalizedText normalize(String text) {
        Objects.requireNonNull(text, "text");
        boolean ascii = plainAscii(text);
        boolean spaced = config.decode() && config.maxDecodedViews() > 0 && SpacedLetters.mayHave(text);
        boolean obfuscated = config.decode() && config.maxDecodedViews() > 0 && Obfuscations.mayHave(text);
        if (ascii && !spaced && !obfuscated && !(config.decode() && runs.mayHaveRuns(text))) {
            return new NormalizedText(text, new MappedView(text), List.of(), List.of());
        }
        Signals signals = new Signals();
        MappedView primary = ascii ? new MappedView(text) : primary(text, signals);
        List<TextView> decoded = List.of();
        if (config.decode() && config.maxDecodedViews() > 0 && config.maxDecodeDepth() > 0) {
            Decoding d = new Decoding();
            d.tagViews(text, signals.tagRuns);
            d.decode(primary.text(), primary, 1, "");
            if (spaced) {
                SpacedLetters.views(primary, d.views, config.maxDecodedViews());
            }
            if (obfuscated) {
                Obfuscations.views(primary, d.views, config.maxDecodedViews());
            }
            decoded = d.views;
        }
        List<Finding> found = signals.findings;
        if (found.size() > 1) {
            found.sort(Comparator.comparingInt(Finding::start));
        }
        return new NormalizedText(text, primary, decoded, found);
    }

    /**
     * Maps a finding made on {@code view} back to offsets in the original text.
     *
     * <pre>{@code
     * Finding onOriginal = Normalizer.toOriginal(view, findingOnViewText);
     * }</pre>
     */
    public static Finding toOriginal(TextView view, Finding onView) {
        int start = view.originalStart(onView.start());
        int end = Math.max(start, view.originalEnd(onView.end()));
        return onView.withSpan(start, end);
    }

    private static boolean plainAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!CharClasses.plainAscii(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- primary view

    /** Findings and tag runs gathered while building the primary view. */
    private static final class Signals {
        final List<Finding> findings = new ArrayList<>(2);
        /** Pairs of [start, end) of tag-character runs in the original. */
        int[] tagRuns = new int[0];

        void tagRun(int start, int end) {
            int k = tagRuns.length;
            tagRuns = Arrays.copyOf(tagRuns, k + 2);
            tagRuns[k] = start;
            tagRuns[k + 1] = end;
        }
    }

    /**
     * Builds the primary view. Output is written lazily: until the first change, the output equals a
     * prefix of the original and nothing is copied.
     */
    private MappedView primary(String s, Signals signals) {
        Out out = new Out(s);
        boolean strip = config.stripInvisible();
        boolean nfkc = config.nfkc();
        int removed = 0;
        boolean lookAlikes = false;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            // an ASCII letter followed by a combining mark starts an NFKC segment, like any other base
            if (CharClasses.plainAscii(c)
                    && (i + 1 == n || s.charAt(i + 1) < 0x300 || !CharClasses.continuesSegment(s.charAt(i + 1)))) {
                out.keep(i, i + 1);
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (CharClasses.isTag(cp)) {
                int runStart = i;
                while (i < n && CharClasses.isTag(s.codePointAt(i))) {
                    i += 2;
                }
                if (!emojiTagSequence(s, runStart, i)) {
                    signals.tagRun(runStart, i);
                }
                if (strip) {
                    out.skip(runStart);
                } else {
                    out.keep(runStart, i);
                }
                continue;
            }
            if (strip && CharClasses.isInvisible(cp)) {
                out.skip(i);
                removed++;
                i += len;
                continue;
            }
            int segEnd = i + len;
            while (segEnd < n) {
                int next = s.codePointAt(segEnd);
                if (!CharClasses.continuesSegment(next) || (strip && CharClasses.isInvisible(next))) {
                    break;
                }
                segEnd += Character.charCount(next);
            }
            if (!nfkc || Character.isSurrogate(c) && len == 1) {
                out.keep(i, i + len);
                segEnd = i + len;
                lookAlikes |= CharClasses.foldHomoglyph(c) != 0;
            } else if (segEnd == i + 1 && stable(c)) {
                out.keep(i, i + 1);
                lookAlikes |= CharClasses.foldHomoglyph(c) != 0;
            } else {
                String seg = s.substring(i, segEnd);
                String norm = java.text.Normalizer.normalize(seg, java.text.Normalizer.Form.NFKC);
                if (norm.equals(seg)) {
                    out.keep(i, segEnd);
                } else {
                    out.emit(norm, i, segEnd);
                }
                for (int k = 0; k < norm.length() && !lookAlikes; k++) {
                    lookAlikes = CharClasses.foldHomoglyph(norm.charAt(k)) != 0;
                }
            }
            i = segEnd;
        }
        boolean checkInvisible = strip && removed >= config.minInvisibleInWord();
        boolean fold = config.foldHomoglyphs() && lookAlikes;
        if (fold || checkInvisible) {
            words(s, out, fold, checkInvisible, signals);
        }
        for (int k = 0; k < signals.tagRuns.length; k += 2) {
            signals.findings.add(new Finding(
                    Category.PROMPT_INJECTION, TYPE_TAGS, signals.tagRuns[k], signals.tagRuns[k + 1], 0.9, DETECTOR));
        }
        return out.view();
    }

    /**
     * An emoji tag sequence (the flags of England, Scotland and Wales): a black flag followed by tag
     * letters or digits and a cancel tag. It is the one legitimate use of tag characters.
     */
    private static boolean emojiTagSequence(String s, int start, int end) {
        if (start < 2 || s.codePointBefore(start) != WAVING_BLACK_FLAG || end - start > 16) {
            return false;
        }
        if (s.codePointBefore(end) != CANCEL_TAG) {
            return false;
        }
        for (int k = start; k < end - 2; k += 2) {
            int v = s.codePointAt(k) - CharClasses.TAG_FIRST;
            if (!((v >= 'a' && v <= 'z') || (v >= '0' && v <= '9'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The word pass: folds homoglyphs in words that mix Latin with look-alikes (or consist only of
     * look-alikes) and reports words split by many invisible characters. Folding replaces one char by
     * one char, so the mapping is unchanged.
     */
    private void words(String s, Out out, boolean fold, boolean checkInvisible, Signals signals) {
        CharSequence t = out.text();
        int n = t.length();
        int i = 0;
        while (i < n) {
            if (!CharClasses.isWordChar(t.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            boolean latin = false;
            int lookAlikes = 0;
            int otherLetters = 0;
            boolean spaced = true;
            while (i < n && CharClasses.isWordChar(t.charAt(i))) {
                char c = t.charAt(i);
                if (c >= 0x80) {
                    spaced &= !checkInvisible || CharClasses.spaceSeparatedScript(c);
                    if (CharClasses.foldHomoglyph(c) != 0) {
                        lookAlikes++;
                    } else if (CharClasses.isLatinLetter(c)) {
                        latin = true;
                    } else if (Character.isLetter(c)) {
                        otherLetters++;
                    }
                } else if (c >= 'A') {
                    latin = true;
                }
                i++;
            }
            int origStart = out.originalStart(start);
            int origEnd = out.originalEnd(i);
            if (fold && lookAlikes > 0 && (latin || otherLetters == 0)) {
                for (int k = start; k < i; k++) {
                    char f = CharClasses.foldHomoglyph(t.charAt(k));
                    if (f != 0) {
                        out.replace(k, f);
                    }
                }
                // a word of look-alikes only may just be Greek or Cyrillic; mixing scripts is the tell
                if (latin) {
                    signals.findings.add(
                            new Finding(Category.PROMPT_INJECTION, TYPE_HOMOGLYPHS, origStart, origEnd, 0.4, DETECTOR));
                }
            }
            // Thai, Khmer, CJK and similar scripts separate words with zero-width spaces legitimately
            if (checkInvisible && spaced && origEnd - origStart > i - start) {
                int invisible = 0;
                for (int k = origStart; k < origEnd; ) {
                    int cp = s.codePointAt(k);
                    if (CharClasses.isInvisible(cp) && !CharClasses.isTag(cp)) {
                        invisible++;
                    }
                    k += Character.charCount(cp);
                }
                if (invisible >= config.minInvisibleInWord()) {
                    signals.findings.add(
                            new Finding(Category.PROMPT_INJECTION, TYPE_INVISIBLE, origStart, origEnd, 0.5, DETECTOR));
                }
            }
        }
    }

    private boolean stable(char c) {
        return (nfkcStable[c >>> 6] & (1L << c)) != 0;
    }

    private static long[] stableTable() {
        long[] bits = new long[1024];
        for (int c = 0x80; c < 0x10000; c++) {
            if (c >= 0xD800 && c <= 0xDFFF || CharClasses.continuesSegment(c)) {
                continue;
            }
            String one = String.valueOf((char) c);
            if (java.text.Normalizer.isNormalized(one, java.text.Normalizer.Form.NFKC)) {
                bits[c >>> 6] |= 1L << c;
            }
        }
        return bits;
    }

    /**
     * The primary view under construction. Until {@link #materialize} the output is exactly the
     * original up to the current position, so the identity mapping needs no arrays.
     */
    private static final class Out {
        final String original;
        StringBuilder sb;
        char[] folded;
        int[] starts;
        int[] ends;

        Out(String original) {
            this.original = original;
        }

        void keep(int from, int to) {
            if (sb == null) {
                return;
            }
            for (int k = from; k < to; k++) {
                append(original.charAt(k), k, k + 1);
            }
        }

        void emit(String text, int from, int to) {
            materialize(from);
            for (int k = 0; k < text.length(); k++) {
                append(text.charAt(k), from, to);
            }
        }

        void skip(int at) {
            materialize(at);
        }

        /** Copies the unchanged prefix {@code [0, upTo)} of the original into the output buffers. */
        private void materialize(int upTo) {
            if (sb != null) {
                return;
            }
            int cap = original.length() + 16;
            sb = new StringBuilder(cap);
            starts = new int[cap];
            ends = new int[cap];
            sb.append(original, 0, upTo);
            for (int k = 0; k < upTo; k++) {
                starts[k] = k;
                ends[k] = k + 1;
            }
        }

        private void append(char c, int from, int to) {
            int k = sb.length();
            if (k == starts.length) {
                int cap = k + (k >> 1) + 16;
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            sb.append(c);
            starts[k] = from;
            ends[k] = to;
        }

        CharSequence text() {
            // the word pass reads this before any fold, so the original is the right text
            return sb != null ? sb : original;
        }

        void replace(int index, char c) {
            if (sb != null) {
                sb.setCharAt(index, c);
                return;
            }
            if (folded == null) {
                folded = original.toCharArray();
            }
            folded[index] = c;
        }

        int originalStart(int index) {
            return sb == null ? index : starts[index];
        }

        int originalEnd(int endExclusive) {
            if (sb == null) {
                return endExclusive;
            }
            return endExclusive == 0 ? 0 : ends[endExclusive - 1];
        }

        MappedView view() {
            if (sb == null) {
                return new MappedView(folded == null ? original : new String(folded));
            }
            return new MappedView(sb.toString(), original.length(), starts, ends);
        }
    }

    // ---------------------------------------------------------------- decoded views

    /** One text's decoding: the views found so far and the character budget left. */
    private final class Decoding {
        final List<TextView> views = new ArrayList<>(2);
        int budget = config.maxDecodedChars();

        void tagViews(String s, int[] tagRuns) {
            for (int k = 0; k < tagRuns.length && views.size() < config.maxDecodedViews(); k += 2) {
                StringBuilder sb = new StringBuilder((tagRuns[k + 1] - tagRuns[k]) / 2);
                for (int i = tagRuns[k]; i < tagRuns[k + 1] && sb.length() < budget; i += 2) {
                    int v = s.codePointAt(i) - CharClasses.TAG_FIRST;
                    if (v >= 0x20 && v < 0x7F) {
                        sb.append((char) v);
                    }
                }
                if (!sb.isEmpty()) {
                    budget -= sb.length();
                    views.add(new SpanView(sb.toString(), TAG_TRANSFORM, tagRuns[k], tagRuns[k + 1]));
                }
            }
        }

        /**
         * Decodes the runs in {@code text} (the text of {@code parent}); returns true when one run
         * covered all of {@code text}, so the caller may drop {@code parent} as a mere wrapper.
         */
        boolean decode(String text, TextView parent, int depth, String chain) {
            List<EncodedRuns.Run> found = runs.scan(text);
            boolean whole = false;
            for (EncodedRuns.Run run : found) {
                if (views.size() >= config.maxDecodedViews() || budget <= 0) {
                    break;
                }
                String payload = EncodedRuns.decode(text, run, budget, config.minPrintableRatio());
                if (payload == null) {
                    continue;
                }
                String clean = cleanDecoded(payload);
                budget -= clean.length();
                int spanStart = parent.originalStart(run.start());
                int spanEnd = Math.max(spanStart, parent.originalEnd(run.end()));
                String transform = chain.isEmpty() ? run.kind().transform : chain + "+" + run.kind().transform;
                SpanView view = new SpanView(clean, transform, spanStart, spanEnd);
                int at = views.size();
                views.add(view);
                if (depth < config.maxDecodeDepth() && decode(clean, view, depth + 1, transform)) {
                    views.remove(at);
                }
                whole |= coversAll(text, run);
            }
            return whole;
        }

        /** Decoded text gets the same Unicode clean-up as the primary view (mapping is per run anyway). */
        private String cleanDecoded(String payload) {
            if (plainAscii(payload)) {
                return payload;
            }
            return primary(payload, new Signals()).text();
        }

        private static boolean coversAll(String text, EncodedRuns.Run run) {
            for (int k = 0; k < run.start(); k++) {
                if (!Character.isWhitespace(text.charAt(k))) {
                    return false;
                }
            }
            for (int k = run.end(); k < text.length(); k++) {
                if (!Character.isWhitespace(text.charAt(k))) {
                    return false;
                }
            }
            return true;
        }
    }
}
