package io.airs.aws.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.aws.bedrock.BedrockHookConfig;
import io.airs.aws.bedrock.GuardrailHookHandler;
import io.airs.aws.bedrock.RuntimeInterfaceClientIT;
import io.airs.aws.lambda.AwsRuntime;
import io.airs.aws.lambda.FakeRuntimeApi;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.policy.PolicyLoader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Measures the AWS package, not a test: the Lambda jar's size, its cold start under the real Runtime
 * Interface Client (child JVM start to first response through the runtime API), and the hook's
 * per-request overhead against calling Bedrock (on WireMock) directly, side by side in one run.
 *
 * <pre>
 * ./mvnw -q -pl aws -am install -DskipTests
 * ./mvnw -q -pl aws exec:java -Dexec.mainClass=io.airs.aws.bench.HookBench -Dexec.classpathScope=test \
 *     -Dairs.lambda.jar=aws/target/airs-aws-lambda.jar
 * </pre>
 */
public final class HookBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROMPT = "Summarise our refund policy for a customer who bought a laptop 40 days ago.";

    private HookBench() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 3000);
        int iterations = Integer.getInteger("iterations", 5000);
        String jar = System.getProperty("airs.lambda.jar", "target/airs-aws-lambda.jar");
        System.setProperty("airs.lambda.jar", jar);
        System.out.printf(Locale.ROOT, "jar: %s, %.1f MB%n", jar, Files.size(Paths.get(jar)) / 1e6);

        WireMockServer bedrock =
                new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        bedrock.start();
        try (InputStream in = HookBench.class.getResourceAsStream("/bedrock-converse-response.json")) {
            bedrock.stubFor(post(urlPathMatching("/model/.+/converse"))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
        }
        try {
            coldStart(bedrock, 3);
            overhead(bedrock, warmup, iterations);
        } finally {
            bedrock.stop();
        }
    }

    private static void coldStart(WireMockServer bedrock, int runs) throws Exception {
        String event = new String(
                HookBench.class
                        .getResourceAsStream("/events/function-url-evaluate.json")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            try (FakeRuntimeApi api = new FakeRuntimeApi()) {
                Path log = Files.createTempFile("airs-coldstart-", ".log");
                ProcessBuilder pb = new ProcessBuilder(
                        Paths.get(System.getProperty("java.home"), "bin", "java")
                                .toString(),
                        "-XX:+TieredCompilation",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        RuntimeInterfaceClientIT.lambdaClasspath(),
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        "io.airs.aws.bedrock.GuardrailHookHandler::handleRequest");
                Map<String, String> env = pb.environment();
                env.clear();
                env.put("AWS_LAMBDA_RUNTIME_API", api.address());
                env.put("_HANDLER", "io.airs.aws.bedrock.GuardrailHookHandler::handleRequest");
                env.put("AWS_REGION", "us-east-1");
                env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
                env.put("AWS_SECRET_ACCESS_KEY", "dummy");
                env.put("AIRS_BEDROCK_ENDPOINT", bedrock.baseUrl());
                pb.redirectErrorStream(true).redirectOutput(log.toFile());
                var answer = api.invoke(event);
                long t0 = System.nanoTime();
                Process child = pb.start();
                answer.get(60, TimeUnit.SECONDS);
                ms[i] = (System.nanoTime() - t0) / 1_000_000;
                child.destroy();
                child.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "cold start (child JVM start to first response, %d runs, C1 as Lambda's java21 uses by default):"
                        + " min %d ms, median %d ms, max %d ms%n",
                runs,
                ms[0],
                ms[runs / 2],
                ms[runs - 1]);
    }

    private static void overhead(WireMockServer bedrock, int warmup, int iterations) {
        BedrockHookConfig hook = new BedrockHookConfig(
                "us-east-1",
                java.net.URI.create(bedrock.baseUrl()),
                null,
                null,
                false,
                null,
                null,
                Duration.ofSeconds(10),
                1);
        BedrockRuntimeClient client = AwsRuntime.bedrockClient(
                hook, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy")));
        AwsRuntime runtime = AwsRuntime.builder(PolicyLoader.defaultPolicy())
                .evidence(new InMemoryEvidenceSink(4096))
                .hook(hook)
                .bedrock(client)
                .build();
        GuardrailHookHandler handler = new GuardrailHookHandler(runtime);
        // Built by hand: the function URL event of events/function-url-converse.json, without a loader.
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
        event.setHeaders(Map.of("content-type", "application/json"));
        APIGatewayV2HTTPEvent.RequestContext rc = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod("POST");
        http.setPath(event.getRawPath());
        rc.setHttp(http);
        rc.setRequestId("bench");
        event.setRequestContext(rc);
        ObjectNode body = JSON.createObjectNode();
        body.putArray("messages")
                .addObject()
                .put("role", "user")
                .putArray("content")
                .addObject()
                .put("text", PROMPT);
        event.setBody(body.toString());
        event.setIsBase64Encoded(false);
        ConverseRequest direct = ConverseRequest.builder()
                .modelId("anthropic.claude-3-haiku-20240307-v1:0")
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(PROMPT))
                        .build())
                .build();
        long[] viaHook = new long[iterations];
        long[] straight = new long[iterations];
        for (int i = 0; i < warmup; i++) {
            client.converse(direct);
            handler.handleRequest(event, null);
        }
        // Interleaved, so both see the same machine state.
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            client.converse(direct);
            long t1 = System.nanoTime();
            int status = handler.handleRequest(event, null).getStatusCode();
            long t2 = System.nanoTime();
            if (status != 200) {
                throw new IllegalStateException("hook answered " + status);
            }
            straight[i] = t1 - t0;
            viaHook[i] = t2 - t1;
        }
        Arrays.sort(straight);
        Arrays.sort(viaHook);
        System.out.printf(
                Locale.ROOT,
                "per request, %d interleaved calls: Bedrock (WireMock) direct p50 %.0f µs p99 %.0f µs;"
                        + " through the hook p50 %.0f µs p99 %.0f µs; overhead p50 %.0f µs p99 %.0f µs%n",
                iterations,
                pct(straight, 0.5),
                pct(straight, 0.99),
                pct(viaHook, 0.5),
                pct(viaHook, 0.99),
                pct(viaHook, 0.5) - pct(straight, 0.5),
                pct(viaHook, 0.99) - pct(straight, 0.99));
        runtime.close();
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1000.0;
    }
}
