package io.airs.testkit.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.Identities;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationFilter;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.core.oversight.UnknownTicketException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link EscalationStore} shares, whatever keeps the tickets: the port's contract
 * as tests, run unchanged against the core's stores and each platform's. A subclass gives a fresh,
 * empty store per test and adds what only its store does.
 *
 * <pre>{@code
 * class InMemoryEscalationStoreContractTest extends EscalationStoreContract {
 *     @Override
 *     protected EscalationStore newStore(OversightConfig config) {
 *         return new InMemoryEscalationStore(config);
 *     }
 * }
 * }</pre>
 */
public abstract class EscalationStoreContract {

    /** The creation time of the tickets the contract opens, with nanoseconds a store must keep. */
    protected static final Instant T0 = Instant.parse("2030-01-02T03:04:05.123456789Z");

    /** Held content with an IBAN that must never reach a reviewer's view. */
    protected static final String HELD = "Please wire 5000 EUR to IBAN DE89 3704 0044 0532 0130 00 today.";

    private final AtomicInteger seq = new AtomicInteger();

    /** A fresh, empty store with {@code config}'s SLAs and raw-content visibility. */
    protected abstract EscalationStore newStore(OversightConfig config);

    /** A fresh, empty store with the default oversight configuration. */
    protected EscalationStore newStore() {
        return newStore(OversightConfig.defaults());
    }

    /**
     * A new ticket in {@code queue}, opened at {@code createdAt} with the default SLA, with findings,
     * an excerpt and identities; its id is unique within this test instance.
     */
    protected NewEscalation ticket(Severity queue, Instant createdAt) {
        String id = "esc_contract" + seq.incrementAndGet() + "_" + System.identityHashCode(this);
        return new NewEscalation(
                id,
                queue,
                createdAt,
                createdAt.plus(OversightConfig.defaults().sla(queue)),
                Stage.INPUT,
                "dec_" + id,
                "req_" + id,
                "pii",
                "rev-abc123",
                RiskTier.HIGH,
                List.of(new Finding(Category.PII, "iban", 20, 47, 0.97, "pii.iban")),
                "Please wire 5000 EUR to IBAN [IBAN] today.",
                new Identities("u-1", "agent-7", "s-9", "acme"));
    }

    @Test
    public void opensAPendingTicketWithEveryFieldAndTheContentHash() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        Escalation e = store.open(n, HELD);
        assertThat(e.status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(e.contentHash()).isEqualTo(EvidenceDraft.hashContent(HELD));
        assertThat(store.get(n.ticket())).contains(e);
        Escalation read = store.get(n.ticket()).orElseThrow();
        assertThat(read.findings()).isEqualTo(n.findings());
        assertThat(read.identities()).isEqualTo(n.identities());
        assertThat(read.deadline()).isEqualTo(n.deadline());
        assertThat(read.createdAt()).isEqualTo(T0);
    }

    @Test
    public void refusesToOpenTheSameTicketTwice() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        assertThatThrownBy(() -> store.open(n, "other")).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.heldContent(n.ticket())).contains(HELD);
    }

    @Test
    public void getAndListNeverExposeHeldContent() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.HIGH, T0);
        store.open(n, HELD);
        assertThat(store.get(n.ticket()).orElseThrow().heldContent()).isNull();
        assertThat(store.list(EscalationFilter.all(), 10))
                .allSatisfy(e -> assertThat(e.heldContent()).isNull());
        assertThat(store.heldContent(n.ticket())).contains(HELD);
    }

    @Test
    public void unknownTicketsAreEmptyOrRefused() {
        EscalationStore store = newStore();
        assertThat(store.get("esc_nope")).isEmpty();
        assertThat(store.heldContent("esc_nope")).isEmpty();
        assertThatThrownBy(() -> store.decide("esc_nope", ReviewDecision.approve("alice", null), T0))
                .isInstanceOf(UnknownTicketException.class);
    }

    @Test
    public void approvalKeepsTheHeldContentForTheCaller() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        Instant at = T0.plusSeconds(60);
        Escalation e = store.decide(n.ticket(), ReviewDecision.approve("alice", "false positive"), at);
        assertThat(e.status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(e.reviewer()).isEqualTo("alice");
        assertThat(e.note()).isEqualTo("false positive");
        assertThat(e.decidedAt()).isEqualTo(at);
        assertThat(store.get(n.ticket())).contains(e);
        assertThat(store.heldContent(n.ticket())).contains(HELD);
    }

    @Test
    public void denialDropsTheHeldContent() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        Escalation e = store.decide(n.ticket(), ReviewDecision.deny("bob", null), T0.plusSeconds(5));
        assertThat(e.status()).isEqualTo(EscalationStatus.DENIED);
        assertThat(e.note()).isNull();
        assertThat(store.heldContent(n.ticket())).isEmpty();
    }

    @Test
    public void modificationKeepsTheReviewersTextAndDropsTheHeldContent() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        Escalation e =
                store.decide(n.ticket(), ReviewDecision.modify("carol", "masked", "Please wire the money today."), T0);
        assertThat(e.status()).isEqualTo(EscalationStatus.MODIFIED);
        assertThat(e.outcomeContent()).isEqualTo("Please wire the money today.");
        assertThat(store.get(n.ticket()).orElseThrow().outcomeContent()).isEqualTo("Please wire the money today.");
        assertThat(store.heldContent(n.ticket())).isEmpty();
    }

    @Test
    public void repeatingTheSameFinalDecisionIsIdempotent() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        Escalation first = store.decide(n.ticket(), ReviewDecision.approve("alice", "ok"), T0.plusSeconds(1));
        Escalation again = store.decide(n.ticket(), ReviewDecision.approve("alice", "ok"), T0.plusSeconds(9));
        assertThat(again).isEqualTo(first);
        assertThat(again.decidedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    public void aDifferentDecisionOnAFinalTicketConflicts() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        store.decide(n.ticket(), ReviewDecision.approve("alice", "ok"), T0);
        assertThatThrownBy(() -> store.decide(n.ticket(), ReviewDecision.deny("alice", "ok"), T0))
                .isInstanceOfSatisfying(
                        AlreadyDecidedException.class,
                        x -> assertThat(x.status()).isEqualTo(EscalationStatus.APPROVED));
        assertThatThrownBy(() -> store.decide(n.ticket(), ReviewDecision.approve("mallory", "ok"), T0))
                .isInstanceOf(AlreadyDecidedException.class);
    }

    @Test
    public void escalateMovesOneQueueUpWithTheNewQueuesSla() {
        OversightConfig cfg = OversightConfig.defaults();
        EscalationStore store = newStore(cfg);
        NewEscalation n = ticket(Severity.STANDARD, T0);
        store.open(n, HELD);
        Instant at = T0.plusSeconds(30);
        Escalation e = store.decide(n.ticket(), ReviewDecision.escalate("dave", "needs a lead"), at);
        assertThat(e.status()).isEqualTo(EscalationStatus.ESCALATED);
        assertThat(e.queue()).isEqualTo(Severity.HIGH);
        assertThat(e.deadline()).isEqualTo(at.plus(cfg.sla(Severity.HIGH)));
        assertThat(store.get(n.ticket())).contains(e);
        assertThat(store.heldContent(n.ticket())).contains(HELD);
        Escalation approved = store.decide(n.ticket(), ReviewDecision.approve("erin", null), at.plusSeconds(1));
        assertThat(approved.status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(approved.queue()).isEqualTo(Severity.HIGH);
    }

    @Test
    public void aCriticalTicketCannotBeEscalated() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.CRITICAL, T0);
        store.open(n, HELD);
        assertThatThrownBy(() -> store.decide(n.ticket(), ReviewDecision.escalate("dave", null), T0))
                .isInstanceOfSatisfying(
                        InvalidReviewException.class, x -> assertThat(x.field()).isEqualTo("decision"));
        assertThat(store.get(n.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
    }

    @Test
    public void aLateDecisionExpiresTheTicketInstead() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.CRITICAL, T0);
        store.open(n, HELD);
        Instant late = n.deadline().plusNanos(1);
        assertThatThrownBy(() -> store.decide(n.ticket(), ReviewDecision.approve("alice", null), late))
                .isInstanceOfSatisfying(
                        AlreadyDecidedException.class,
                        x -> assertThat(x.status()).isEqualTo(EscalationStatus.EXPIRED));
        Escalation e = store.get(n.ticket()).orElseThrow();
        assertThat(e.status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(e.decidedAt()).isEqualTo(late);
        assertThat(store.heldContent(n.ticket())).isEmpty();
    }

    @Test
    public void aDecisionExactlyAtTheDeadlineStillCounts() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.CRITICAL, T0);
        store.open(n, HELD);
        assertThat(store.decide(n.ticket(), ReviewDecision.deny("alice", null), n.deadline())
                        .status())
                .isEqualTo(EscalationStatus.DENIED);
    }

    @Test
    public void expireDeniesOnlyOpenTicketsPastTheirDeadline() {
        EscalationStore store = newStore();
        NewEscalation critical = ticket(Severity.CRITICAL, T0); // 1 h
        NewEscalation high = ticket(Severity.HIGH, T0); // 4 h
        NewEscalation standard = ticket(Severity.STANDARD, T0); // 24 h
        NewEscalation decided = ticket(Severity.CRITICAL, T0);
        store.open(critical, HELD);
        store.open(high, HELD);
        store.open(standard, HELD);
        store.open(decided, HELD);
        store.decide(decided.ticket(), ReviewDecision.approve("alice", null), T0);

        Instant now = T0.plus(Duration.ofHours(5));
        List<Escalation> expired = store.expire(now);

        assertThat(expired).extracting(Escalation::ticket).containsExactly(critical.ticket(), high.ticket());
        assertThat(expired).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(EscalationStatus.EXPIRED);
            assertThat(e.decidedAt()).isEqualTo(now);
            assertThat(e.reviewer()).isNull();
        });
        assertThat(store.get(standard.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(store.get(decided.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(store.heldContent(critical.ticket())).isEmpty();
        assertThat(store.expire(now)).isEmpty();
    }

    @Test
    public void expireLeavesATicketExactlyAtItsDeadline() {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.CRITICAL, T0);
        store.open(n, HELD);
        assertThat(store.expire(n.deadline())).isEmpty();
        assertThat(store.expire(n.deadline().plusNanos(1))).hasSize(1);
    }

    @Test
    public void listFiltersByStatusAndQueueEarliestDeadlineFirst() {
        EscalationStore store = newStore();
        NewEscalation a = ticket(Severity.STANDARD, T0);
        NewEscalation b = ticket(Severity.CRITICAL, T0);
        NewEscalation c = ticket(Severity.HIGH, T0);
        NewEscalation d = ticket(Severity.HIGH, T0.plusSeconds(1));
        for (NewEscalation n : List.of(a, b, c, d)) {
            store.open(n, HELD);
        }
        store.decide(c.ticket(), ReviewDecision.deny("bob", null), T0.plusSeconds(10));

        assertThat(store.list(EscalationFilter.all(), 10))
                .extracting(Escalation::ticket)
                .containsExactly(b.ticket(), c.ticket(), d.ticket(), a.ticket());
        assertThat(store.list(EscalationFilter.open(), 10))
                .extracting(Escalation::ticket)
                .containsExactly(b.ticket(), d.ticket(), a.ticket());
        assertThat(store.list(EscalationFilter.all().inQueues(Set.of(Severity.HIGH)), 10))
                .extracting(Escalation::ticket)
                .containsExactly(c.ticket(), d.ticket());
        assertThat(store.list(EscalationFilter.all().decidedAtOrAfter(T0.plusSeconds(10)), 10))
                .extracting(Escalation::ticket)
                .containsExactly(c.ticket());
        assertThat(store.list(EscalationFilter.all(), 2))
                .extracting(Escalation::ticket)
                .containsExactly(b.ticket(), c.ticket());
        assertThatThrownBy(() -> store.list(EscalationFilter.all(), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    public void concurrentDifferentDecisionsHaveExactlyOneWinner() throws Exception {
        EscalationStore store = newStore();
        NewEscalation n = ticket(Severity.HIGH, T0);
        store.open(n, HELD);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Escalation>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                ReviewDecision d = i % 2 == 0
                        ? ReviewDecision.approve("reviewer-" + i, null)
                        : ReviewDecision.deny("reviewer-" + i, null);
                Callable<Escalation> c = () -> {
                    go.await();
                    return store.decide(n.ticket(), d, T0.plusSeconds(1));
                };
                results.add(pool.submit(c));
            }
            go.countDown();
            int wins = 0;
            int conflicts = 0;
            for (Future<Escalation> f : results) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                    wins++;
                } catch (java.util.concurrent.ExecutionException x) {
                    assertThat(x.getCause()).isInstanceOf(AlreadyDecidedException.class);
                    conflicts++;
                }
            }
            assertThat(wins).isEqualTo(1);
            assertThat(conflicts).isEqualTo(threads - 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
