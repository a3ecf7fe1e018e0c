package io.airs.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryEvidenceSinkTest {

    private final EvidenceVerifier verifier = new EvidenceVerifier();

    @Test
    void keepsTheLastRecordsAndTheRunningHead() {
        InMemoryEvidenceSink sink = new InMemoryEvidenceSink(3);
        assertThat(sink.head()).isEqualTo(ChainHead.genesis());
        List<EvidenceRecord> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            all.add(sink.append(EvidenceFixtures.draft(i)));
        }
        assertThat(sink.records()).containsExactlyElementsOf(all.subList(4, 7));
        assertThat(sink.appendedCount()).isEqualTo(7);
        assertThat(sink.head()).isEqualTo(ChainHead.after(all.get(6)));
        assertThat(verifier.verify(all).valid()).isTrue();
        assertThat(verifier.verify(sink.records(), VerificationOptions.continuing(ChainHead.after(all.get(3))))
                        .valid())
                .isTrue();
    }

    @Test
    void continuesFromAGivenHead() {
        List<EvidenceRecord> first = EvidenceFixtures.chain(4);
        ChainHead head = ChainHead.after(first.get(3));
        InMemoryEvidenceSink sink = new InMemoryEvidenceSink(10, head, new EvidenceCodec());
        EvidenceRecord next = sink.append(EvidenceFixtures.draft(4));
        assertThat(next.seq()).isEqualTo(4);
        assertThat(next.prevHash()).isEqualTo(first.get(3).hash());
        List<EvidenceRecord> whole = new ArrayList<>(first);
        whole.add(next);
        assertThat(verifier.verify(whole).valid()).isTrue();
    }

    @Test
    void rejectsANonPositiveCapacity() {
        assertThatThrownBy(() -> new InMemoryEvidenceSink(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAppendsFromManyThreadsFormOneValidChain() throws Exception {
        int threads = 8;
        int perThread = 250;
        InMemoryEvidenceSink sink = new InMemoryEvidenceSink(threads * perThread);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        sink.append(EvidenceFixtures.draft(base + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<EvidenceRecord> records = sink.records();
        assertThat(records).hasSize(threads * perThread);
        assertThat(records).extracting(EvidenceRecord::recordId).doesNotHaveDuplicates();
        VerificationResult r = verifier.verify(records);
        assertThat(r.valid()).isTrue();
        assertThat(r.head()).isEqualTo(sink.head());
    }
}
