package io.airs.aws.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

class EmulatorsTest {

    @Test
    void dynaliteAnswersAndStopsByPid() {
        long pid;
        try (Dynalite dynamo = Dynalite.start();
                DynamoDbClient client = dynamo.client()) {
            pid = dynamo.pid();
            assertThat(client.listTables().tableNames()).isEmpty();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
    }

    @Test
    void elasticMqAnswers() {
        try (ElasticMq sqs = ElasticMq.start();
                SqsClient client = sqs.client()) {
            String url = client.createQueue(b -> b.queueName("q")).queueUrl();
            assertThat(url).endsWith("/q");
        }
    }
}
