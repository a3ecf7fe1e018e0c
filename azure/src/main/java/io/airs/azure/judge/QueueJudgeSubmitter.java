package io.airs.azure.judge;

import com.azure.storage.queue.QueueClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.judge.AsyncJudgeQueue;
import io.airs.core.judge.AsyncJudgeSubmitter;
import io.airs.core.judge.JudgeJob;
import io.airs.core.judge.JudgeRequest;
import java.time.Duration;
import java.util.Objects;

/**
 * Sends content to be judged asynchronously to the judge Storage Queue ({@code AIRS_JUDGE_QUEUE},
 * Base64 as the trigger expects), read by the {@code async-judge} function. A failed send is a
 * rejected submission (the decision stands, its evidence record says the judge step was refused); it
 * never fails the request. Messages larger than a queue message allows are refused the same way.
 */
public final class QueueJudgeSubmitter implements AsyncJudgeSubmitter {

    /** Storage Queues take messages of up to 64 KiB; Base64 grows the body by a third. */
    static final int MAX_BODY_CHARS = 48 * 1024;

    private final QueueClient queue;
    private final ObjectMapper json;
    private final Duration timeout;

    public QueueJudgeSubmitter(QueueClient queue, ObjectMapper json, Duration timeout) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.json = Objects.requireNonNull(json, "json");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public AsyncJudgeQueue.Submission submit(String decisionId, JudgeRequest request) {
        String body = new JudgeJob(decisionId, request).write(json);
        if (body.length() > MAX_BODY_CHARS) {
            return AsyncJudgeQueue.Submission.REJECTED;
        }
        try {
            queue.sendMessageWithResponse(body, null, null, timeout, null);
            return AsyncJudgeQueue.Submission.ACCEPTED;
        } catch (RuntimeException e) {
            // The queue is unreachable or slow: the request goes on without the async judge.
            return AsyncJudgeQueue.Submission.REJECTED;
        }
    }
}
