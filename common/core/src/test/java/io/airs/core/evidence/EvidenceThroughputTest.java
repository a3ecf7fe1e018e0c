package io.airs.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prints what sealing and verifying cost; the bounds are loose ceilings, not targets. */
class EvidenceThroughputTest {

    private static final int WARMUP = 3_000;
    private static final int MEASURED = 5_000;

    @TempDir
    Path dir;

    @Test
    void sealsAndVerifiesWellWithinTheDecisionBudget() throws IOException {
        List<EvidenceDraft> drafts = java.util.stream.IntStream.range(0, 64)
                .mapToObj(EvidenceFixtures::draft)
                .toList();
        int lineBytes =
                new EvidenceCodec().write(EvidenceFixtures.chain(1).get(0)).length();

        InMemoryEvidenceSink memory = new InMemoryEvidenceSink(1024);
        long[] mem = time(memory::append, drafts);

        Path file = dir.resolve("evidence.jsonl");
        long[] disk;
        try (FileEvidenceSink sink =
                FileEvidenceSink.open(file, FileEvidenceSinkConfig.defaults().withFsync(false))) {
            disk = time(sink::append, drafts);
        }

        long start = System.nanoTime();
        VerificationResult r = new EvidenceVerifier().verify(file);
        double verifySeconds = (System.nanoTime() - start) / 1e9;

        System.out.printf(
                Locale.ROOT,
                "evidence: record ~%d bytes; in-memory append p50 %.1f us p99 %.1f us; "
                        + "file append (no fsync) p50 %.1f us p99 %.1f us; verify %d records in %.2f s (%.0f records/s)%n",
                lineBytes,
                pct(mem, 50),
                pct(mem, 99),
                pct(disk, 50),
                pct(disk, 99),
                r.recordsVerified(),
                verifySeconds,
                r.recordsVerified() / verifySeconds);
        assertThat(r.valid()).isTrue();
        assertThat(r.recordsVerified()).isEqualTo(WARMUP + MEASURED);
        assertThat(pct(mem, 50)).isLessThan(500.0);
    }

    private interface Append {
        EvidenceRecord append(EvidenceDraft d);
    }

    private static long[] time(Append sink, List<EvidenceDraft> drafts) {
        for (int i = 0; i < WARMUP; i++) {
            sink.append(drafts.get(i % drafts.size()));
        }
        long[] nanos = new long[MEASURED];
        for (int i = 0; i < MEASURED; i++) {
            long t = System.nanoTime();
            sink.append(drafts.get(i % drafts.size()));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
