package io.airs.core.evidence;

/**
 * The position of an evidence chain: the sequence number the next record gets and the hash it must
 * link to. A sink starts from {@link #genesis()} or, for a rotated file, from the head of the
 * previous file; a verifier given an expected head detects a truncated tail.
 *
 * @param nextSeq the {@code seq} of the next record, {@code >= 0}
 * @param hash the hash of the last record, or {@link EvidenceRecord#GENESIS_HASH} for an empty chain
 */
public record ChainHead(long nextSeq, String hash) {

    private static final ChainHead GENESIS = new ChainHead(0, EvidenceRecord.GENESIS_HASH);

    public ChainHead {
        if (nextSeq < 0) {
            throw new IllegalArgumentException("nextSeq " + nextSeq + " is negative");
        }
        EvidenceRecord.requireHash(hash, "hash");
    }

    /** The head of an empty chain: seq 0, linking to 64 zeros. */
    public static ChainHead genesis() {
        return GENESIS;
    }

    /** The head after {@code record}: the next seq and the record's hash. */
    public static ChainHead after(EvidenceRecord record) {
        return new ChainHead(record.seq() + 1, record.hash());
    }
}
