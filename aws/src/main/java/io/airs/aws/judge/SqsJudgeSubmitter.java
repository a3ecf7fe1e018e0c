package io.airs.aws.judge;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.judge.AsyncJudgeQueue;
import io.airs.core.judge.AsyncJudgeSubmitter;
import io.airs.core.judge.JudgeJob;
import io.airs.core.judge.JudgeRequest;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends content to be judged asynchronously to the async-judge SQS queue, read by {@link
 * AsyncJudgeHandler}. A failed send is a rejected submission (the decision stands, its evidence
 * record says the judge step was refused); it never fails the request.
 */
public final class SqsJudgeSubmitter implements AsyncJudgeSubmitter {

    private final SqsClient sqs;
    private final String queueUrl;
    private final ObjectMapper json = new ObjectMapper();

    public SqsJudgeSubmitter(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public AsyncJudgeQueue.Submission submit(String decisionId, JudgeRequest request) {
        try {
            sqs.sendMessage(SendMessageRequest.builder()
                    .queueUrl(queueUrl)
                    .messageBody(new JudgeJob(decisionId, request).write(json))
                    .build());
            return AsyncJudgeQueue.Submission.ACCEPTED;
        } catch (SdkException e) {
            return AsyncJudgeQueue.Submission.REJECTED;
        }
    }
}
