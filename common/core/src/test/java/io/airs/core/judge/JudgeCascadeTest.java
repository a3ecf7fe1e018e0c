package io.airs.core.judge;

import static io.airs.core.judge.JudgeFixtures.allow;
import static io.airs.core.judge.JudgeFixtures.block;
import static io.airs.core.judge.JudgeFixtures.finding;
import static io.airs.core.judge.JudgeFixtures.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class JudgeCascadeTest {

    private static final String SECRET_TEXT = "the launch code is 0000 and nobody may know";

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final JudgeFixtures.FakeJudge llmPass =
            new JudgeFixtures.FakeJudge("llm/fake", verdict(JudgeVerdict.Verdict.PASS, 0.95, "llm/fake"));
    private final JudgeFixtures.FakeJudge llmEscalate =
            new JudgeFixtures.FakeJudge("llm/fake", verdict(JudgeVerdict.Verdict.ESCALATE, 0.1, "llm/fake"));

    private JudgeSampler sampler(JudgeSamplerConfig config) {
        return new JudgeSampler(config, clock, new SplittableRandom(1));
    }

    private JudgeSampler inlineSampler() {
        return sampler(
                JudgeSamplerConfig.defaults().withMode(Stage.INPUT, Mode.INLINE).withMode(Stage.OUTPUT, Mode.INLINE));
    }

    private static JudgeRequest request(Decision d) {
        return new JudgeRequest(
                d.stage(), SECRET_TEXT, d.findings(), "", new RequestContext("r", "u", null, null, null, null, null));
    }

    private static ClassifierJudge classifier(RiskTier tier) {
        return new ClassifierJudge(new FindingsScorer(), JudgeConfig.forTier(tier));
    }

    private JudgeCascade cascade(RiskTier tier, JudgeSampler sampler, Judge llm) {
        return JudgeCascade.builder(classifier(tier), sampler)
                .config(JudgeConfig.forTier(tier))
                .llm(llm)
                .build();
    }

    @Test
    void stopsAtTheClassifierWhenItIsConfident() {
        Decision clean = allow(Stage.OUTPUT, List.of());

        JudgeOutcome o = cascade(RiskTier.CRITICAL, inlineSampler(), llmEscalate)
                .evaluate(RiskTier.CRITICAL, clean, request(clean));

        assertThat(o.trigger()).isEqualTo(Trigger.SAMPLED);
        assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.CONFIDENT);
        assertThat(llmEscalate.calls).isZero();
        assertThat(o.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.PASS);
        assertThat(o.humanNeeded()).isFalse();
        assertThat(o.verdict().judge()).isEqualTo(JudgeCascade.ID);
    }

    @Test
    void asksTheLlmWhenTheGuardrailsFlaggedSomething() {
        Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.9)));

        JudgeOutcome o =
                cascade(RiskTier.MEDIUM, inlineSampler(), llmPass).evaluate(RiskTier.MEDIUM, flagged, request(flagged));

        assertThat(o.trigger()).isEqualTo(Trigger.FLAGGED);
        assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.JUDGED);
        assertThat(llmPass.calls).isEqualTo(1);
        assertThat(o.classifier().verdict()).isEqualTo(JudgeVerdict.Verdict.REVIEW);
        assertThat(o.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.PASS);
        assertThat(o.verdict().scores()).isEqualTo(o.llm().scores());
    }

    @Test
    void escalatesToAHumanWhenTheLlmSaysSo() {
        Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.9)));

        JudgeOutcome o = cascade(RiskTier.MEDIUM, inlineSampler(), llmEscalate)
                .evaluate(RiskTier.MEDIUM, flagged, request(flagged));

        assertThat(o.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.ESCALATE);
        assertThat(o.humanNeeded()).isTrue();
    }

    @Test
    void disagreementBetweenAnEscalatingClassifierAndAPassingLlmGoesToReview() {
        Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.HARMFUL, 0.95)));

        JudgeOutcome o =
                cascade(RiskTier.MEDIUM, inlineSampler(), llmPass).evaluate(RiskTier.MEDIUM, flagged, request(flagged));

        assertThat(o.classifier().verdict()).isEqualTo(JudgeVerdict.Verdict.ESCALATE);
        assertThat(o.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.REVIEW);
        assertThat(o.verdict().reasons()).contains("classifier and llm judge disagree");
    }

    @Test
    void failsClosedWhenTheLlmTimesOutOnAHighTier() {
        Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.3)));
        Judge timingOut = new JudgeFixtures.FakeJudge("llm/fake", JudgeException.Kind.TIMEOUT);

        JudgeOutcome o =
                cascade(RiskTier.HIGH, inlineSampler(), timingOut).evaluate(RiskTier.HIGH, flagged, request(flagged));

        assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.FAILED);
        assertThat(o.failure()).isEqualTo(JudgeException.Kind.TIMEOUT);
        assertThat(o.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.ESCALATE);
        assertThat(o.humanNeeded()).isTrue();
    }

    @Test
    void fallsBackToTheClassifierWhenTheLlmFailsOnALowTier() {
        Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.3)));
        Judge unavailable = new JudgeFixtures.FakeJudge("llm/fake", JudgeException.Kind.UNAVAILABLE);

        JudgeOutcome o =
                cascade(RiskTier.LOW, inlineSampler(), unavailable).evaluate(RiskTier.LOW, flagged, request(flagged));

        assertThat(o.verdict().verdict()).isEqualTo(o.classifier().verdict());
        assertThat(o.verdict().reasons()).contains("judge failed: unavailable");
    }

    @Test
    void judgesToolCallsInlineBeforeTheyActEvenWhenTheClassifierIsConfident() {
        Decision call = allow(Stage.TOOL_CALL, List.of());

        JudgeOutcome o = cascade(RiskTier.LOW, sampler(JudgeSamplerConfig.defaults()), llmPass)
                .evaluate(RiskTier.LOW, call, request(call));

        assertThat(o.trigger()).isEqualTo(Trigger.TOOL_PRE_ACTION);
        assertThat(o.mode()).isEqualTo(Mode.INLINE);
        assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.JUDGED);
    }

    @Test
    void endsAtTheClassifierWithoutAnLlm() {
        Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.JAILBREAK, 0.95)));
        JudgeCascade cascade = JudgeCascade.builder(classifier(RiskTier.MEDIUM), inlineSampler())
                .build();

        JudgeOutcome o = cascade.evaluate(RiskTier.MEDIUM, flagged, request(flagged));

        assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.NO_LLM);
        assertThat(o.verdict().verdict()).isEqualTo(JudgeVerdict.Verdict.ESCALATE);
        assertThat(o.humanNeeded()).isTrue();
    }

    @Test
    void queuesAsyncJudgingAndKeepsTheClassifierVerdictForNow() throws Exception {
        List<AsyncJudgeResult> results = new ArrayList<>();
        try (AsyncJudgeQueue queue = new AsyncJudgeQueue(
                llmEscalate, AsyncJudgeQueueConfig.defaults(), results::add, Executors.defaultThreadFactory())) {
            JudgeCascade cascade = JudgeCascade.builder(
                            classifier(RiskTier.MEDIUM), sampler(JudgeSamplerConfig.defaults()))
                    .llm(llmEscalate)
                    .queue(queue)
                    .build();
            Decision flagged = allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.9)));

            JudgeOutcome o = cascade.evaluate(RiskTier.MEDIUM, flagged, request(flagged));

            assertThat(o.mode()).isEqualTo(Mode.ASYNC);
            assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.QUEUED);
            assertThat(o.verdict().verdict()).isEqualTo(o.classifier().verdict());
            assertThat(queue.stats().waiting()).isEqualTo(1);
            assertThat(llmEscalate.calls).isZero();
        }
    }

    @Test
    void neverJudgesBlockedContentInline() {
        Decision blocked = block(Stage.INPUT, List.of(finding(Category.JAILBREAK, 0.95)));

        JudgeOutcome o =
                cascade(RiskTier.HIGH, inlineSampler(), llmPass).evaluate(RiskTier.HIGH, blocked, request(blocked));

        assertThat(o.mode()).isEqualTo(Mode.ASYNC);
        assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.PENDING);
        assertThat(llmPass.calls).isZero();
    }

    @Test
    void judgesEveryRequestOfAnAttackerAfterABlock() {
        JudgeCascade cascade = cascade(RiskTier.LOW, inlineSampler(), llmPass);
        Decision blocked = block(Stage.INPUT, List.of(finding(Category.PROMPT_INJECTION, 0.95)));
        cascade.evaluate(RiskTier.LOW, blocked, request(blocked));

        Decision clean = allow(Stage.INPUT, List.of());
        for (int i = 0; i < 20; i++) {
            JudgeOutcome o = cascade.evaluate(RiskTier.LOW, clean, request(clean));
            assertThat(o.trigger()).isEqualTo(Trigger.ADAPTIVE);
            assertThat(o.llmStep()).isEqualTo(JudgeOutcome.LlmStep.JUDGED);
        }
        assertThat(llmPass.calls).isEqualTo(20);
    }

    @Test
    void outcomeGoesIntoEvidenceWithoutTheJudgedText() {
        List<Finding> findings = List.of(finding(Category.PII, 0.9));
        Decision flagged = allow(Stage.OUTPUT, findings);
        JudgeOutcome o = cascade(RiskTier.MEDIUM, inlineSampler(), llmEscalate)
                .evaluate(RiskTier.MEDIUM, flagged, request(flagged));

        var extra = o.toEvidenceExtra();
        var sink = new InMemoryEvidenceSink(16);
        EvidenceDraft draft = EvidenceDraft.fromDecision(
                flagged,
                "r",
                clock.instant(),
                Identities.none(),
                null,
                RiskTier.MEDIUM,
                EvidenceDraft.hashContent(SECRET_TEXT),
                null,
                extra);
        sink.append(draft);

        assertThat(extra)
                .containsEntry("judge_verdict", "ESCALATE")
                .containsEntry("judge_human", "true")
                .containsEntry("judge_trigger", "flagged")
                .containsEntry("judge_mode", "inline")
                .containsEntry("judge_llm_step", "judged")
                .containsEntry("judge_ids", "classifier/findings,llm/fake")
                .containsEntry("judge_classifier_verdict", "REVIEW")
                .containsEntry("judge_llm_verdict", "ESCALATE")
                .containsKeys("judge_scores", "judge_classifier_scores", "judge_llm_latency_us");
        assertThat(extra.values()).noneMatch(v -> v.contains("launch code"));
    }
}
