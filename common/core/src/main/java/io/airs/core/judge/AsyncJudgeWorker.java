package io.airs.core.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.oversight.Oversight;
import io.airs.core.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The consumer side of a platform's async-judge queue: judges one {@link JudgeJob} message with a
 * different model from the one that answered, off the request path. A REVIEW or ESCALATE verdict
 * opens a sampling review (the content was already released, so nothing is held). Every cloud's
 * queue function calls {@link #handle} per message and maps the {@link Result} onto its retry
 * mechanism: {@code RETRY} back to the queue (and in the end its dead-letter or poison queue), {@code
 * DROPPED} logged by its reason, never the content.
 *
 * <pre>{@code
 * AsyncJudgeWorker.Result r = worker.handle(messageBody);
 * }</pre>
 */
public final class AsyncJudgeWorker {

    /** What became of one message. */
    public enum Outcome {
        /** Judged PASS: nothing to do. */
        PASSED,
        /** Judged REVIEW or ESCALATE: a sampling review is open. */
        REVIEWED,
        /** The judge failed: deliver the message again later. */
        RETRY,
        /** The message can never be judged (bad JSON, missing field). */
        DROPPED
    }

    /**
     * @param outcome what happened
     * @param decisionId the judged decision, when the message named one
     * @param reason why it was dropped or retried (a field or a failure kind), never content
     */
    public record Result(Outcome outcome, String decisionId, String reason) {}

    private final Judge judge;
    private final Oversight oversight;
    private final RiskTier tier;
    private final String policyRevision;
    private final ObjectMapper json;

    /**
     * @param judge the judge (a different model from the one judged)
     * @param oversight where reviews are opened
     * @param tier the policy's risk tier (chooses the review queue)
     * @param policyRevision the policy's revision, carried by the reviews
     */
    public AsyncJudgeWorker(Judge judge, Oversight oversight, RiskTier tier, String policyRevision, ObjectMapper json) {
        this.judge = Objects.requireNonNull(judge, "judge");
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.tier = Objects.requireNonNull(tier, "tier");
        this.policyRevision = Objects.requireNonNull(policyRevision, "policyRevision");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** Judges one queue message. */
    public Result handle(String body) {
        JudgeJob job;
        try {
            job = JudgeJob.read(json, body);
        } catch (WireException e) {
            return new Result(Outcome.DROPPED, null, e.getMessage());
        }
        try {
            JudgeVerdict v = judge.judge(job.request());
            if (v.verdict() == JudgeVerdict.Verdict.PASS) {
                return new Result(Outcome.PASSED, job.decisionId(), null);
            }
            review(job, v);
            return new Result(Outcome.REVIEWED, job.decisionId(), null);
        } catch (JudgeException e) {
            return new Result(
                    Outcome.RETRY, job.decisionId(), "judge failed (" + e.kind().wireName() + ")");
        }
    }

    private void review(JudgeJob job, JudgeVerdict v) {
        String content = job.request().content();
        Finding f = new Finding(
                Category.JUDGE,
                v.verdict() == JudgeVerdict.Verdict.ESCALATE ? "judge_escalate" : "judge_review",
                0,
                content.length(),
                Math.max(0.0, Math.min(1.0, 1.0 - v.minScore())),
                v.judge());
        List<Finding> findings = new ArrayList<>(job.request().findings());
        findings.add(f);
        Decision flagged = new Decision.Escalate(
                job.decisionId(), policyRevision, job.request().stage(), findings, List.of(), "judge");
        oversight.sample(flagged, job.request().context(), tier, content, null);
    }
}
