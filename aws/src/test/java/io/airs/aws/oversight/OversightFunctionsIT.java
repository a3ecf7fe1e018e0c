package io.airs.aws.oversight;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.aws.bedrock.RuntimeInterfaceClientIT;
import io.airs.aws.lambda.FakeRuntimeApi;
import io.airs.aws.testing.Dynalite;
import io.airs.aws.testing.ElasticMq;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged Lambda jar under the real Runtime Interface Client, for the oversight functions: a
 * reviewer's decision arriving as a real SQS event, and the SLA sweep as a real EventBridge
 * scheduled event, against DynamoDB (dynalite) and SQS (ElasticMQ).
 */
class OversightFunctionsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Dynalite dynamo;
    private static ElasticMq sqs;
    private static DynamoSqsEscalationStore store;
    private static final Map<Severity, String> QUEUES = new EnumMap<>(Severity.class);

    @BeforeAll
    static void start() {
        dynamo = Dynalite.start();
        sqs = ElasticMq.start();
        for (Severity s : Severity.values()) {
            QUEUES.put(
                    s,
                    sqs.client()
                            .createQueue(b -> b.queueName(DynamoSqsEscalationConfig.defaultQueueName(s)))
                            .queueUrl());
        }
        DynamoSqsEscalationConfig config = new DynamoSqsEscalationConfig(
                DynamoSqsEscalationConfig.DEFAULT_TABLE, DynamoSqsEscalationConfig.DEFAULT_STATUS_INDEX, QUEUES);
        Dynalite.createTable(dynamo.client(), EscalationTable.createTableRequest(config));
        store = new DynamoSqsEscalationStore(dynamo.client(), sqs.client(), config, OversightConfig.defaults());
    }

    @AfterAll
    static void stop() {
        sqs.close();
        dynamo.close();
    }

    private static void open(String ticket, Instant created, Instant deadline) {
        store.open(
                new NewEscalation(
                        ticket,
                        Severity.HIGH,
                        created,
                        deadline,
                        Stage.INPUT,
                        "d-" + ticket,
                        "r-" + ticket,
                        "prompt_injection",
                        "0123456789abcdef",
                        RiskTier.MEDIUM,
                        List.of(),
                        "[prompt_injection] please",
                        Identities.none()),
                "held content");
    }

    /** Runs one event through {@code handler} in a child JVM on the packaged jar; returns the answer. */
    private static FakeRuntimeApi.Answer invoke(String handler, String event) throws Exception {
        try (FakeRuntimeApi api = new FakeRuntimeApi()) {
            Path log = Files.createTempFile(Paths.get("target"), "ric-oversight-", ".log");
            ProcessBuilder pb = new ProcessBuilder(
                    Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    RuntimeInterfaceClientIT.lambdaClasspath(),
                    "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    handler);
            Map<String, String> env = pb.environment();
            env.clear();
            env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
            env.put("AWS_LAMBDA_RUNTIME_API", api.address());
            env.put("_HANDLER", handler);
            env.put("AWS_LAMBDA_FUNCTION_NAME", "airs-oversight");
            env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
            env.put("AWS_REGION", "us-east-1");
            env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
            env.put("AWS_SECRET_ACCESS_KEY", "dummy-secret");
            env.put("AIRS_DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
            env.put("AIRS_SQS_ENDPOINT", sqs.endpoint().toString());
            env.put("AIRS_ESCALATION_TABLE", DynamoSqsEscalationConfig.DEFAULT_TABLE);
            QUEUES.forEach((s, url) -> env.put("AIRS_QUEUE_URL_" + s.name(), url));
            pb.redirectErrorStream(true);
            pb.redirectOutput(log.toFile());
            Process child = pb.start();
            try {
                return api.invoke(event).get(60, TimeUnit.SECONDS);
            } finally {
                child.destroy();
                if (!child.waitFor(10, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OversightFunctionsIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aReviewersDecisionOnSqsIsAppliedOnceByThePackagedFunction() throws Exception {
        String ticket = "esc_ricdecision000000001";
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        open(ticket, now, now.plus(4, ChronoUnit.HOURS));
        JsonNode event = JSON.readTree(resource("/events/sqs-review-decisions.json"));
        for (JsonNode record : event.path("Records")) {
            JsonNode body;
            try {
                body = JSON.readTree(record.path("body").asText());
            } catch (IOException malformedOnPurpose) {
                continue;
            }
            if (body.isObject() && body.has("ticket")) {
                ((ObjectNode) body).put("ticket", ticket);
                ((ObjectNode) record).put("body", body.toString());
            }
        }
        FakeRuntimeApi.Answer answer =
                invoke("io.airs.aws.oversight.DecisionConsumerHandler::handleRequest", JSON.writeValueAsString(event));
        assertThat(answer.error()).as(answer.body()).isFalse();
        assertThat(store.get(ticket)).get().satisfies(e -> {
            assertThat(e.status()).isEqualTo(EscalationStatus.APPROVED);
            assertThat(e.reviewer()).isEqualTo("alice@example.com");
        });
    }

    @Test
    void theScheduledSweepDeniesTicketsPastTheirSla() throws Exception {
        Instant long_ago = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        open("esc_ricsweepoverdue00001", long_ago, long_ago.plus(1, ChronoUnit.HOURS));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        open("esc_ricsweepfresh000001", now, now.plus(4, ChronoUnit.HOURS));
        FakeRuntimeApi.Answer answer = invoke(
                "io.airs.aws.oversight.SlaSweeperHandler::handleRequest", resource("/events/scheduled-sla-sweep.json"));
        assertThat(answer.error()).as(answer.body()).isFalse();
        assertThat(store.get("esc_ricsweepoverdue00001").orElseThrow().status()).isEqualTo(EscalationStatus.EXPIRED);
        assertThat(store.get("esc_ricsweepfresh000001").orElseThrow().status()).isEqualTo(EscalationStatus.PENDING);
    }
}
