package io.airs.aws.evidence;

import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.EvidenceSink;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * An {@link EvidenceSink} that writes each sealed record as one JSON line (the core's evidence
 * codec) to a line consumer, in Lambda standard output, so CloudWatch Logs keeps the records for
 * the log group's retention. The chain starts at genesis with each new sink (each Lambda instance);
 * {@code airs evidence verify} checks each instance's chain. Thread-safe.
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
