package io.airs.core.judge;

import static io.airs.core.judge.JudgeFixtures.allow;
import static io.airs.core.judge.JudgeFixtures.block;
import static io.airs.core.judge.JudgeFixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Category;
import io.airs.core.RequestContext;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class JudgeSamplerTest {

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-01-01T00:00:00Z"));

    private static RequestContext user(String user) {
        return new RequestContext("r", user, null, null, null, null, null);
    }

    private static RequestContext agent(String agent) {
        return new RequestContext("r", null, agent, null, null, null, null);
    }

    private JudgeSampler sampler(JudgeSamplerConfig config) {
        return new JudgeSampler(config, clock, new SplittableRandom(20_260_101L));
    }

    @ParameterizedTest
    @EnumSource(RiskTier.class)
    void samplesEachTierAtItsRate(RiskTier tier) {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());
        int draws = 10_000;
        int judged = 0;
        for (int i = 0; i < draws; i++) {
            SamplingDecision s = sampler.decide(tier, allow(Stage.INPUT, List.of()), user("u" + i));
            if (s.judge()) {
                judged++;
                assertThat(s.trigger()).isEqualTo(Trigger.SAMPLED);
            }
        }
        double rate = judged / (double) draws;
        System.out.printf(
                Locale.ROOT,
                "judge sampling %s: expected %.3f measured %.4f over %d draws%n",
                tier,
                JudgeSamplerConfig.defaultRate(tier),
                rate,
                draws);
        assertThat(rate).isCloseTo(JudgeSamplerConfig.defaultRate(tier), org.assertj.core.data.Offset.offset(0.015));
    }

    @Test
    void samplesAConfiguredRate() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults().withRate(RiskTier.HIGH, 0.5));
        int judged = 0;
        for (int i = 0; i < 10_000; i++) {
            if (sampler.decide(RiskTier.HIGH, allow(Stage.OUTPUT, List.of()), RequestContext.empty())
                    .judge()) {
                judged++;
            }
        }
        assertThat(judged / 10_000.0).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.015));
    }

    @ParameterizedTest
    @CsvSource({
        "LOW, 0.10, 1%-5%",
        "LOW, 0.005, 1%-5%",
        "MEDIUM, 0.2, 5%-10%",
        "HIGH, 0.1, 20%-50%",
        "CRITICAL, 0.9, 100%"
    })
    void rejectsRatesOutsideTheFrameworkRange(RiskTier tier, double rate, String range) {
        assertThatThrownBy(() -> JudgeSamplerConfig.defaults().withRate(tier, rate))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("judge sampling rate for " + tier)
                .hasMessageContaining(range);
    }

    @Test
    void alwaysJudgesFlaggedContent() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());

        for (int i = 0; i < 100; i++) {
            SamplingDecision s =
                    sampler.decide(RiskTier.LOW, allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.6))), user("u"));
            assertThat(s.judge()).isTrue();
            assertThat(s.trigger()).isEqualTo(Trigger.FLAGGED);
            assertThat(s.mode()).isEqualTo(Mode.ASYNC);
        }
    }

    @Test
    void flaggedContentIsOnlySampledWhenSwitchedOff() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults().withAlwaysWhenFlagged(false));
        int judged = 0;
        for (int i = 0; i < 1_000; i++) {
            if (sampler.decide(
                            RiskTier.LOW,
                            allow(Stage.OUTPUT, List.of(finding(Category.PII, 0.6))),
                            RequestContext.empty())
                    .judge()) {
                judged++;
            }
        }
        assertThat(judged).isBetween(5, 40);
    }

    @Test
    void judgesAllTrafficOfAnAttackerForThirtyMinutesThenStops() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());
        SamplingDecision attack = sampler.decide(
                RiskTier.LOW, block(Stage.INPUT, List.of(finding(Category.JAILBREAK, 0.9))), user("mallory"));
        assertThat(attack.trigger()).isEqualTo(Trigger.FLAGGED);

        clock.advance(Duration.ofMinutes(29));
        for (int i = 0; i < 50; i++) {
            SamplingDecision s = sampler.decide(RiskTier.LOW, allow(Stage.INPUT, List.of()), user("mallory"));
            assertThat(s.trigger()).isEqualTo(Trigger.ADAPTIVE);
        }
        assertThat(sampler.decide(RiskTier.LOW, allow(Stage.INPUT, List.of()), user("alice"))
                        .trigger())
                .isNotEqualTo(Trigger.ADAPTIVE);

        clock.advance(Duration.ofMinutes(1));
        assertThat(sampler.isWatched(user("mallory"), clock.instant())).isFalse();
        long adaptive = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> sampler.decide(RiskTier.LOW, allow(Stage.INPUT, List.of()), user("mallory")))
                .filter(s -> s.trigger() == Trigger.ADAPTIVE)
                .count();
        assertThat(adaptive).isZero();
    }

    @Test
    void watchesTheAttackingAgentToo() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());
        sampler.observe(block(Stage.INPUT, List.of(finding(Category.PROMPT_INJECTION, 0.9))), agent("planner"));

        assertThat(sampler.decide(RiskTier.MEDIUM, allow(Stage.OUTPUT, List.of()), agent("planner"))
                        .trigger())
                .isEqualTo(Trigger.ADAPTIVE);
    }

    @Test
    void blocksForOtherCategoriesOrMereFindingsDoNotStartAdaptiveJudging() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());

        assertThat(sampler.observe(block(Stage.OUTPUT, List.of(finding(Category.SECRET, 0.9))), user("bob")))
                .isFalse();
        assertThat(sampler.observe(allow(Stage.INPUT, List.of(finding(Category.JAILBREAK, 0.4))), user("bob")))
                .isFalse();
        assertThat(sampler.watchedCount()).isZero();
    }

    @Test
    void adaptiveWatchListIsABoundedLru() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults().withAdaptive(true, Duration.ofMinutes(30), 3));
        for (String u : List.of("a", "b", "c")) {
            sampler.watch(user(u));
        }
        assertThat(sampler.isWatched(user("a"), clock.instant())).isTrue(); // a is now most recently used

        sampler.watch(user("d"));

        assertThat(sampler.watchedCount()).isEqualTo(3);
        assertThat(sampler.isWatched(user("b"), clock.instant())).isFalse();
        assertThat(sampler.isWatched(user("a"), clock.instant())).isTrue();
        assertThat(sampler.isWatched(user("d"), clock.instant())).isTrue();
    }

    @Test
    void sweepForgetsExpiredTriggers() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());
        sampler.watch(user("a"));
        clock.advance(Duration.ofMinutes(10));
        sampler.watch(user("b"));
        clock.advance(Duration.ofMinutes(25));

        assertThat(sampler.sweep(clock.instant())).isEqualTo(1);
        assertThat(sampler.watchedCount()).isEqualTo(1);
    }

    @Test
    void judgesToolCallsInlineBeforeTheyAct() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults());

        SamplingDecision s = sampler.decide(RiskTier.LOW, allow(Stage.TOOL_CALL, List.of()), user("u"));

        assertThat(s).isEqualTo(new SamplingDecision(true, Mode.INLINE, Trigger.TOOL_PRE_ACTION));
    }

    @Test
    void usesTheModeConfiguredForTheStage() {
        JudgeSampler sampler = sampler(JudgeSamplerConfig.defaults().withMode(Stage.OUTPUT, Mode.INLINE));

        assertThat(sampler.decide(RiskTier.LOW, allow(Stage.OUTPUT, List.of(finding(Category.PII, 1))), user("u"))
                        .mode())
                .isEqualTo(Mode.INLINE);
        assertThat(sampler.decide(RiskTier.LOW, allow(Stage.INPUT, List.of(finding(Category.PII, 1))), user("u"))
                        .mode())
                .isEqualTo(Mode.ASYNC);
    }

    @Test
    void rejectsAsyncJudgingOfToolCalls() {
        assertThatThrownBy(() -> JudgeSamplerConfig.defaults().withMode(Stage.TOOL_CALL, Mode.ASYNC))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tool_call must be inline");
    }
}
