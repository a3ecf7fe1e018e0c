package io.airs.azure.bench;

import com.microsoft.azure.functions.HttpResponseMessage;
import io.airs.azure.AzureSettings;
import io.airs.azure.functions.EnforcerFunctions;
import io.airs.azure.runtime.AzureEnvironment;
import io.airs.azure.runtime.AzureRuntime;
import io.airs.azure.testing.AzureOpenAiStub;
import io.airs.azure.testing.FakeContext;
import io.airs.azure.testing.FakeHttpRequest;
import io.airs.azure.testing.LoopbackTls;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Measures the Azure package, not a test: the staged app's size, cold start (a fresh JVM on the
 * staged app's jars, from JVM start to the first response of the function class), and the filter's
 * per-request overhead against calling Azure OpenAI (on HTTPS WireMock) directly, side by side in
 * one run, interleaved.
 *
 * <pre>
 * ./mvnw -q -pl azure -am install -DskipTests
 * ./mvnw -q -pl azure package -DskipTests
 * ./mvnw -q -pl azure exec:java -Dexec.mainClass=io.airs.azure.bench.FilterBench -Dexec.classpathScope=test
 * </pre>
 */
public final class FilterBench {

    private static final String PROMPT = "Summarise our refund policy for a customer who bought a laptop 40 days ago.";

    private FilterBench() {}

    public static void main(String[] args) throws Exception {
        int warmup = Integer.getInteger("warmup", 3000);
        int iterations = Integer.getInteger("iterations", 5000);
        Path app = Path.of(System.getProperty("airs.functions.app", "azure/target/azure-functions/airs-enforcer"));
        System.out.printf(Locale.ROOT, "staged app: %s, %.1f MB%n", app, size(app) / 1e6);
        coldStarts(app, Integer.getInteger("coldStarts", 5));
        overhead(warmup, iterations);
    }

    private static long size(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }

    private static void coldStarts(Path app, int runs) throws Exception {
        List<String> cp = new ArrayList<>();
        try (Stream<Path> s = Files.list(app)) {
            s.filter(p -> p.toString().endsWith(".jar")).forEach(p -> cp.add(p.toString()));
        }
        try (Stream<Path> s = Files.list(app.resolve("lib"))) {
            s.forEach(p -> cp.add(p.toString()));
        }
        // The test classes: the fake request and context.
        // The worker supplies its request and context types (the test classes fake the worker's part).
        cp.add(Path.of(com.microsoft.azure.functions.ExecutionContext.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString());
        cp.add(Path.of(FilterBench.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] ms = new long[runs];
        for (int i = 0; i < runs; i++) {
            Process p = new ProcessBuilder(java, "-cp", String.join(File.pathSeparator, cp), ColdStart.class.getName())
                    .redirectErrorStream(true)
                    .start();
            String line;
            long v = -1;
            StringBuilder tail = new StringBuilder();
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("cold_start_ms=")) {
                        v = Long.parseLong(line.substring("cold_start_ms=".length()));
                    } else if (!line.startsWith("{")) {
                        // Evidence lines are the app's own output; anything else explains a failure.
                        tail.append(line).append('\n');
                    }
                }
            }
            if (p.waitFor() != 0 || v < 0) {
                throw new IllegalStateException("cold start run failed:\n" + tail);
            }
            ms[i] = v;
        }
        Arrays.sort(ms);
        System.out.printf(
                Locale.ROOT,
                "cold start (JVM start to first response), %d runs: min %d ms, median %d ms, max %d ms%n",
                runs,
                ms[0],
                ms[runs / 2],
                ms[runs - 1]);
    }

    private static void overhead(int warmup, int iterations) throws Exception {
        try (AzureOpenAiStub azure = new AzureOpenAiStub()) {
            azure.answers("Refunds are accepted within 30 days; after that, store credit applies.");
            HttpClient http = LoopbackTls.trustingJdkClient();
            Map<String, String> env =
                    Map.of(AzureSettings.OPENAI_ENDPOINT, azure.endpoint().toString());
            AzureRuntime rt = AzureRuntime.builder(new AzureEnvironment(
                                    env,
                                    http,
                                    LoopbackTls.trustingHttpClient(),
                                    LoopbackTls.credential(),
                                    Clock.systemUTC())
                            .policy())
                    .evidence(new InMemoryEvidenceSink(1024))
                    .upstream(new io.airs.azure.openai.AzureOpenAiUpstream(
                            http,
                            azure.endpoint(),
                            () -> LoopbackTls.TOKEN,
                            java.time.Duration.ofSeconds(10),
                            AzureOpenAiStub.JSON))
                    .build();
            EnforcerFunctions f = new EnforcerFunctions(rt);
            String body = "{\"messages\":[{\"role\":\"user\",\"content\":\"" + PROMPT + "\"}]}";
            URI direct = azure.endpoint().resolve(AzureOpenAiStub.path("gpt-4o") + "?api-version=2024-10-21");
            long[] d = new long[iterations];
            long[] t = new long[iterations];
            for (int i = -warmup; i < iterations; i++) {
                long a = System.nanoTime();
                HttpResponse<byte[]> r = http.send(
                        HttpRequest.newBuilder(direct)
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + LoopbackTls.TOKEN)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                long b = System.nanoTime();
                FakeHttpRequest<Optional<byte[]>> req = FakeHttpRequest.post(
                        "/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", body);
                HttpResponseMessage out = f.openAiFilter(req, "gpt-4o", new FakeContext("bench"));
                long c = System.nanoTime();
                if (r.statusCode() != 200 || out.getStatusCode() != 200) {
                    throw new IllegalStateException("unexpected status " + r.statusCode() + "/" + out.getStatusCode());
                }
                if (i >= 0) {
                    d[i] = b - a;
                    t[i] = c - b;
                }
            }
            Arrays.sort(d);
            Arrays.sort(t);
            System.out.printf(
                    Locale.ROOT,
                    "per request over %d interleaved calls: Azure OpenAI (WireMock) direct p50 %,d µs / p99 %,d µs;"
                            + " through the filter p50 %,d µs / p99 %,d µs; the filter adds p50 %,d µs, p99 %,d µs%n",
                    iterations,
                    d[iterations / 2] / 1000,
                    d[iterations * 99 / 100] / 1000,
                    t[iterations / 2] / 1000,
                    t[iterations * 99 / 100] / 1000,
                    (t[iterations / 2] - d[iterations / 2]) / 1000,
                    (t[iterations * 99 / 100] - d[iterations * 99 / 100]) / 1000);
            rt.close();
        }
    }
}
