package io.airs.core.oversight;

import static io.airs.core.oversight.Fixtures.T0;
import static io.airs.core.oversight.Fixtures.newEscalation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEscalationStoreTest {

    private static final OversightConfig CONFIG = OversightConfig.defaults();
    private static final String SECRET_HELD = "the raw response with sk-live-1234567890";

    @TempDir
    Path dir;

    private FileEscalationStore open(Path where) throws IOException {
        return FileEscalationStore.open(where, CONFIG);
    }

    /** What a crash leaves: the journal's bytes as they are on disk, in a fresh directory. */
    private Path crashCopy() throws IOException {
        Path copy = Files.createDirectories(dir.resolve("after-crash-" + System.nanoTime()));
        Files.copy(
                dir.resolve("store").resolve(FileEscalationStore.JOURNAL), copy.resolve(FileEscalationStore.JOURNAL));
        return copy;
    }

    private static List<Object> state(EscalationStore s) {
        List<Object> out = new ArrayList<>();
        for (Escalation e : s.list(EscalationFilter.all(), Integer.MAX_VALUE)) {
            out.add(e);
            out.add(s.heldContent(e.ticket()));
        }
        return out;
    }

    private void populate(EscalationStore s) {
        s.open(newEscalation("esc_a", Severity.HIGH, T0, Duration.ofHours(4)), SECRET_HELD);
        s.open(newEscalation("esc_b", Severity.STANDARD, T0, Duration.ofHours(24)), "held b");
        s.open(newEscalation("esc_c", Severity.STANDARD, T0, Duration.ofHours(24)), "held c");
        s.open(newEscalation("esc_d", Severity.SAMPLING, T0, Duration.ofHours(72)), "held d \uD83D\uDE00 \uD800");
        s.open(newEscalation("esc_e", Severity.CRITICAL, T0, Duration.ofHours(1)), "held e");
        s.decide("esc_a", ReviewDecision.approve("alice", "fine"), T0.plusSeconds(60));
        s.decide("esc_b", ReviewDecision.modify("bob", null, "redacted text"), T0.plusSeconds(120));
        s.decide("esc_c", ReviewDecision.escalate("carol", "legal"), T0.plusSeconds(180));
        s.expire(T0.plus(Duration.ofHours(2)));
    }

    @Test
    void reopeningReplaysTheStateExactly() throws IOException {
        Path where = dir.resolve("store");
        List<Object> before;
        try (FileEscalationStore s = open(where)) {
            populate(s);
            before = state(s);
        }
        InMemoryEscalationStore memory = new InMemoryEscalationStore(CONFIG);
        populate(memory);

        try (FileEscalationStore reopened = open(where)) {
            assertThat(state(reopened)).isEqualTo(before).isEqualTo(state(memory));
            assertThat(reopened.get("esc_e").orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
            assertThat(reopened.get("esc_c").orElseThrow().queue()).isEqualTo(Severity.HIGH);
            assertThat(reopened.heldContent("esc_d")).contains("held d \uD83D\uDE00 \uD800");
            assertThat(reopened.tornBytesDropped()).isZero();
            // It goes on working after replay.
            reopened.decide("esc_c", ReviewDecision.deny("dave", null), T0.plus(Duration.ofHours(3)));
        }
        try (FileEscalationStore again = open(where)) {
            assertThat(again.get("esc_c").orElseThrow().status()).isEqualTo(EscalationStatus.DENIED);
        }
    }

    @Test
    void theJournalIsJsonLinesWithOneEventPerLine() throws IOException {
        Path where = dir.resolve("store");
        try (FileEscalationStore s = open(where)) {
            populate(s);
        }
        List<String> lines = Files.readAllLines(where.resolve(FileEscalationStore.JOURNAL));
        assertThat(lines).hasSize(9);
        assertThat(lines.get(0)).contains("\"event\":\"opened\"");
        assertThat(lines.get(5)).contains("\"event\":\"decided\"");
        assertThat(lines.get(7)).contains("\"event\":\"escalated\"");
        assertThat(lines.get(8)).contains("\"event\":\"expired\"");
        assertThat(String.join("\n", lines)).matches("\\p{ASCII}*");
    }

    @Test
    void aTornLastLineIsDroppedAndEverythingBeforeItSurvives() throws IOException {
        Path where = dir.resolve("store");
        List<Object> before;
        try (FileEscalationStore s = open(where)) {
            populate(s);
            before = state(s);
        }
        Path journal = where.resolve(FileEscalationStore.JOURNAL);
        long intact = Files.size(journal);
        String torn = "{\"v\":1,\"event\":\"decided\",\"ticket\":\"esc_d\",\"status\":\"APPR";
        Files.writeString(journal, torn, StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        try (FileEscalationStore reopened = open(where)) {
            assertThat(reopened.tornBytesDropped()).isEqualTo(torn.length());
            assertThat(state(reopened)).isEqualTo(before);
            assertThat(Files.size(journal)).isEqualTo(intact);
            reopened.decide("esc_d", ReviewDecision.deny("erin", null), T0.plus(Duration.ofHours(3)));
        }
        try (FileEscalationStore again = open(where)) {
            assertThat(again.get("esc_d").orElseThrow().status()).isEqualTo(EscalationStatus.DENIED);
        }
    }

    @Test
    void aTornLineInsideAMultiByteCharacterIsDroppedToo() throws IOException {
        Path where = dir.resolve("store");
        try (FileEscalationStore s = open(where)) {
            s.open(newEscalation("esc_a", Severity.HIGH, T0, Duration.ofHours(4)), "a");
        }
        Path journal = where.resolve(FileEscalationStore.JOURNAL);
        Files.write(journal, new byte[] {'{', '"', (byte) 0xE2, (byte) 0x82}, StandardOpenOption.APPEND);

        try (FileEscalationStore reopened = open(where)) {
            assertThat(reopened.tornBytesDropped()).isEqualTo(4);
            assertThat(reopened.list(EscalationFilter.all(), 10)).hasSize(1);
        }
    }

    @Test
    void aCorruptCompleteLineStopsTheOpenNamingTheLineButNotItsContent() throws IOException {
        Path where = dir.resolve("store");
        try (FileEscalationStore s = open(where)) {
            populate(s);
        }
        Path journal = where.resolve(FileEscalationStore.JOURNAL);
        List<String> lines = new ArrayList<>(Files.readAllLines(journal));
        lines.set(
                2,
                lines.get(2)
                        .replace("\"event\":\"opened\"", "\"event\":\"opened\",")
                        .replace("held c", "x"));
        Files.write(journal, lines);

        assertThatThrownBy(() -> open(where))
                .isInstanceOf(EscalationJournalException.class)
                .hasMessageContaining("line 3")
                .hasMessageNotContaining("held");
    }

    @Test
    void anAcknowledgedDecisionSurvivesAKill() throws IOException {
        FileEscalationStore s = open(dir.resolve("store"));
        s.open(newEscalation("esc_a", Severity.HIGH, T0, Duration.ofHours(4)), SECRET_HELD);
        s.open(newEscalation("esc_b", Severity.HIGH, T0, Duration.ofHours(4)), "b");
        s.decide("esc_a", ReviewDecision.approve("alice", null), T0.plusSeconds(30));
        // Killed here: never closed, the lock never released; only what is on disk remains.

        try (FileEscalationStore after = open(crashCopy())) {
            assertThat(after.get("esc_a").orElseThrow().status()).isEqualTo(EscalationStatus.APPROVED);
            assertThat(after.get("esc_a").orElseThrow().reviewer()).isEqualTo("alice");
            assertThat(after.heldContent("esc_a")).contains(SECRET_HELD);
            assertThat(after.get("esc_b").orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
        }
        s.close();
    }

    @Test
    void theJournalIsPrivateToItsOwner() throws IOException {
        try (FileEscalationStore s = open(dir.resolve("store"))) {
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                                Files.getPosixFilePermissions(s.journal())))
                        .isEqualTo("rw-------");
            }
        }
    }

    @Test
    void aSecondWriterIsRefused() throws IOException {
        try (FileEscalationStore s = open(dir.resolve("store"))) {
            assertThatThrownBy(() -> open(dir.resolve("store")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already open");
        }
    }

    @Test
    void getAndListNeverCarryTheHeldContent() throws IOException {
        try (FileEscalationStore s = open(dir.resolve("store"))) {
            populate(s);
            assertThat(s.list(EscalationFilter.all(), 100)).allSatisfy(e -> {
                assertThat(e.heldContent()).isNull();
                assertThat(e.toString()).doesNotContain("sk-live");
            });
            assertThat(s.get("esc_a").orElseThrow().heldContent()).isNull();
            assertThat(s.heldContent("esc_a")).contains(SECRET_HELD);
        }
    }

    @Test
    void deciding404And409AndIdempotentRepeatMatchTheInMemoryStore() throws IOException {
        try (FileEscalationStore s = open(dir.resolve("store"))) {
            s.open(newEscalation("esc_a", Severity.HIGH, T0, Duration.ofHours(4)), "a");
            Escalation first = s.decide("esc_a", ReviewDecision.deny("bob", "no"), T0.plusSeconds(5));

            assertThat(s.decide("esc_a", ReviewDecision.deny("bob", "no"), T0.plusSeconds(9)))
                    .isEqualTo(first);
            assertThatThrownBy(() -> s.decide("esc_a", ReviewDecision.approve("bob", "no"), T0.plusSeconds(9)))
                    .isInstanceOf(AlreadyDecidedException.class)
                    .hasMessageContaining("DENIED");
            assertThatThrownBy(() -> s.decide("esc_zz", ReviewDecision.approve("bob", null), T0))
                    .isInstanceOf(UnknownTicketException.class);
            assertThatThrownBy(() -> s.open(newEscalation("esc_a", Severity.HIGH, T0, Duration.ofHours(4)), "a"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Files.readAllLines(dir.resolve("store").resolve(FileEscalationStore.JOURNAL)))
                .hasSize(2);
    }

    @Test
    void concurrentOpensAndDecidesKeepAConsistentJournal() throws Exception {
        int threads = 4;
        int perThread = 50;
        Path where = dir.resolve("store");
        List<Object> live;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (FileEscalationStore s = FileEscalationStore.open(where, CONFIG, new FileEscalationStoreConfig(false))) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        String ticket = "esc_" + id + "_" + i;
                        s.open(newEscalation(ticket, Severity.STANDARD, T0, Duration.ofHours(24)), "held " + ticket);
                        // Every thread also races on the others' tickets: exactly one decision wins.
                        String other = "esc_" + ((id + 1) % threads) + "_" + i;
                        for (String target : List.of(ticket, other)) {
                            try {
                                s.decide(target, ReviewDecision.approve("r" + id, null), T0.plusSeconds(i));
                            } catch (UnknownTicketException | AlreadyDecidedException expected) {
                                // lost the race, or the other thread has not opened it yet
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            live = state(s);
            assertThat(s.list(EscalationFilter.all(), Integer.MAX_VALUE)).hasSize(threads * perThread);
            assertThat(s.list(EscalationFilter.open(), Integer.MAX_VALUE)).isEmpty();
        } finally {
            pool.shutdownNow();
        }
        List<String> lines = Files.readAllLines(where.resolve(FileEscalationStore.JOURNAL));
        assertThat(lines).hasSize(2 * threads * perThread);
        try (FileEscalationStore reopened = open(where)) {
            assertThat(state(reopened)).isEqualTo(live);
        }
    }
}
