package io.airs.aws.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Lambda Runtime API (2018-06-01) on 127.0.0.1, enough for the real Runtime Interface Client:
 * {@code GET /runtime/invocation/next} hands out queued events with the headers Lambda sends,
 * {@code POST /runtime/invocation/{id}/response} and {@code /error} complete them, {@code POST
 * /runtime/init/error} records a failed start.
 */
public final class FakeRuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:airs-guardrail-hook";

    private record Invocation(String id, String event) {}

    /** What the function answered: its response body, or its error body. */
    public record Answer(boolean error, String body) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, CompletableFuture<Answer>> pending = new ConcurrentHashMap<>();
    private final AtomicReference<String> initError = new AtomicReference<>();

    public FakeRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(executor);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues an event; the future completes when the function answers. */
    public CompletableFuture<Answer> invoke(String eventJson) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<Answer> f = new CompletableFuture<>();
        pending.put(id, f);
        queue.add(new Invocation(id, eventJson));
        return f;
    }

    public Optional<String> initError() {
        return Optional.ofNullable(initError.get());
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath().substring(PREFIX.length());
            String method = ex.getRequestMethod();
            if ("GET".equals(method) && "invocation/next".equals(path)) {
                next(ex);
                return;
            }
            byte[] body = ex.getRequestBody().readAllBytes();
            String text = new String(body, StandardCharsets.UTF_8);
            if ("POST".equals(method) && "init/error".equals(path)) {
                initError.set(text);
                send(ex, 202, "{\"status\":\"OK\"}");
                return;
            }
            if ("POST".equals(method) && path.startsWith("invocation/")) {
                String rest = path.substring("invocation/".length());
                int slash = rest.indexOf('/');
                String id = slash < 0 ? rest : rest.substring(0, slash);
                String what = slash < 0 ? "" : rest.substring(slash + 1);
                CompletableFuture<Answer> f = pending.remove(id);
                if (f == null || !("response".equals(what) || "error".equals(what))) {
                    send(ex, 400, "{\"errorMessage\":\"unknown invocation\",\"errorType\":\"InvalidRequestID\"}");
                    return;
                }
                f.complete(new Answer("error".equals(what), text));
                send(ex, 202, "{\"status\":\"OK\"}");
                return;
            }
            send(ex, 404, "{\"errorMessage\":\"not found\"}");
        }
    }

    private void next(HttpExchange ex) throws IOException {
        Invocation inv;
        try {
            inv = queue.poll(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (inv == null) {
            send(ex, 500, "{}");
            return;
        }
        long deadline = System.currentTimeMillis() + Duration.ofSeconds(30).toMillis();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", inv.id());
        ex.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        ex.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        ex.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-5e1b4151-43a0913a12345678901234567;Sampled=0");
        byte[] out = inv.event().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
