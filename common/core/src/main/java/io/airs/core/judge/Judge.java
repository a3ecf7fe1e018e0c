package io.airs.core.judge;

/**
 * The judge port: an independent evaluator of content against policy.
 *
 * <p>Implementations are immutable and thread-safe. A judge that cannot give a verdict throws
 * {@link JudgeException}; it never guesses. The caller (normally {@link JudgeCascade}) turns the
 * failure into the policy's fail posture.
 *
 * <pre>{@code
 * JudgeVerdict v = judge.judge(new JudgeRequest(Stage.OUTPUT, answer, findings, criteria, context));
 * if (v.verdict() == JudgeVerdict.Verdict.ESCALATE) { ... }
 * }</pre>
 */
public interface Judge {

    /** A stable id for evidence, such as {@code classifier/findings} or {@code llm/gpt-4o-mini}. */
    String id();

    /**
     * Judges one piece of content.
     *
     * @throws JudgeException when no verdict could be obtained (timeout, unavailable, bad response)
     */
    JudgeVerdict judge(JudgeRequest request);
}
