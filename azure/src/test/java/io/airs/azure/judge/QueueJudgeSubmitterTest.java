package io.airs.azure.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.models.QueueMessageItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.azure.storage.StorageConnection;
import io.airs.azure.testing.Azurite;
import io.airs.azure.testing.TcpGate;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.judge.AsyncJudgeQueue;
import io.airs.core.judge.JudgeJob;
import io.airs.core.judge.JudgeRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sampled decisions reach the judge queue as the trigger reads them, and an outage never fails a request. */
class QueueJudgeSubmitterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Azurite storage;

    @BeforeAll
    static void up() {
        storage = Azurite.start();
    }

    @AfterAll
    static void down() {
        storage.close();
    }

    private static JudgeRequest request(String content) {
        return new JudgeRequest(
                Stage.OUTPUT, content, List.of(), "", RequestContext.empty().withRequestId("r-1"));
    }

    @Test
    void aSubmissionIsOneBase64JudgeJobOnTheQueue() throws Exception {
        QueueClient queue = StorageConnection.ofConnectionString(storage.connectionString())
                .queueServiceClient()
                .getQueueClient("judge-ok");
        queue.create();
        var submitter = new QueueJudgeSubmitter(queue, JSON, Duration.ofSeconds(2));
        assertThat(submitter.submit("d-7", request("The refund was sent.")))
                .isEqualTo(AsyncJudgeQueue.Submission.ACCEPTED);
        QueueMessageItem m = queue.receiveMessage();
        JudgeJob job = JudgeJob.read(JSON, m.getBody().toString());
        assertThat(job.decisionId()).isEqualTo("d-7");
        assertThat(job.request().content()).isEqualTo("The refund was sent.");
    }

    @Test
    void anUnreachableQueueOrAnOversizedJobIsARejectedSubmissionNotAFailure() {
        try (TcpGate gate = new TcpGate(storage.queuePort())) {
            QueueClient queue = StorageConnection.ofConnectionString(storage.connectionString(gate.port()))
                    .queueServiceClient()
                    .getQueueClient("judge-down");
            queue.create();
            var submitter = new QueueJudgeSubmitter(queue, JSON, Duration.ofSeconds(2));
            assertThat(submitter.submit("d-8", request("x".repeat(QueueJudgeSubmitter.MAX_BODY_CHARS))))
                    .isEqualTo(AsyncJudgeQueue.Submission.REJECTED);
            gate.cut();
            assertThat(submitter.submit("d-9", request("The refund was sent.")))
                    .isEqualTo(AsyncJudgeQueue.Submission.REJECTED);
        }
    }
}
