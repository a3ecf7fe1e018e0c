package io.airs.core.oversight;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Review-quality signals per reviewer over a rolling window: how many tickets each decided, how
 * often they approved, and how long they took (decidedAt - createdAt, so queue wait counts too). A
 * reviewer who approves nearly everything very quickly over enough decisions is flagged as possibly
 * rubber-stamping (thresholds in {@link RubberStampConfig}). Only final reviewer decisions count:
 * APPROVED, DENIED and MODIFIED (a modification is not an approval); expiries have no reviewer.
 *
 * <pre>{@code
 * for (ReviewQuality.ReviewerStats s : new ReviewQuality(store, cfg).report(clock.instant()).flagged()) {
 *     alert(s.reviewer(), s.reason());
 * }
 * }</pre>
 */
public final class ReviewQuality {

    private final EscalationStore store;
    private final RubberStampConfig config;

    public ReviewQuality(EscalationStore store, RubberStampConfig config) {
        this.store = Objects.requireNonNull(store, "store");
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * One reviewer's figures in the window.
     *
     * @param reviewer the reviewer identity
     * @param decisions final decisions in the window
     * @param approvals how many of them were APPROVE
     * @param approvalRate approvals / decisions
     * @param medianDecisionTime median of decidedAt - createdAt
     * @param p10DecisionTime 10th percentile (nearest rank) of decidedAt - createdAt
     * @param flagged whether this looks like rubber-stamping
     * @param reason why it was flagged, with the figures and thresholds; null when not flagged
     */
    public record ReviewerStats(
            String reviewer,
            int decisions,
            int approvals,
            double approvalRate,
            Duration medianDecisionTime,
            Duration p10DecisionTime,
            boolean flagged,
            String reason) {}

    /**
     * The report for the window {@code (from, to]}, reviewers in name order.
     *
     * @param from start of the window (exclusive)
     * @param to end of the window (inclusive): the report time
     * @param reviewers the figures per reviewer
     */
    public record Report(Instant from, Instant to, List<ReviewerStats> reviewers) {
        public Report {
            reviewers = List.copyOf(reviewers);
        }

        /** The reviewers flagged as possibly rubber-stamping. */
        public List<ReviewerStats> flagged() {
            return reviewers.stream().filter(ReviewerStats::flagged).toList();
        }
    }

    /** The figures for the window ending at {@code now}. */
    public Report report(Instant now) {
        Objects.requireNonNull(now, "now");
        Instant from = now.minus(config.window());
        List<Escalation> decided = store.list(
                EscalationFilter.withStatus(
                                Set.of(EscalationStatus.APPROVED, EscalationStatus.DENIED, EscalationStatus.MODIFIED))
                        .decidedAtOrAfter(from),
                Integer.MAX_VALUE);
        Map<String, List<Escalation>> byReviewer = new TreeMap<>();
        for (Escalation e : decided) {
            if (e.reviewer() == null
                    || !e.decidedAt().isAfter(from)
                    || e.decidedAt().isAfter(now)) {
                continue;
            }
            byReviewer.computeIfAbsent(e.reviewer(), k -> new ArrayList<>()).add(e);
        }
        List<ReviewerStats> out = new ArrayList<>(byReviewer.size());
        for (Map.Entry<String, List<Escalation>> entry : byReviewer.entrySet()) {
            out.add(stats(entry.getKey(), entry.getValue()));
        }
        return new Report(from, now, out);
    }

    private ReviewerStats stats(String reviewer, List<Escalation> decided) {
        int n = decided.size();
        int approvals = 0;
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            Escalation e = decided.get(i);
            if (e.status() == EscalationStatus.APPROVED) {
                approvals++;
            }
            millis[i] = Duration.between(e.createdAt(), e.decidedAt()).toMillis();
        }
        Arrays.sort(millis);
        Duration median = Duration.ofMillis(n % 2 == 1 ? millis[n / 2] : (millis[n / 2 - 1] + millis[n / 2]) / 2);
        Duration p10 = Duration.ofMillis(millis[Math.max(0, (int) Math.ceil(0.10 * n) - 1)]);
        double rate = (double) approvals / n;
        boolean flagged = n >= config.minDecisions()
                && rate >= config.minApprovalRate()
                && median.compareTo(config.maxMedianDecisionTime()) < 0;
        String reason = flagged
                ? String.format(
                        Locale.ROOT,
                        "possible rubber-stamping: approved %.1f%% of %d decisions with a median decision time of"
                                + " %.1f s (flagged at >= %.1f%% approvals, median < %d s, >= %d decisions)",
                        rate * 100,
                        n,
                        median.toMillis() / 1000.0,
                        config.minApprovalRate() * 100,
                        config.maxMedianDecisionTime().toSeconds(),
                        config.minDecisions())
                : null;
        return new ReviewerStats(reviewer, n, approvals, rate, median, p10, flagged, reason);
    }
}
