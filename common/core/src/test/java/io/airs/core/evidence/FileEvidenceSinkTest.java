package io.airs.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEvidenceSinkTest {

    private final EvidenceVerifier verifier = new EvidenceVerifier();

    @TempDir
    Path dir;

    @Test
    void writesOneRecordPerLineThatVerifies() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        List<EvidenceRecord> appended = new ArrayList<>();
        try (FileEvidenceSink sink = FileEvidenceSink.open(file)) {
            for (int i = 0; i < 5; i++) {
                appended.add(sink.append(EvidenceFixtures.draft(i)));
            }
            assertThat(sink.head()).isEqualTo(ChainHead.after(appended.get(4)));
        }
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        EvidenceCodec codec = new EvidenceCodec();
        for (int i = 0; i < 5; i++) {
            assertThat(codec.read(lines.get(i))).isEqualTo(appended.get(i));
            assertThat(lines.get(i)).isEqualTo(codec.write(appended.get(i)));
            assertThat(appended.get(i).seq()).isEqualTo(i);
        }
        assertThat(appended.get(0).prevHash()).isEqualTo(EvidenceRecord.GENESIS_HASH);
        VerificationResult r = verifier.verify(file);
        assertThat(r.valid()).isTrue();
        assertThat(r.recordsVerified()).isEqualTo(5);
    }

    @Test
    void storesHashesAndExcerptsButNeverTheContent() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        String content = "my card is 4111 1111 1111 1111 and the key is AKIAIOSFODNN7EXAMPLE";
        EvidenceDraft d =
                EvidenceCodecTest.withExcerpt(EvidenceFixtures.draft(0), "my card is [CARD] and the key is [SECRET]");
        d = new EvidenceDraft(
                d.recordId(),
                d.requestId(),
                d.timestamp(),
                d.identities(),
                d.model(),
                d.policyRevision(),
                d.riskTier(),
                d.stage(),
                d.decision(),
                d.reason(),
                d.checks(),
                d.findings(),
                EvidenceDraft.hashContent(content),
                d.redactedExcerpt(),
                d.extra());
        try (FileEvidenceSink sink = FileEvidenceSink.open(file)) {
            sink.append(d);
        }
        String stored = Files.readString(file);
        assertThat(stored).doesNotContain("4111").doesNotContain("AKIAIOSFODNN7EXAMPLE");
        assertThat(stored).contains(EvidenceDraft.hashContent(content));
    }

    @Test
    void resumesTheChainAcrossReopenAndTheWholeFileVerifies() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        FileEvidenceSinkConfig noSync = FileEvidenceSinkConfig.defaults().withFsync(false);
        for (int round = 0; round < 3; round++) {
            try (FileEvidenceSink sink = FileEvidenceSink.open(file, noSync)) {
                assertThat(sink.head().nextSeq()).isEqualTo(round * 4L);
                for (int i = 0; i < 4; i++) {
                    EvidenceRecord r = sink.append(EvidenceFixtures.draft(round * 4 + i));
                    assertThat(r.seq()).isEqualTo(round * 4L + i);
                }
            }
        }
        VerificationResult r = verifier.verify(file);
        assertThat(r.valid()).isTrue();
        assertThat(r.recordsVerified()).isEqualTo(12);
    }

    @Test
    void refusesToOpenAFileWhoseLastLineIsCorruptNamingTheLine() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        appendRecords(file, 3);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 25) + "\n");

        assertThatThrownBy(() -> FileEvidenceSink.open(file))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageContaining("line 3 is corrupt")
                .hasMessageContaining(file.toString());
    }

    @Test
    void refusesToContinueFromALastRecordWhoseHashDoesNotMatch() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        appendRecords(file, 4);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(3, lines.get(3).replace("\"request_id\":\"", "\"request_id\":\"forged-"));
        assertThat(lines.get(3)).contains("forged-");
        Files.write(file, lines);

        assertThatThrownBy(() -> FileEvidenceSink.open(file))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageContaining("line 4 is corrupt")
                .hasMessageContaining("hash does not match");
    }

    @Test
    void refusesAnEmptyOrTornLastLine() throws IOException {
        Path blank = dir.resolve("blank.jsonl");
        appendRecords(blank, 2);
        Files.writeString(blank, "\n", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> FileEvidenceSink.open(blank)).hasMessageContaining("line 3 is corrupt");

        Path torn = dir.resolve("torn.jsonl");
        appendRecords(torn, 2);
        Files.writeString(torn, "{\"v\":1,\"seq\":2,\"rec", StandardOpenOption.APPEND);
        assertThatThrownBy(() -> FileEvidenceSink.open(torn)).hasMessageContaining("line 3 is corrupt");
    }

    @Test
    void resumesAfterAnIntactLastLineThatLacksItsNewline() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        appendRecords(file, 3);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 1));
        try (FileEvidenceSink sink = FileEvidenceSink.open(file)) {
            assertThat(sink.append(EvidenceFixtures.draft(3)).seq()).isEqualTo(3);
        }
        assertThat(Files.readAllLines(file)).hasSize(4);
        assertThat(verifier.verify(file).valid()).isTrue();
    }

    @Test
    void resumesFromALastLineLongerThanTheReadChunk() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        EvidenceDraft big = EvidenceFixtures.draft(0);
        for (int i = 0; i < 400; i++) {
            big = big.withExtra("key-" + i, "value-" + i);
        }
        try (FileEvidenceSink sink = FileEvidenceSink.open(file)) {
            sink.append(EvidenceFixtures.draft(1));
            sink.append(big);
        }
        assertThat(Files.readAllLines(file).get(1).length()).isGreaterThan(8192);
        try (FileEvidenceSink sink = FileEvidenceSink.open(file)) {
            assertThat(sink.head().nextSeq()).isEqualTo(2);
            sink.append(EvidenceFixtures.draft(2));
        }
        assertThat(verifier.verify(file).recordsVerified()).isEqualTo(3);
    }

    @Test
    void allowsOneWriterPerFileAndNoAppendAfterClose() throws IOException {
        Path file = dir.resolve("evidence.jsonl");
        FileEvidenceSink sink = FileEvidenceSink.open(file);
        assertThatThrownBy(() -> FileEvidenceSink.open(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already open");
        sink.close();
        assertThatThrownBy(() -> sink.append(EvidenceFixtures.draft(0))).isInstanceOf(IllegalStateException.class);
        try (FileEvidenceSink again = FileEvidenceSink.open(file)) {
            assertThat(again.append(EvidenceFixtures.draft(0)).seq()).isZero();
        }
    }

    @Test
    void aRotatedFileContinuesFromThePreviousHead() throws IOException {
        Path first = dir.resolve("evidence-1.jsonl");
        Path second = dir.resolve("evidence-2.jsonl");
        ChainHead handover;
        try (FileEvidenceSink sink = FileEvidenceSink.open(first)) {
            for (int i = 0; i < 3; i++) {
                sink.append(EvidenceFixtures.draft(i));
            }
            handover = sink.head();
        }
        try (FileEvidenceSink sink = FileEvidenceSink.open(second, FileEvidenceSinkConfig.defaults(), handover)) {
            assertThat(sink.append(EvidenceFixtures.draft(3)).seq()).isEqualTo(3);
            sink.append(EvidenceFixtures.draft(4));
        }
        VerificationResult r1 = verifier.verify(first);
        assertThat(r1.valid()).isTrue();
        assertThat(verifier.verify(second, VerificationOptions.continuing(r1.head()))
                        .valid())
                .isTrue();
        assertThat(verifier.verify(second, VerificationOptions.rotated(handover.hash()))
                        .valid())
                .isTrue();
        assertThat(verifier.verify(second).valid()).isFalse();
    }

    @Test
    void concurrentAppendsFromManyThreadsFormOneValidChain() throws Exception {
        Path file = dir.resolve("evidence.jsonl");
        int threads = 6;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileEvidenceSink sink =
                FileEvidenceSink.open(file, FileEvidenceSinkConfig.defaults().withFsync(false))) {
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
            assertThat(sink.head().nextSeq()).isEqualTo((long) threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        VerificationResult r = verifier.verify(file);
        assertThat(r.valid()).isTrue();
        assertThat(r.recordsVerified()).isEqualTo((long) threads * perThread);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(threads * perThread);
    }

    private static void appendRecords(Path file, int n) throws IOException {
        try (FileEvidenceSink sink =
                FileEvidenceSink.open(file, FileEvidenceSinkConfig.defaults().withFsync(false))) {
            for (int i = 0; i < n; i++) {
                sink.append(EvidenceFixtures.draft(i + 3));
            }
        }
    }
}
