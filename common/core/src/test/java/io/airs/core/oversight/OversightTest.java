package io.airs.core.oversight;

import static io.airs.core.oversight.Fixtures.T0;
import static io.airs.core.oversight.Fixtures.escalateDecision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.RequestContext;
import io.airs.core.RiskTier;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.EvidenceVerifier;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.evidence.VerificationOptions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OversightTest {

    private static final String HELD = "Sure: the customer's phone is +44 20 7946 0958.";
    private static final RequestContext CTX =
            new RequestContext("req-1", "user-1", "agent-1", "session-1", null, "tenant-1", "gpt-4o");

    private final Fixtures.ManualClock clock = new Fixtures.ManualClock(T0);
    private final InMemoryEvidenceSink evidence = new InMemoryEvidenceSink(1000);

    private Oversight oversight(OversightConfig config) {
        return Oversight.builder(new InMemoryEscalationStore(config), evidence)
                .config(config)
                .clock(clock)
                .tickets(Fixtures.counting("esc_"))
                .recordIds(Fixtures.counting("rev_"))
                .build();
    }

    private final Oversight oversight = oversight(OversightConfig.defaults());

    private Escalation escalate(Category category, RiskTier tier) {
        return oversight.escalate(escalateDecision("dec-" + category, category), CTX, tier, HELD, "[PHONE]");
    }

    private List<EvidenceRecord> events(String event) {
        return evidence.records().stream()
                .filter(r -> event.equals(r.extra().get("event")))
                .toList();
    }

    static Stream<Arguments> queues() {
        return Stream.of(
                Arguments.of(Category.PROMPT_INJECTION, RiskTier.MEDIUM, Severity.HIGH, Duration.ofHours(4)),
                Arguments.of(Category.SECRET, RiskTier.LOW, Severity.HIGH, Duration.ofHours(4)),
                Arguments.of(Category.PII, RiskTier.HIGH, Severity.STANDARD, Duration.ofHours(24)),
                Arguments.of(Category.SECRET, RiskTier.CRITICAL, Severity.CRITICAL, Duration.ofHours(1)),
                Arguments.of(Category.PII, RiskTier.CRITICAL, Severity.HIGH, Duration.ofHours(4)));
    }

    @ParameterizedTest
    @MethodSource("queues")
    void routesToTheQueueOfItsSeverityWithThatQueuesSla(
            Category category, RiskTier tier, Severity queue, Duration sla) {
        Escalation e = escalate(category, tier);

        assertThat(e.queue()).isEqualTo(queue);
        assertThat(e.status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(e.createdAt()).isEqualTo(T0);
        assertThat(e.deadline()).isEqualTo(T0.plus(sla));
        assertThat(e.ticket()).startsWith("esc_");
        assertThat(e.decisionId()).isEqualTo("dec-" + category);
        assertThat(e.requestId()).isEqualTo("req-1");
        assertThat(e.identities().user()).isEqualTo("user-1");
    }

    @Test
    void judgeSamplingGoesToTheSamplingQueueWithSeventyTwoHours() {
        Decision.Allow allowed =
                new Decision.Allow("dec-9", Fixtures.REVISION, io.airs.core.Stage.OUTPUT, List.of(), List.of());

        Escalation e = oversight.sample(allowed, CTX, RiskTier.MEDIUM, HELD, null);

        assertThat(e.queue()).isEqualTo(Severity.SAMPLING);
        assertThat(e.reason()).isEqualTo("judge_sampling");
        assertThat(e.deadline()).isEqualTo(T0.plus(Duration.ofHours(72)));
    }

    @Test
    void configuredSlaSetsTheDeadline() {
        Oversight custom = oversight(OversightConfig.defaults().withSla(Severity.HIGH, Duration.ofMinutes(90)));

        Escalation e = custom.escalate(escalateDecision("d", Category.SECRET), CTX, RiskTier.LOW, HELD, null);

        assertThat(e.deadline()).isEqualTo(T0.plus(Duration.ofMinutes(90)));
    }

    @Test
    void pendingTicketTellsTheCallerItsDeadline() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);

        assertThat(oversight.outcome(e.ticket()))
                .isEqualTo(new Outcome.Pending(e.ticket(), Severity.STANDARD, T0.plus(Duration.ofHours(24))));
    }

    @Test
    void approvalReleasesTheHeldContent() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);
        clock.advance(Duration.ofMinutes(7));

        Escalation decided =
                oversight.decide(e.ticket(), ReviewDecision.approve("alice@example.com", "known customer"));

        assertThat(decided.status()).isEqualTo(EscalationStatus.APPROVED);
        assertThat(decided.reviewer()).isEqualTo("alice@example.com");
        assertThat(decided.note()).isEqualTo("known customer");
        assertThat(decided.decidedAt()).isEqualTo(T0.plus(Duration.ofMinutes(7)));
        assertThat(oversight.outcome(e.ticket())).isEqualTo(new Outcome.Approved(e.ticket(), HELD));
    }

    @Test
    void denialRefusesWithReviewerDenied() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);

        oversight.decide(e.ticket(), ReviewDecision.deny("bob", null));

        Outcome o = oversight.outcome(e.ticket());
        assertThat(o).isInstanceOf(Outcome.Denied.class);
        assertThat(((Outcome.Denied) o).reason()).isEqualTo("reviewer_denied");
        assertThat(((Outcome.Denied) o).message()).isNotBlank();
        assertThat(o.status()).isEqualTo("DENIED");
    }

    @Test
    void modificationReturnsTheReviewersText() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);

        Escalation decided = oversight.decide(
                e.ticket(), ReviewDecision.modify("carol", "removed the number", "Sure: the phone is on file."));

        assertThat(decided.status()).isEqualTo(EscalationStatus.MODIFIED);
        assertThat(decided.outcomeContent()).isEqualTo("Sure: the phone is on file.");
        assertThat(oversight.outcome(e.ticket()))
                .isEqualTo(new Outcome.Modified(e.ticket(), "Sure: the phone is on file."));
    }

    @Test
    void escalateMovesTheTicketToTheNextQueueWhereItStaysPending() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);
        clock.advance(Duration.ofHours(2));

        Escalation moved = oversight.decide(e.ticket(), ReviewDecision.escalate("dave", "needs legal"));

        assertThat(moved.status()).isEqualTo(EscalationStatus.ESCALATED);
        assertThat(moved.queue()).isEqualTo(Severity.HIGH);
        assertThat(moved.deadline()).isEqualTo(T0.plus(Duration.ofHours(6)));
        assertThat(oversight.outcome(e.ticket())).isInstanceOf(Outcome.Pending.class);
        assertThat(oversight.list(EscalationFilter.open().inQueues(java.util.Set.of(Severity.HIGH)), 10))
                .extracting(Escalation::ticket)
                .containsExactly(e.ticket());

        oversight.decide(e.ticket(), ReviewDecision.approve("erin", null));
        assertThat(oversight.outcome(e.ticket())).isEqualTo(new Outcome.Approved(e.ticket(), HELD));
    }

    @Test
    void aCriticalTicketCannotBeEscalatedFurther() {
        Escalation e = escalate(Category.SECRET, RiskTier.CRITICAL);

        assertThatThrownBy(() -> oversight.decide(e.ticket(), ReviewDecision.escalate("dave", null)))
                .isInstanceOf(InvalidReviewException.class)
                .extracting(x -> ((InvalidReviewException) x).field())
                .isEqualTo("decision");
        assertThat(oversight.get(e.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
    }

    @Test
    void unknownTicketIsNotFound() {
        assertThatThrownBy(() -> oversight.decide("esc_nope", ReviewDecision.approve("alice", null)))
                .isInstanceOf(UnknownTicketException.class)
                .hasMessageContaining("esc_nope");
        assertThatThrownBy(() -> oversight.outcome("esc_nope")).isInstanceOf(UnknownTicketException.class);
        assertThat(oversight.get("esc_nope")).isEmpty();
    }

    @Test
    void aDifferentSecondDecisionConflictsNamingTheCurrentStatus() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);
        oversight.decide(e.ticket(), ReviewDecision.approve("alice", null));

        assertThatThrownBy(() -> oversight.decide(e.ticket(), ReviewDecision.deny("bob", null)))
                .isInstanceOf(AlreadyDecidedException.class)
                .hasMessageContaining("APPROVED")
                .extracting(x -> ((AlreadyDecidedException) x).status())
                .isEqualTo(EscalationStatus.APPROVED);
        assertThatThrownBy(() -> oversight.decide(e.ticket(), ReviewDecision.approve("alice", "other note")))
                .isInstanceOf(AlreadyDecidedException.class);
    }

    @Test
    void repeatingTheIdenticalDecisionIsIdempotentAndRecordsOnce() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);
        Escalation first = oversight.decide(e.ticket(), ReviewDecision.modify("carol", "n", "safe text"));
        clock.advance(Duration.ofMinutes(1));

        Escalation again = oversight.decide(e.ticket(), ReviewDecision.modify("carol", "n", "safe text"));

        assertThat(again).isEqualTo(first);
        assertThat(events("review_decision")).hasSize(1);
    }

    @Test
    void modifyWithoutContentIsRejectedNamingTheField() {
        assertThatThrownBy(() -> new ReviewDecision(ReviewDecision.Kind.MODIFY, "carol", null, null))
                .isInstanceOf(InvalidReviewException.class)
                .extracting(x -> ((InvalidReviewException) x).field())
                .isEqualTo("content");
    }

    @Test
    void sweepExpiresOnlyPendingTicketsPastTheirDeadlineAndRecordsEachExpiry() {
        Escalation critical = escalate(Category.SECRET, RiskTier.CRITICAL); // 1 h
        Escalation high = escalate(Category.PROMPT_INJECTION, RiskTier.MEDIUM); // 4 h
        Escalation standard = escalate(Category.PII, RiskTier.MEDIUM); // 24 h
        Escalation decidedHigh = escalate(Category.JAILBREAK, RiskTier.MEDIUM); // 4 h, decided
        oversight.decide(decidedHigh.ticket(), ReviewDecision.deny("bob", null));

        assertThat(oversight.sweep(T0.plus(Duration.ofHours(1)))).isEmpty(); // at the deadline: not past it
        List<Escalation> expired = oversight.sweep(T0.plus(Duration.ofHours(5)));

        assertThat(expired).extracting(Escalation::ticket).containsExactly(critical.ticket(), high.ticket());
        assertThat(expired).allSatisfy(x -> assertThat(x.status()).isEqualTo(EscalationStatus.EXPIRED));
        assertThat(oversight.get(standard.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
        assertThat(oversight.get(decidedHigh.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.DENIED);
        List<EvidenceRecord> records = events("escalation_expired");
        assertThat(records).extracting(r -> r.extra().get("ticket")).containsExactly(critical.ticket(), high.ticket());
        assertThat(records).allSatisfy(r -> {
            assertThat(r.decision()).isEqualTo("BLOCK");
            assertThat(r.reason()).isEqualTo("sla_expired");
        });
        assertThat(oversight.outcome(critical.ticket()))
                .isInstanceOfSatisfying(
                        Outcome.Denied.class, d -> assertThat(d.reason()).isEqualTo("sla_expired"));
        assertThat(oversight.sweep(T0.plus(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void anUnansweredTicketFailsSafeEvenBeforeTheSweepRuns() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);
        clock.advance(Duration.ofHours(24).plusSeconds(1));

        assertThatThrownBy(() -> oversight.decide(e.ticket(), ReviewDecision.approve("alice", null)))
                .isInstanceOf(AlreadyDecidedException.class)
                .extracting(x -> ((AlreadyDecidedException) x).status())
                .isEqualTo(EscalationStatus.EXPIRED);
        assertThat(oversight.outcome(e.ticket()))
                .isEqualTo(new Outcome.Denied(
                        e.ticket(),
                        "sla_expired",
                        "No reviewer decided on this request before its deadline, so it was not completed."));
        assertThat(events("escalation_expired")).hasSize(1);
        assertThat(events("review_decision")).isEmpty();
    }

    @Test
    void pollingAfterTheDeadlineExpiresTheTicket() {
        Escalation e = escalate(Category.PROMPT_INJECTION, RiskTier.MEDIUM);
        clock.advance(Duration.ofHours(5));

        assertThat(oversight.outcome(e.ticket())).isInstanceOf(Outcome.Denied.class);
        assertThat(oversight.get(e.ticket()).orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
    }

    @Test
    void everyDecisionIsAnEvidenceRecordWithReviewerAndNoteHashButNoNoteText() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);
        clock.advance(Duration.ofSeconds(45));
        oversight.decide(e.ticket(), ReviewDecision.deny("alice@example.com", "the secret note text"));

        EvidenceRecord opened = events("escalation_opened").get(0);
        assertThat(opened.decision()).isEqualTo("ESCALATE");
        assertThat(opened.extra()).containsEntry("ticket", e.ticket()).containsEntry("queue", "standard");
        assertThat(opened.contentHash()).isEqualTo(io.airs.core.evidence.EvidenceDraft.hashContent(HELD));

        EvidenceRecord r = events("review_decision").get(0);
        assertThat(r.decision()).isEqualTo("BLOCK");
        assertThat(r.reason()).isEqualTo("reviewer_denied");
        assertThat(r.requestId()).isEqualTo("req-1");
        assertThat(r.timestamp()).isEqualTo(T0.plusSeconds(45));
        assertThat(r.extra())
                .containsEntry("ticket", e.ticket())
                .containsEntry("reviewer", "alice@example.com")
                .containsEntry("decision", "deny")
                .containsEntry("decision_time_ms", "45000")
                .containsEntry("note_hash", io.airs.core.evidence.EvidenceDraft.hashContent("the secret note text"))
                .containsEntry("escalated_decision_id", "dec-PII");
        assertThat(r.toString()).doesNotContain("the secret note text").doesNotContain(HELD);
        assertThat(new EvidenceVerifier()
                        .verify(evidence.records(), VerificationOptions.defaults())
                        .valid())
                .isTrue();
    }

    @Test
    void reviewersNeverSeeTheHeldContentByDefault() {
        Escalation e = escalate(Category.PII, RiskTier.MEDIUM);

        assertThat(e.heldContent()).isNull();
        assertThat(oversight.get(e.ticket()).orElseThrow().heldContent()).isNull();
        assertThat(oversight.list(EscalationFilter.all(), 10))
                .allSatisfy(x -> assertThat(x.heldContent()).isNull());
        assertThat(oversight.get(e.ticket()).orElseThrow().toString()).doesNotContain(HELD);
    }

    @Test
    void reviewersSeeTheHeldContentWhenThePolicyAllowsIt() {
        Oversight open = oversight(OversightConfig.defaults().withShowRawContent(true));
        Escalation e = open.escalate(escalateDecision("d", Category.PII), CTX, RiskTier.LOW, HELD, null);

        assertThat(open.get(e.ticket()).orElseThrow().heldContent()).isEqualTo(HELD);
        assertThat(open.list(EscalationFilter.open(), 10))
                .extracting(Escalation::heldContent)
                .containsExactly(HELD);
    }

    @Test
    void deniedContentIsLetGoAndCanNeverBeReleased() {
        InMemoryEscalationStore store = new InMemoryEscalationStore();
        Oversight o = Oversight.builder(store, evidence).clock(clock).build();
        Escalation e = o.escalate(escalateDecision("d", Category.PII), CTX, RiskTier.LOW, HELD, null);
        assertThat(e.ticket()).matches("esc_[a-z2-7]{20}");

        o.decide(e.ticket(), ReviewDecision.deny("bob", null));

        assertThat(store.heldContent(e.ticket())).isEmpty();
    }
}
