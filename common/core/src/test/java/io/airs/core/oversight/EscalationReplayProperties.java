package io.airs.core.oversight;

import static io.airs.core.oversight.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class EscalationReplayProperties {

    private static final OversightConfig CONFIG = OversightConfig.defaults();

    /** One step of a history: open a ticket, decide one, or let time pass and sweep. */
    sealed interface Op {}

    record Open(Severity queue, String held) implements Op {}

    record Decide(int target, ReviewDecision decision) implements Op {}

    record Sweep() implements Op {}

    /** Every op advances the clock by {@code minutes} first. */
    record Step(int minutes, Op op) {}

    @Property(tries = 150)
    void anyInterleavingReplayedFromTheJournalYieldsTheInMemoryState(@ForAll("histories") List<Step> history)
            throws IOException {
        Path dir = Files.createTempDirectory("escalation-replay");
        try {
            InMemoryEscalationStore memory = new InMemoryEscalationStore(CONFIG);
            List<Object> memoryResults = new ArrayList<>();
            List<Object> fileResults = new ArrayList<>();
            try (FileEscalationStore file =
                    FileEscalationStore.open(dir, CONFIG, new FileEscalationStoreConfig(false))) {
                run(history, memory, memoryResults);
                run(history, file, fileResults);
            }
            assertThat(fileResults).isEqualTo(memoryResults);
            try (FileEscalationStore replayed =
                    FileEscalationStore.open(dir, CONFIG, new FileEscalationStoreConfig(false))) {
                assertThat(state(replayed)).isEqualTo(state(memory));
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
    }

    /** Applies the history, recording each call's result or the kind of failure. */
    private static void run(List<Step> history, EscalationStore store, List<Object> results) {
        Instant now = T0;
        int opened = 0;
        for (Step step : history) {
            now = now.plus(Duration.ofMinutes(step.minutes()));
            try {
                switch (step.op()) {
                    case Open o -> {
                        String ticket = "esc_" + opened++;
                        results.add(store.open(
                                Fixtures.newEscalation(ticket, o.queue(), now, CONFIG.sla(o.queue())), o.held()));
                    }
                    case Decide d -> results.add(store.decide("esc_" + d.target(), d.decision(), now));
                    case Sweep s -> results.add(store.expire(now));
                }
            } catch (UnknownTicketException | AlreadyDecidedException | InvalidReviewException e) {
                results.add(e.getClass().getSimpleName() + ":" + e.getMessage());
            }
        }
    }

    private static List<Object> state(EscalationStore s) {
        List<Object> out = new ArrayList<>();
        for (Escalation e : s.list(EscalationFilter.all(), Integer.MAX_VALUE)) {
            out.add(e);
            out.add(s.heldContent(e.ticket()));
        }
        return out;
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> note = Arbitraries.oneOf(Arbitraries.just(null), text);
        Arbitrary<String> reviewer = Arbitraries.of("alice", "bob", "Zoë", "审核员");
        Arbitrary<ReviewDecision> decision = Arbitraries.oneOf(
                Combinators.combine(reviewer, note).as(ReviewDecision::approve),
                Combinators.combine(reviewer, note).as(ReviewDecision::deny),
                Combinators.combine(reviewer, note, text).as(ReviewDecision::modify),
                Combinators.combine(reviewer, note).as(ReviewDecision::escalate));
        Arbitrary<Op> op = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        4,
                        Combinators.combine(Arbitraries.of(Severity.class), text)
                                .as(Open::new)),
                net.jqwik.api.Tuple.of(
                        5,
                        Combinators.combine(Arbitraries.integers().between(0, 12), decision)
                                .as(Decide::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Sweep())));
        // Steps of up to ~17 hours, so every queue's deadline is crossed in some histories.
        Arbitrary<Integer> minutes = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 5), Arbitraries.integers().between(0, 1000));
        return Combinators.combine(minutes, op).as(Step::new).list().ofMaxSize(40);
    }
}
