package io.airs.core.evidence;

import java.util.Objects;

/**
 * What a verification expects of a chain besides its internal links.
 *
 * @param anchorHash the {@code prevHash} the first record must carry: {@link
 *     EvidenceRecord#GENESIS_HASH} for a chain's first file, the previous file's head for a rotated one
 * @param firstSeq the {@code seq} the first record must carry, or null to take it from the first
 *     record (a rotated file whose anchor hash alone is known)
 * @param expectedHead the head the chain must reach, from a trusted copy kept elsewhere, or null;
 *     with it a truncated tail or a rewritten chain is detected
 */
public record VerificationOptions(String anchorHash, Long firstSeq, ChainHead expectedHead) {

    public VerificationOptions {
        EvidenceRecord.requireHash(anchorHash, "anchorHash");
        if (firstSeq != null && firstSeq < 0) {
            throw new IllegalArgumentException("firstSeq is negative");
        }
    }

    /** A whole chain: the first record has seq 0 and links to genesis; no expected head. */
    public static VerificationOptions defaults() {
        return new VerificationOptions(EvidenceRecord.GENESIS_HASH, 0L, null);
    }

    /** A chain that continues exactly from {@code anchor} (seq and hash). */
    public static VerificationOptions continuing(ChainHead anchor) {
        return new VerificationOptions(anchor.hash(), anchor.nextSeq(), null);
    }

    /** A rotated file whose first record links to {@code anchorHash}, at whatever seq it carries. */
    public static VerificationOptions rotated(String anchorHash) {
        return new VerificationOptions(anchorHash, null, null);
    }

    /** These options also requiring the chain to reach {@code head}. */
    public VerificationOptions withExpectedHead(ChainHead head) {
        return new VerificationOptions(anchorHash, firstSeq, Objects.requireNonNull(head, "head"));
    }
}
