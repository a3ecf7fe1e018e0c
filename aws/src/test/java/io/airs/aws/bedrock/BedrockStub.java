package io.airs.aws.bedrock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.aws.lambda.AwsRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** Bedrock Runtime on WireMock, answering Converse in its real wire format. */
final class BedrockStub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    final WireMockServer server;

    BedrockStub() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
    }

    URI endpoint() {
        return URI.create(server.baseUrl());
    }

    /** A hook config pointing at the stub (one attempt, so error tests do not wait on retries). */
    BedrockHookConfig config() {
        return new BedrockHookConfig("us-east-1", endpoint(), null, null, false, null, null, Duration.ofSeconds(10), 1);
    }

    software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient client(BedrockHookConfig hook) {
        return AwsRuntime.bedrockClient(
                hook, StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "dummy-secret")));
    }

    /** Every Converse call answers {@code text} (the real response shape, from the test resources). */
    void answers(String text) {
        ObjectNode body = (ObjectNode) read("/bedrock-converse-response.json");
        ((ObjectNode) body.path("output").path("message").path("content").get(0)).put("text", text);
        server.stubFor(post(urlPathMatching("/model/.+/converse"))
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-RequestId", "7c1f1d5a-0d0e-4c55-9f53-2b8a1f0e3c11")
                        .withBody(body.toString())));
    }

    /** Every Converse call fails the way Bedrock fails: status, {@code x-amzn-ErrorType}, {@code {"message"}}. */
    void fails(int status, String type, String message) {
        server.stubFor(post(urlPathMatching("/model/.+/converse"))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withHeader("x-amzn-ErrorType", type + ":http://internal.amazon.com/coral/com.amazon.bedrock/")
                        .withBody("{\"message\":\"" + message + "\"}")));
    }

    static com.fasterxml.jackson.databind.JsonNode read(String resource) {
        try (InputStream in = BedrockStub.class.getResourceAsStream(resource)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
