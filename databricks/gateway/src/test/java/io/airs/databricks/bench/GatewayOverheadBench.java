package io.airs.databricks.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.airs.core.policy.PolicyLoader;
import io.airs.databricks.gateway.DatabricksGateway;
import io.airs.databricks.gateway.GatewaySettings;
import io.airs.databricks.workspace.Workspace;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Measures the gateway, not a test: the latency of a chat request sent to a serving endpoint (on
 * WireMock) directly and through the gateway, side by side in one run, interleaved, with the default
 * policy and every layer on; and the service jar's size.
 *
 * <pre>
 * ./mvnw -q -pl databricks/gateway -am install -DskipTests
 * ./mvnw -q -pl databricks/gateway exec:java -Dexec.mainClass=io.airs.databricks.bench.GatewayOverheadBench -Dexec.classpathScope=test
 * </pre>
 *
 * <p>{@code -Dfsync=false} measures without forcing each evidence record to the disk.
 */
public final class GatewayOverheadBench {

    private static final String COMPLETION =
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1767225600,"
                    + "\"model\":\"databricks-meta-llama-3-3-70b-instruct\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
                    + "\"assistant\",\"content\":\"Refunds are accepted within 30 days of delivery; after that, store"
                    + " credit is offered for unopened items.\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
                    + "40,\"completion_tokens\":24,\"total_tokens\":64}}";

    private GatewayOverheadBench() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 3000);
        int iterations = Integer.getInteger("iterations", 5000);
        Path jar = Path.of(
                System.getProperty("airs.gateway.jar", "databricks/gateway/target/airs-databricks-gateway.jar"));
        if (Files.exists(jar)) {
            System.out.printf(Locale.ROOT, "service jar: %s, %.1f MB%n", jar, Files.size(jar) / 1e6);
        }
        WireMockServer wm = new WireMockServer(
                options().dynamicPort().disableRequestJournal().containerThreads(16));
        wm.start();
        wm.stubFor(post(urlEqualTo("/serving-endpoints/chat/invocations")).willReturn(okJson(COMPLETION)));
        Path data = Files.createTempDirectory("airs-bench");
        Map<String, String> env = Map.of(
                GatewaySettings.ENDPOINTS,
                "chat",
                GatewaySettings.PORT,
                "0",
                GatewaySettings.DATA_DIR,
                data.toString(),
                GatewaySettings.EVIDENCE_FSYNC,
                System.getProperty("fsync", "true"));
        try (DatabricksGateway g = DatabricksGateway.start(
                GatewaySettings.fromEnvironment(env),
                Workspace.withToken("http://127.0.0.1:" + wm.port(), "dapi-bench"),
                PolicyLoader.defaultPolicy(),
                env::get,
                Clock.systemUTC())) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String body = "{\"messages\":[{\"role\":\"system\",\"content\":\"You are the store's support assistant.\"},"
                    + "{\"role\":\"user\",\"content\":\""
                    + "I bought a laptop 40 days ago and it stopped charging. ".repeat(4)
                    + "What are my options under your refund policy?\"}],\"max_tokens\":256}";
            HttpRequest direct = request("http://127.0.0.1:" + wm.port() + "/serving-endpoints/chat/invocations", body);
            HttpRequest through = request("http://127.0.0.1:" + g.port() + "/serving-endpoints/chat/invocations", body);
            run(http, direct, through, warmup, null, null);
            long[] d = new long[iterations];
            long[] t = new long[iterations];
            run(http, direct, through, iterations, d, t);
            Arrays.sort(d);
            Arrays.sort(t);
            System.out.printf(
                    Locale.ROOT,
                    "chat request (%d-byte body, default policy, every layer, evidence fsync %s), %d interleaved"
                            + " calls each:%n",
                    body.length(),
                    System.getProperty("fsync", "true"),
                    iterations);
            System.out.printf(Locale.ROOT, "%-28s %10s %10s%n", "", "p50 (us)", "p99 (us)");
            System.out.printf(
                    Locale.ROOT, "%-28s %10.0f %10.0f%n", "serving endpoint directly", pct(d, 50), pct(d, 99));
            System.out.printf(Locale.ROOT, "%-28s %10.0f %10.0f%n", "through the gateway", pct(t, 50), pct(t, 99));
            System.out.printf(
                    Locale.ROOT,
                    "%-28s %10.0f %10.0f%n",
                    "gateway overhead",
                    pct(t, 50) - pct(d, 50),
                    pct(t, 99) - pct(d, 99));
        } finally {
            wm.stop();
        }
    }

    private static HttpRequest request(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static void run(HttpClient http, HttpRequest direct, HttpRequest through, int n, long[] d, long[] t)
            throws Exception {
        for (int i = 0; i < n; i++) {
            long a = System.nanoTime();
            HttpResponse<byte[]> r1 = http.send(direct, HttpResponse.BodyHandlers.ofByteArray());
            long b = System.nanoTime();
            HttpResponse<byte[]> r2 = http.send(through, HttpResponse.BodyHandlers.ofByteArray());
            long c = System.nanoTime();
            if (r1.statusCode() != 200 || r2.statusCode() != 200) {
                throw new IllegalStateException("unexpected status " + r1.statusCode() + "/" + r2.statusCode());
            }
            if (d != null) {
                d[i] = (b - a) / 1000;
                t[i] = (c - b) / 1000;
            }
        }
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
