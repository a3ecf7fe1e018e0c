package io.airs.core.judge;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link JudgeCascade} did with one piece of content, for the evidence record.
 *
 * @param verdict the combined verdict (judge id {@code cascade}); its scores are the deciding
 *     judge's
 * @param humanNeeded whether a person must decide (the combined verdict is ESCALATE)
 * @param classifier the classifier judge's verdict, or null when it failed
 * @param llm the LLM judge's verdict, or null when it did not run inline or failed
 * @param llmStep what happened at the LLM step
 * @param failure why a judge failed, or null
 * @param mode inline or async, from the sampler
 * @param trigger why the LLM judge was chosen, from the sampler ({@code none} when it was not)
 */
public record JudgeOutcome(
        JudgeVerdict verdict,
        boolean humanNeeded,
        JudgeVerdict classifier,
        JudgeVerdict llm,
        LlmStep llmStep,
        JudgeException.Kind failure,
        Mode mode,
        Trigger trigger) {

    /** What happened at the LLM step of the cascade. */
    public enum LlmStep {
        /** The sampler did not select the content. */
        NOT_SELECTED,
        /** The classifier passed with margin, so the LLM was not asked. */
        CONFIDENT,
        /** No LLM judge is configured. */
        NO_LLM,
        /** The LLM judge gave a verdict inline. */
        JUDGED,
        /** The LLM judge failed inline; the fail posture decided. */
        FAILED,
        /** Submitted to the async queue; the verdict follows through its callback. */
        QUEUED,
        /** The async queue refused it (full or closed); counted by the queue. */
        REFUSED,
        /** Selected for async judging but no queue is configured: the caller submits it. */
        PENDING;

        /** The lower-case name used in evidence. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public JudgeOutcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(llmStep, "llmStep");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
    }

    /**
     * The outcome as evidence {@code extra} fields, all prefixed {@code judge_}: verdict, human,
     * trigger, mode, llm step, the judge ids, each judge's verdict, scores and latency in
     * microseconds, the failure kind, and the reasons. None of them holds judged text.
     */
    public Map<String, String> toEvidenceExtra() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("judge_verdict", verdict.verdict().wireName());
        m.put("judge_human", Boolean.toString(humanNeeded));
        m.put("judge_trigger", trigger.wireName());
        m.put("judge_mode", mode.wireName());
        m.put("judge_llm_step", llmStep.wireName());
        m.put("judge_scores", verdict.scoresWire());
        m.put("judge_latency_us", Long.toString(micros(verdict.latency())));
        StringBuilder ids = new StringBuilder();
        if (classifier != null) {
            ids.append(classifier.judge());
            put(m, "judge_classifier", classifier);
        }
        if (llm != null) {
            ids.append(ids.isEmpty() ? "" : ",").append(llm.judge());
            put(m, "judge_llm", llm);
        }
        m.put("judge_ids", ids.toString());
        if (failure != null) {
            m.put("judge_failure", failure.wireName());
        }
        if (!verdict.reasons().isEmpty()) {
            m.put("judge_reasons", String.join(" | ", verdict.reasons()));
        }
        return m;
    }

    private static void put(Map<String, String> m, String prefix, JudgeVerdict v) {
        m.put(prefix + "_verdict", v.verdict().wireName());
        m.put(prefix + "_scores", v.scoresWire());
        m.put(prefix + "_latency_us", Long.toString(micros(v.latency())));
    }

    private static long micros(Duration d) {
        return d.toNanos() / 1_000;
    }
}
