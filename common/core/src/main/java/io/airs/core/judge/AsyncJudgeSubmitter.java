package io.airs.core.judge;

/**
 * Where content judged asynchronously goes: the in-process {@link AsyncJudgeQueue}, or a platform's
 * queue (an SQS queue read by a judge function, say). Submitting never blocks on the judging.
 */
public interface AsyncJudgeSubmitter {

    /**
     * Hands {@code request} over for judging.
     *
     * @param decisionId the evidence id of the decision being judged
     * @return whether it was accepted
     */
    AsyncJudgeQueue.Submission submit(String decisionId, JudgeRequest request);
}
