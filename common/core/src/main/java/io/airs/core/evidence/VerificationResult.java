package io.airs.core.evidence;

import java.util.Locale;

/**
 * The outcome of verifying an evidence chain.
 *
 * @param recordsVerified how many records passed every check before the first failure (all of them
 *     when valid)
 * @param head the chain's head after the last record that passed: its next seq and its hash
 * @param failure the first broken record, or null when the chain verifies
 */
public record VerificationResult(long recordsVerified, ChainHead head, Failure failure) {

    /** Whether every record verified and every expectation held. */
    public boolean valid() {
        return failure == null;
    }

    /** The hash of the last record that verified (the anchor hash when none did). */
    public String headHash() {
        return head.hash();
    }

    /** What is wrong with a record. */
    public enum Problem {
        /** The record's content does not match its hash: it was changed. */
        HASH_MISMATCH,
        /** The record does not link to the one before it: a record was removed, reordered or forged. */
        PREV_HASH_MISMATCH,
        /** The record's seq is not one more than the previous one: removed, reordered or duplicated. */
        SEQ_GAP,
        /** The line is not a well-formed record. */
        PARSE_ERROR,
        /** The chain ends before the expected head: its tail was cut off. */
        TRUNCATED,
        /** The chain reaches the expected head's seq with a different hash: it was rewritten. */
        HEAD_MISMATCH;

        /** The wire name, such as {@code hash_mismatch}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The first broken record.
     *
     * @param line the 1-based line in the file (for a list, the 1-based position); for {@link
     *     Problem#TRUNCATED} the line where the next record should have been
     * @param seq the seq the record carries, or the seq expected there when it cannot be read or is
     *     missing
     * @param problem what is wrong
     * @param detail a short explanation that names fields and numbers, never record content
     */
    public record Failure(long line, long seq, Problem problem, String detail) {}
}
