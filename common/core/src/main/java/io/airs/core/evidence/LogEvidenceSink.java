package io.airs.core.evidence;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An {@link EvidenceSink} that writes each sealed record as one JSON line (the core's evidence
 * codec) to a line consumer: a serverless function's standard output, so the platform's log store
 * (CloudWatch Logs, Application Insights) keeps the records for its retention. The chain starts at
 * genesis with each new sink (each function instance); {@code airs evidence verify} checks each
 * instance's chain. Thread-safe.
 */
public final class LogEvidenceSink implements EvidenceSink {

    private final Consumer<String> out;
    private final EvidenceCodec codec = new EvidenceCodec();
    private final ReentrantLock lock = new ReentrantLock();
    private ChainHead head = ChainHead.genesis();

    /** @param out receives each record's JSON line */
    public LogEvidenceSink(Consumer<String> out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    @Override
    public EvidenceRecord append(EvidenceDraft draft) {
        Objects.requireNonNull(draft, "draft");
        lock.lock();
        try {
            EvidenceRecord record = codec.seal(draft, head.nextSeq(), head.hash());
            out.accept(codec.write(record));
            head = ChainHead.after(record);
            return record;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ChainHead head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }
}
