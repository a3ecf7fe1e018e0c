package io.airs.core.guardrail.injection;

/**
 * One compiled phrase pattern: a sequence of slots, the first of which is found by the keyword trie
 * and the rest confirmed by walking forward over the text.
 *
 * @param index position in the pattern set, used for per-scan bookkeeping
 * @param family the technique this phrase signals
 * @param weight the phrase's contribution to its category score, in (0, 1]
 * @param slots the slots; {@code slots[0]} is never a gap and never optional
 * @param anchored whether the phrase must open a sentence: only white space, quotes or list markers
 *     stand between it and the start of the text, a line, or the end of the previous sentence
 * @param source the pattern as written, for error messages and tests
 */
record PhrasePattern(int index, InjectionFamily family, double weight, Slot[] slots, boolean anchored, String source) {

    /**
     * One position in a phrase: either a gap of up to {@code gap} arbitrary words, or a choice of
     * alternatives, possibly optional.
     */
    record Slot(int gap, boolean optional, Alternative[] alternatives, char[] firsts) {

        /**
         * A slot; {@code firsts} holds each alternative's folded first character, so that at a given
         * position most alternatives are rejected by one comparison.
         */
        Slot(int gap, boolean optional, Alternative[] alternatives) {
            this(gap, optional, alternatives, firstChars(alternatives));
        }

        private static char[] firstChars(Alternative[] alternatives) {
            char[] f = new char[alternatives.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = Chars.fold(alternatives[i].words()[0].charAt(0));
            }
            return f;
        }

        boolean isGap() {
            return gap > 0;
        }
    }

    /**
     * A sequence of words that fills a slot. Words are stored case-folded; a prefix word matches
     * any word that starts with it ("instruction*" matches "instructions"); a literal is matched as
     * written, without word-boundary rules ("&lt;|im_start|&gt;"); a case-sensitive alternative must
     * match the original case ("DAN").
     */
    record Alternative(String[] words, boolean[] prefix, boolean literal, boolean caseSensitive) {}
}
