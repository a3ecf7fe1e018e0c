package io.airs.aws.judge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.judge.AsyncJudgeQueue;
import io.airs.core.judge.JudgeJob;
import io.airs.core.judge.JudgeRequest;
import java.net.URI;
import java.util.List;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Async judge jobs on a real SQS API (ElasticMQ), read back as the consumer reads them. */
class SqsJudgeSubmitterTest {

    private static SQSRestServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stop() {
        sqs.close();
        server.stopAndWait();
    }

    @Test
    void aSubmittedJobArrivesOnTheQueueAsTheConsumerExpectsIt() {
        String url = sqs.createQueue(b -> b.queueName("airs-async-judge")).queueUrl();
        JudgeRequest request = new JudgeRequest(
                Stage.OUTPUT,
                "Here is the summary you asked for.",
                List.of(),
                null,
                new RequestContext("r-1", "u-1", "agent-1", null, null, null, "m"));
        assertThat(new SqsJudgeSubmitter(sqs, url).submit("d-1", request))
                .isEqualTo(AsyncJudgeQueue.Submission.ACCEPTED);
        var messages =
                sqs.receiveMessage(b -> b.queueUrl(url).waitTimeSeconds(2)).messages();
        assertThat(messages).hasSize(1);
        JudgeJob job = JudgeJob.read(new ObjectMapper(), messages.get(0).body());
        assertThat(job.decisionId()).isEqualTo("d-1");
        assertThat(job.request()).isEqualTo(request);
    }

    @Test
    void aQueueThatCannotBeReachedRejectsWithoutFailingTheRequest() {
        assertThat(new SqsJudgeSubmitter(sqs, "http://127.0.0.1:1/000000000000/missing")
                        .submit("d-2", JudgeRequest.of(Stage.INPUT, "hi")))
                .isEqualTo(AsyncJudgeQueue.Submission.REJECTED);
    }
}
