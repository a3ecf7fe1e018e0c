package io.airs.databricks.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code java -jar airs-databricks-gateway.jar} as an operator starts it, configured from the environment. */
class ServiceJarIT {

    @TempDir
    Path data;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("airs.gateway.jar", "target/airs-databricks-gateway.jar"));
        assertThat(jar).as("run after package").exists();
        return jar;
    }

    private static ProcessBuilder java(Map<String, String> env, String... args) {
        List<String> cmd = new java.util.ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("DATABRICKS_") || k.startsWith("AIRS_"));
        pb.environment().putAll(env);
        return pb;
    }

    @Test
    void servesTheEndpointsItIsConfiguredFor() throws Exception {
        try (DatabricksStub databricks = new DatabricksStub()) {
            databricks.answers("chat", "Hello from the endpoint.");
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Process p = java(Map.of(
                            "DATABRICKS_HOST",
                            databricks.host(),
                            "DATABRICKS_TOKEN",
                            DatabricksStub.TOKEN,
                            GatewaySettings.ENDPOINTS,
                            "chat",
                            GatewaySettings.PORT,
                            Integer.toString(port),
                            GatewaySettings.DATA_DIR,
                            data.toString()))
                    .start();
            try {
                BufferedReader out =
                        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line;
                String listening = null;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("airs-databricks: listening")) {
                        listening = line;
                        break;
                    }
                }
                assertThat(listening).contains("127.0.0.1:" + port).contains("endpoints chat");
                HttpResponse<String> r = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + port + "/serving-endpoints/chat/invocations"))
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                "{\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("Hello from the endpoint.");
                databricks.server.verify(postRequestedFor(urlEqualTo("/serving-endpoints/chat/invocations"))
                        .withHeader("Authorization", equalTo("Bearer " + DatabricksStub.TOKEN)));
                // one hash-chained evidence record per stage checked
                assertThat(Files.readAllLines(data.resolve("evidence.jsonl")))
                        .hasSize(2)
                        .satisfiesExactly(
                                first -> assertThat(first)
                                        .contains("\"stage\":\"input\"")
                                        .contains("\"seq\":0"),
                                second -> assertThat(second)
                                        .contains("\"stage\":\"output\"")
                                        .contains("\"seq\":1"));
            } finally {
                p.destroy();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void aBadEnvironmentStopsItWithEveryProblemNamed() throws IOException, InterruptedException {
        Process p = java(Map.of(GatewaySettings.BIND, "0.0.0.0", GatewaySettings.PORT, "http"))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out)
                .contains(GatewaySettings.ENDPOINTS + " is not set")
                .contains(GatewaySettings.PORT + ": expected an integer")
                .contains(GatewaySettings.CALLER_TOKENS + " is not set");
    }
}
