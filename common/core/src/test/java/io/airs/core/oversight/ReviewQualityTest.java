package io.airs.core.oversight;

import static io.airs.core.oversight.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReviewQualityTest {

    private final InMemoryEscalationStore store = new InMemoryEscalationStore();
    private int next;

    /** Opens a ticket at {@code at} and has {@code reviewer} decide it {@code after} later. */
    private void review(String reviewer, Instant at, Duration after, boolean approve) {
        String ticket = "esc_" + (next++);
        store.open(Fixtures.newEscalation(ticket, Severity.STANDARD, at, Duration.ofHours(24)), "held");
        store.decide(
                ticket,
                approve ? ReviewDecision.approve(reviewer, null) : ReviewDecision.deny(reviewer, null),
                at.plus(after));
    }

    @Test
    void flagsTheFastApproverAndNotTheCarefulOne() {
        for (int i = 0; i < 25; i++) {
            Instant at = T0.plus(Duration.ofMinutes(10L * i));
            review("fast", at, Duration.ofSeconds(4 + i % 5), true);
            // Approves as often, but reads each ticket for minutes.
            review("careful", at, Duration.ofMinutes(3 + i % 4), true);
            // Fast, but denies a fair share.
            review("strict", at, Duration.ofSeconds(5), i % 3 != 0);
        }

        ReviewQuality.Report report =
                new ReviewQuality(store, RubberStampConfig.defaults()).report(T0.plus(Duration.ofDays(1)));

        assertThat(report.flagged())
                .extracting(ReviewQuality.ReviewerStats::reviewer)
                .containsExactly("fast");
        ReviewQuality.ReviewerStats fast = report.flagged().get(0);
        assertThat(fast.decisions()).isEqualTo(25);
        assertThat(fast.approvalRate()).isEqualTo(1.0);
        assertThat(fast.medianDecisionTime()).isEqualTo(Duration.ofSeconds(6));
        assertThat(fast.p10DecisionTime()).isEqualTo(Duration.ofSeconds(4));
        assertThat(fast.reason()).contains("rubber-stamping").contains("100.0%").contains("25 decisions");
        assertThat(report.reviewers())
                .extracting(ReviewQuality.ReviewerStats::reviewer)
                .containsExactly("careful", "fast", "strict");
        assertThat(report.reviewers().get(0).reason()).isNull();
        System.out.printf(
                "review quality: %d reviewers, %d flagged%n",
                report.reviewers().size(), report.flagged().size());
    }

    @Test
    void tooFewDecisionsAreNeverFlagged() {
        for (int i = 0; i < 19; i++) {
            review("new", T0.plus(Duration.ofMinutes(i)), Duration.ofSeconds(2), true);
        }

        assertThat(new ReviewQuality(store, RubberStampConfig.defaults())
                        .report(T0.plus(Duration.ofHours(1)))
                        .flagged())
                .isEmpty();
    }

    @Test
    void onlyDecisionsInsideTheWindowCount() {
        for (int i = 0; i < 30; i++) {
            review("fast", T0.plus(Duration.ofMinutes(i)), Duration.ofSeconds(2), true);
        }
        RubberStampConfig cfg = RubberStampConfig.defaults();

        assertThat(new ReviewQuality(store, cfg)
                        .report(T0.plus(Duration.ofHours(1)))
                        .flagged())
                .hasSize(1);
        ReviewQuality.Report later = new ReviewQuality(store, cfg).report(T0.plus(Duration.ofDays(8)));
        assertThat(later.reviewers()).isEmpty();
    }

    @Test
    void thresholdsAreConfigurable() {
        for (int i = 0; i < 5; i++) {
            review("quick", T0.plus(Duration.ofMinutes(i)), Duration.ofSeconds(50), true);
        }
        RubberStampConfig lenient = new RubberStampConfig(Duration.ofDays(1), 5, 0.9, Duration.ofMinutes(1));

        assertThat(new ReviewQuality(store, lenient)
                        .report(T0.plus(Duration.ofHours(1)))
                        .flagged())
                .hasSize(1);
    }
}
