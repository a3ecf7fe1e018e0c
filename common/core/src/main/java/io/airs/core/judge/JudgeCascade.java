package io.airs.core.judge;

import io.airs.core.Decision;
import io.airs.core.RiskTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The judge cascade after the guardrails: classifier, then LLM, then a human.
 *
 * <ol>
 *   <li>The classifier judge always runs (microseconds).
 *   <li>The {@link JudgeSampler} says whether the LLM judge runs, inline or async, and why. A
 *       classifier PASS with margin ({@link JudgeConfig#confident}) stops the cascade for content that
 *       was merely sampled; flagged, adaptive and tool pre-action content still goes to the LLM.
 *       Content the guardrails blocked is never judged inline, since nothing waits on it.
 *   <li>Inline, the LLM verdict decides, except that a classifier ESCALATE against an LLM PASS
 *       becomes REVIEW: the disagreement goes to a person, without urgency. When the LLM judge fails,
 *       {@link JudgeConfig#onFailure()} decides: the classifier's verdict, REVIEW, or ESCALATE.
 *   <li>Async, the request goes to the {@link AsyncJudgeQueue} (when one is configured) and the
 *       classifier's verdict stands for now.
 *   <li>ESCALATE means a human is needed ({@link JudgeOutcome#humanNeeded()}).
 * </ol>
 *
 * <p>The cascade never throws for a judge failure: it is the caller of the judges and turns failures
 * into the fail posture. It is thread-safe when its judges and queue are.
 *
 * <pre>{@code
 * JudgeCascade cascade = JudgeCascade.builder(new ClassifierJudge(new FindingsScorer(), config), sampler)
 *         .config(config).llm(llmJudge).queue(asyncQueue).build();
 * JudgeOutcome outcome = cascade.evaluate(RiskTier.HIGH, decision, request);
 * draft = draft.withExtra(...outcome.toEvidenceExtra()...);
 * }</pre>
 */
public final class JudgeCascade {

    /** The id of the combined verdict. */
    public static final String ID = "cascade";

    private static final int MAX_REASONS = 8;

    private final Judge classifier;
    private final JudgeSampler sampler;
    private final Judge llm;
    private final AsyncJudgeSubmitter queue;
    private final JudgeConfig config;
    private final LongSupplier nanoTime;

    private JudgeCascade(Builder b) {
        this.classifier = b.classifier;
        this.sampler = b.sampler;
        this.llm = b.llm;
        this.queue = b.queue;
        this.config = b.config;
        this.nanoTime = b.nanoTime;
    }

    /** A builder with the classifier judge and the sampler, which every cascade needs. */
    public static Builder builder(Judge classifier, JudgeSampler sampler) {
        return new Builder(classifier, sampler);
    }

    /**
     * Judges content the guardrails have decided on.
     *
     * @param tier the policy's risk tier (selects the sampling rate)
     * @param guardrails the guardrails' decision on the content
     * @param request the content, its findings and context
     */
    public JudgeOutcome evaluate(RiskTier tier, Decision guardrails, JudgeRequest request) {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(guardrails, "guardrails");
        Objects.requireNonNull(request, "request");
        long t0 = nanoTime.getAsLong();
        SamplingDecision sampling = sampler.decide(tier, guardrails, request.context());
        Mode mode = guardrails instanceof Decision.Block ? Mode.ASYNC : sampling.mode();

        JudgeVerdict first = null;
        JudgeException.Kind failure = null;
        try {
            first = classifier.judge(request);
        } catch (JudgeException e) {
            failure = e.kind();
        }

        JudgeOutcome.LlmStep step;
        JudgeVerdict second = null;
        if (!sampling.judge()) {
            step = JudgeOutcome.LlmStep.NOT_SELECTED;
        } else if (first != null && sampling.trigger() == Trigger.SAMPLED && config.confident(first)) {
            step = JudgeOutcome.LlmStep.CONFIDENT;
        } else if (llm == null) {
            step = JudgeOutcome.LlmStep.NO_LLM;
        } else if (mode == Mode.ASYNC) {
            if (queue == null) {
                step = JudgeOutcome.LlmStep.PENDING;
            } else {
                AsyncJudgeQueue.Submission s = queue.submit(guardrails.decisionId(), request);
                step = s == AsyncJudgeQueue.Submission.REJECTED
                        ? JudgeOutcome.LlmStep.REFUSED
                        : JudgeOutcome.LlmStep.QUEUED;
            }
        } else {
            try {
                second = llm.judge(request);
                step = JudgeOutcome.LlmStep.JUDGED;
            } catch (JudgeException e) {
                failure = e.kind();
                step = JudgeOutcome.LlmStep.FAILED;
            }
        }

        JudgeVerdict combined =
                combine(first, second, failure, Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - t0)));
        return new JudgeOutcome(
                combined,
                combined.verdict() == JudgeVerdict.Verdict.ESCALATE,
                first,
                second,
                step,
                failure,
                mode,
                sampling.trigger());
    }

    private JudgeVerdict combine(
            JudgeVerdict first, JudgeVerdict second, JudgeException.Kind failure, Duration latency) {
        List<String> reasons = new ArrayList<>();
        JudgeVerdict.Verdict verdict;
        Map<Criterion, Double> scores;
        if (second != null) {
            verdict = second.verdict();
            scores = second.scores();
            if (first != null
                    && first.verdict() == JudgeVerdict.Verdict.ESCALATE
                    && second.verdict() == JudgeVerdict.Verdict.PASS) {
                verdict = JudgeVerdict.Verdict.REVIEW;
                reasons.add("classifier and llm judge disagree");
            }
            addAll(reasons, second.reasons());
            if (first != null && verdict != second.verdict()) {
                addAll(reasons, first.reasons());
            }
        } else {
            JudgeVerdict.Verdict base = first != null ? first.verdict() : JudgeVerdict.Verdict.REVIEW;
            scores = first != null ? first.scores() : Map.of();
            if (first != null) {
                addAll(reasons, first.reasons());
            }
            if (failure != null) {
                reasons.add("judge failed: " + failure.wireName());
                verdict = switch (config.onFailure()) {
                    case USE_CLASSIFIER -> base;
                    case REVIEW -> base.max(JudgeVerdict.Verdict.REVIEW);
                    case ESCALATE -> JudgeVerdict.Verdict.ESCALATE;
                };
            } else {
                verdict = base;
            }
        }
        return new JudgeVerdict(verdict, scores, reasons, ID, latency);
    }

    private static void addAll(List<String> into, List<String> from) {
        for (String r : from) {
            if (into.size() >= MAX_REASONS) {
                return;
            }
            if (!into.contains(r)) {
                into.add(r);
            }
        }
    }

    /** Builds a {@link JudgeCascade}. */
    public static final class Builder {
        private final Judge classifier;
        private final JudgeSampler sampler;
        private Judge llm;
        private AsyncJudgeSubmitter queue;
        private JudgeConfig config = JudgeConfig.defaults();
        private LongSupplier nanoTime = System::nanoTime;

        private Builder(Judge classifier, JudgeSampler sampler) {
            this.classifier = Objects.requireNonNull(classifier, "classifier");
            this.sampler = Objects.requireNonNull(sampler, "sampler");
        }

        /** The LLM judge; without one the cascade ends at the classifier. */
        public Builder llm(Judge judge) {
            this.llm = Objects.requireNonNull(judge, "llm");
            return this;
        }

        /** The async queue for {@link Mode#ASYNC}; without one async requests are left {@code PENDING}. */
        public Builder queue(AsyncJudgeSubmitter q) {
            this.queue = Objects.requireNonNull(q, "queue");
            return this;
        }

        /** Confidence margin and fail posture; default {@link JudgeConfig#defaults()}. */
        public Builder config(JudgeConfig c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** A monotonic nanosecond clock for latency; default {@link System#nanoTime()}. */
        public Builder nanoTime(LongSupplier n) {
            this.nanoTime = Objects.requireNonNull(n, "nanoTime");
            return this;
        }

        public JudgeCascade build() {
            return new JudgeCascade(this);
        }
    }
}
