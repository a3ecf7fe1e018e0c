package io.airs.core.judge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The inline judge: a {@link TextScorer} in process, microseconds per call, no I/O.
 *
 * <p>Each criterion score is {@code 1 - unsafe probability}; the verdict comes from the lowest score
 * and the thresholds in {@link JudgeConfig}. Reasons name the criteria below the pass threshold and
 * their scores, never the text.
 *
 * <pre>{@code
 * Judge judge = new ClassifierJudge(new FindingsScorer(), JudgeConfig.forTier(RiskTier.HIGH));
 * JudgeVerdict v = judge.judge(new JudgeRequest(Stage.INPUT, prompt, findings, "", context));
 * }</pre>
 */
public final class ClassifierJudge implements Judge {

    private final TextScorer scorer;
    private final JudgeConfig config;
    private final LongSupplier nanoTime;
    private final String id;

    /** A judge timed by {@link System#nanoTime()}. */
    public ClassifierJudge(TextScorer scorer, JudgeConfig config) {
        this(scorer, config, System::nanoTime);
    }

    /**
     * @param scorer the in-process scorer
     * @param config thresholds
     * @param nanoTime a monotonic clock in nanoseconds, for the verdict's latency
     */
    public ClassifierJudge(TextScorer scorer, JudgeConfig config, LongSupplier nanoTime) {
        this.scorer = Objects.requireNonNull(scorer, "scorer");
        this.config = Objects.requireNonNull(config, "config");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.id = "classifier/" + scorer.id();
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * @throws JudgeException {@code BAD_RESPONSE} when the scorer returns the wrong number of values
     *     or a value outside [0, 1]
     */
    @Override
    public JudgeVerdict judge(JudgeRequest request) {
        long t0 = nanoTime.getAsLong();
        double[] unsafe;
        try {
            unsafe = scorer.score(request);
        } catch (RuntimeException e) {
            throw new JudgeException(
                    JudgeException.Kind.UNAVAILABLE,
                    "scorer " + scorer.id() + " failed: " + e.getClass().getSimpleName(),
                    e);
        }
        int n = Criterion.count();
        if (unsafe == null || (unsafe.length != n && unsafe.length != 1)) {
            throw new JudgeException(
                    JudgeException.Kind.BAD_RESPONSE,
                    "scorer " + scorer.id() + " returned " + (unsafe == null ? "null" : unsafe.length + " values")
                            + ", expected 1 or " + n);
        }
        EnumMap<Criterion, Double> scores = new EnumMap<>(Criterion.class);
        List<String> reasons = new ArrayList<>(2);
        double min = 1.0;
        for (int k = 0; k < n; k++) {
            double p = unsafe.length == 1 ? unsafe[0] : unsafe[k];
            if (!(p >= 0.0 && p <= 1.0)) {
                throw new JudgeException(
                        JudgeException.Kind.BAD_RESPONSE,
                        "scorer " + scorer.id() + " returned a probability outside [0, 1]");
            }
            double s = 1.0 - p;
            Criterion c = Criterion.at(k);
            scores.put(c, s);
            min = Math.min(min, s);
            if (s < config.passAbove()) {
                reasons.add(
                        String.format(Locale.ROOT, "%s score %.2f below %.2f", c.wireName(), s, config.passAbove()));
            }
        }
        long elapsed = Math.max(0, nanoTime.getAsLong() - t0);
        return new JudgeVerdict(config.verdictFor(min), scores, reasons, id, Duration.ofNanos(elapsed));
    }
}
