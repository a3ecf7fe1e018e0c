package io.airs.core.evidence;

/**
 * Where evidence records go. The sink seals each draft into its chain: it assigns the next {@code
 * seq}, links it to the previous record's hash and computes its own, atomically, so concurrent
 * callers always produce one valid chain.
 *
 * <p>There is deliberately no discarding sink: evidence must never silently vanish. A sink that
 * cannot store a record throws, and the caller fails closed.
 *
 * <pre>{@code
 * EvidenceRecord sealed = sink.append(EvidenceDraft.fromDecision(decision, ...));
 * }</pre>
 */
public interface EvidenceSink {

    /**
     * Seals {@code draft} into the chain and stores it.
     *
     * @return the sealed record, as stored
     * @throws java.io.UncheckedIOException when the record could not be stored
     * @throws IllegalStateException when the sink is closed or failed earlier
     */
    EvidenceRecord append(EvidenceDraft draft);

    /** The chain's current head: the seq the next record gets and the hash it will link to. */
    ChainHead head();
}
