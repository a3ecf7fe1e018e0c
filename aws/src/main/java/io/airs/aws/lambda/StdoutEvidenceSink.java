package io.airs.aws.lambda;

import io.airs.core.evidence.ChainHead;
import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.EvidenceSink;
import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EvidenceSink} that writes each sealed record as one JSON line to a stream (stdout in
 * Lambda, which CloudWatch Logs keeps in the container's log stream).
 *
 * <p>Each container keeps its own chain, starting at genesis when the container starts: a Lambda
 * container writes to exactly one log stream, so a chain is verified per log stream ({@code airs
 * evidence verify} over the stream's records in order). Records carry hashes and redacted excerpts,
 * never raw content (the core builds them so). Thread-safe.
 *
 * <pre>{@code
 * EvidenceSink sink = new StdoutEvidenceSink(System.out);
 * }</pre>
 */
public final class StdoutEvidenceSink implements EvidenceSink {

    /** Prefix-free: every line is exactly one record, so log subscriptions can parse it as JSON. */
    private final PrintStream out;

    private final EvidenceCodec codec;
    private final ReentrantLock lock = new ReentrantLock();
    private ChainHead head;

    /** A sink writing a chain that starts at genesis. */
    public StdoutEvidenceSink(PrintStream out) {
        this(out, ChainHead.genesis(), new EvidenceCodec());
    }

    /** A sink writing a chain that continues from {@code start}. */
    public StdoutEvidenceSink(PrintStream out, ChainHead start, EvidenceCodec codec) {
        this.out = Objects.requireNonNull(out, "out");
        this.head = Objects.requireNonNull(start, "start");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public EvidenceRecord append(EvidenceDraft draft) {
        Objects.requireNonNull(draft, "draft");
        lock.lock();
        try {
            EvidenceRecord record = codec.seal(draft, head.nextSeq(), head.hash());
            out.println(codec.write(record));
            if (out.checkError()) {
                // Evidence must never vanish silently: the caller fails closed on this.
                throw new IllegalStateException("evidence stream failed");
            }
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
