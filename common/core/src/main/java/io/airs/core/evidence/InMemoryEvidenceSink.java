package io.airs.core.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EvidenceSink} that keeps the last {@code capacity} records in memory, plus the running
 * head of the whole chain. Meant for tests, benchmarks and the local runner; older records fall
 * out of the ring but still count in {@link #head()}. Thread-safe.
 */
public final class InMemoryEvidenceSink implements EvidenceSink {

    private final EvidenceCodec codec;
    private final EvidenceRecord[] ring;
    private final ReentrantLock lock = new ReentrantLock();
    private ChainHead head;
    private long appended;

    /** A sink keeping the last {@code capacity} records of a chain that starts at genesis. */
    public InMemoryEvidenceSink(int capacity) {
        this(capacity, ChainHead.genesis(), new EvidenceCodec());
    }

    /**
     * A sink keeping the last {@code capacity} records of a chain that continues from {@code start}.
     */
    public InMemoryEvidenceSink(int capacity, ChainHead start, EvidenceCodec codec) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.ring = new EvidenceRecord[capacity];
        this.head = Objects.requireNonNull(start, "start");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    @Override
    public EvidenceRecord append(EvidenceDraft draft) {
        Objects.requireNonNull(draft, "draft");
        lock.lock();
        try {
            EvidenceRecord record = codec.seal(draft, head.nextSeq(), head.hash());
            ring[(int) (appended % ring.length)] = record;
            appended++;
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

    /** The records still held, oldest first. */
    public List<EvidenceRecord> records() {
        lock.lock();
        try {
            int n = (int) Math.min(appended, ring.length);
            List<EvidenceRecord> out = new ArrayList<>(n);
            for (long i = appended - n; i < appended; i++) {
                out.add(ring[(int) (i % ring.length)]);
            }
            return List.copyOf(out);
        } finally {
            lock.unlock();
        }
    }

    /** How many records this sink has appended, including those that fell out of the ring. */
    public long appendedCount() {
        lock.lock();
        try {
            return appended;
        } finally {
            lock.unlock();
        }
    }
}
