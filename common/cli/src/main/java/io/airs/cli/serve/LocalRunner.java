package io.airs.cli.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.Policy;
import io.airs.core.wire.EvaluateRequest;
import io.airs.core.wire.Message;
import io.airs.core.wire.WireCodec;
import io.airs.core.wire.WireException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local enforcement endpoint: {@code POST /v1/evaluate}, an OpenAI-compatible {@code POST
 * /v1/chat/completions} proxy (input checked before the upstream call, output after) and {@code GET
 * /healthz}. Bad input always gets an answer: 400 naming the field, 413 for a body over the policy's
 * limit, 415 for a wrong content type, 404 and 405 for unknown routes and methods.
 *
 * <pre>{@code
 * try (LocalRunner r = LocalRunner.start(enforcer, new EchoModel(mapper, clock), "127.0.0.1", 8787)) { ... }
 * }</pre>
 */
public final class LocalRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRunner.class.getName());

    private final Enforcer enforcer;
    private final Upstream upstream;
    private final WireCodec codec;
    private final ObjectMapper mapper;
    private final HttpServer server;
    private final ExecutorService executor;

    private LocalRunner(Enforcer enforcer, Upstream upstream, WireCodec codec, HttpServer server) {
        this.enforcer = enforcer;
        this.upstream = upstream;
        this.codec = codec;
        this.mapper = codec.mapper();
        this.server = server;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Starts the runner on {@code host}:{@code port} (0 picks a free port). */
    public static LocalRunner start(Enforcer enforcer, Upstream upstream, WireCodec codec, String host, int port)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        LocalRunner r = new LocalRunner(enforcer, upstream, codec, server);
        server.start();
        return r;
    }

    /** The port the runner listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
    }

    /** An HTTP error answered with an OpenAI-style error body. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String type;
        final String code;
        final String param;

        HttpError(int status, String type, String code, String param, String message) {
            super(message);
            this.status = status;
            this.type = type;
            this.code = code;
            this.param = param;
        }
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            try {
                route(ex);
            } catch (HttpError e) {
                sendError(ex, e.status, e.type, e.code, e.param, e.getMessage(), null);
            } catch (WireException e) {
                sendError(ex, 400, "invalid_request_error", "invalid_request", e.field(), e.getMessage(), null);
            } catch (RuntimeException | IOException e) {
                // Never log content: the exception type is enough to find the fault.
                LOG.log(Level.WARNING, "request failed: " + e.getClass().getName());
                sendError(ex, 500, "server_error", "internal_error", null, "internal error", null);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "client went away: " + e.getClass().getName());
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/healthz" -> {
                requireMethod(method, "GET");
                Policy p = enforcer.policy();
                ObjectNode body = mapper.createObjectNode();
                body.put("status", "ok");
                body.put("policy", p.name());
                body.put("policy_revision", p.revision());
                body.put("risk_tier", p.riskTier().name());
                send(ex, 200, mapper.writeValueAsBytes(body));
            }
            case "/v1/evaluate" -> {
                requireMethod(method, "POST");
                evaluate(ex, readJsonBody(ex));
            }
            case "/v1/chat/completions" -> {
                requireMethod(method, "POST");
                chat(ex, readJsonBody(ex));
            }
            default -> throw new HttpError(404, "invalid_request_error", "not_found", null, "no route " + path);
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new HttpError(
                    405,
                    "invalid_request_error",
                    "method_not_allowed",
                    null,
                    method + " not allowed (use " + allowed + ")");
        }
    }

    private byte[] readJsonBody(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).trim().startsWith("application/json")) {
            throw new HttpError(
                    415,
                    "invalid_request_error",
                    "unsupported_media_type",
                    null,
                    "Content-Type must be application/json (was " + (type == null ? "absent" : type) + ")");
        }
        int max = enforcer.policy().limits().maxRequestBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > max) {
                    throw tooLarge(max);
                }
            } catch (NumberFormatException e) {
                throw new HttpError(400, "invalid_request_error", "invalid_request", null, "bad Content-Length");
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream(Math.min(max, 8192));
            byte[] chunk = new byte[8192];
            int n;
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
                if (buf.size() > max) {
                    throw tooLarge(max);
                }
            }
            return buf.toByteArray();
        }
    }

    private static HttpError tooLarge(int max) {
        return new HttpError(
                413,
                "invalid_request_error",
                "request_too_large",
                null,
                "request body over the policy limit of " + max + " bytes");
    }

    private RequestContext withRequestId(HttpExchange ex, RequestContext ctx) {
        String id = ex.getRequestHeaders().getFirst("X-Request-Id");
        if (ctx.requestId() == null && id != null && !id.isBlank() && id.length() <= 128) {
            return ctx.withRequestId(id);
        }
        return ctx;
    }

    private void checkMessageCount(int count, String field) {
        int max = enforcer.policy().limits().maxMessages();
        if (count > max) {
            throw new HttpError(
                    413,
                    "invalid_request_error",
                    "too_many_messages",
                    field,
                    count + " messages, over the policy limit of " + max);
        }
    }

    private void evaluate(HttpExchange ex, byte[] body) throws IOException {
        EvaluateRequest req = codec.readEvaluate(body);
        RequestContext ctx = withRequestId(ex, req.context());
        if (req.content() != null) {
            Decision d = enforcer.evaluate(new Evaluation(req.stage(), req.content(), ctx));
            send(ex, 200, codec.writeDecision(d));
            return;
        }
        checkMessageCount(req.messages().size(), "messages");
        List<Decision> decisions = new ArrayList<>(req.messages().size());
        for (Message m : req.messages()) {
            decisions.add(enforcer.evaluate(new Evaluation(req.stage(), m.content(), ctx)));
        }
        send(ex, 200, codec.writeMessagesDecision(req.messages(), decisions));
    }

    private void chat(HttpExchange ex, byte[] body) throws IOException {
        JsonNode root = codec.readTree(body);
        if (!root.isObject()) {
            throw new WireException("", "expected a JSON object, got " + WireCodec.kind(root));
        }
        ObjectNode request = (ObjectNode) root;
        JsonNode messagesNode = request.get("messages");
        if (messagesNode == null) {
            throw new WireException("messages", "required");
        }
        List<Message> messages = codec.readMessages(messagesNode, "messages");
        checkMessageCount(messages.size(), "messages");
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new WireException("stream", "expected a boolean, got " + WireCodec.kind(stream));
        }
        boolean streaming = stream != null && stream.asBoolean(false);
        JsonNode model = request.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw new WireException("model", "expected a string, got " + WireCodec.kind(model));
        }
        RequestContext ctx = withRequestId(
                ex,
                new RequestContext(
                        null,
                        textOrNull(request.get("user")),
                        null,
                        null,
                        null,
                        null,
                        model == null ? null : model.asText()));

        // Input: user turns at the input stage, tool results at the context stage; system and
        // assistant turns are the application's own and are not checked.
        List<Decision> inputDecisions = new ArrayList<>();
        ArrayNode outMessages = (ArrayNode) messagesNode;
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            Stage stage = switch (m.role()) {
                case "user" -> Stage.INPUT;
                case "tool", "function" -> Stage.CONTEXT;
                default -> null;
            };
            if (stage == null) {
                continue;
            }
            Decision d = enforcer.evaluate(new Evaluation(stage, m.content(), ctx));
            inputDecisions.add(d);
            if (d instanceof Decision.Block || d instanceof Decision.Escalate) {
                sendBlocked(ex, d, "messages[" + i + "].content");
                return;
            }
            if (d instanceof Decision.Modify mod) {
                ((ObjectNode) outMessages.get(i)).put("content", mod.content());
            }
        }

        request.put("stream", false);
        ObjectNode completion;
        try {
            completion = upstream.complete(request, ex.getRequestHeaders().getFirst("Authorization"));
        } catch (Upstream.UpstreamException e) {
            sendError(ex, 502, "upstream_error", "upstream_unavailable", null, e.getMessage(), null);
            return;
        }

        List<Decision> outputDecisions = new ArrayList<>();
        for (JsonNode choice : completion.path("choices")) {
            JsonNode msg = choice.path("message");
            if (!msg.isObject() || !msg.path("content").isTextual()) {
                continue;
            }
            Decision d = enforcer.evaluate(
                    new Evaluation(Stage.OUTPUT, msg.path("content").asText(), ctx));
            outputDecisions.add(d);
            switch (d) {
                case Decision.Modify mod -> ((ObjectNode) msg).put("content", mod.content());
                case Decision.Block b -> {
                    ((ObjectNode) msg).put("content", "");
                    ((ObjectNode) choice).put("finish_reason", "content_filter");
                }
                case Decision.Escalate e -> {
                    ((ObjectNode) msg).put("content", "");
                    ((ObjectNode) choice).put("finish_reason", "content_filter");
                }
                case Decision.Allow a -> {}
            }
        }
        ObjectNode airs = completion.putObject("airs");
        airs.set("input", summary(inputDecisions));
        airs.set("output", summary(outputDecisions));
        airs.put("policy_revision", enforcer.policy().revision());
        if (streaming) {
            sendStream(ex, completion);
        } else {
            send(ex, 200, mapper.writeValueAsBytes(completion));
        }
    }

    private ObjectNode summary(List<Decision> decisions) {
        ObjectNode n = mapper.createObjectNode();
        n.put(
                "decision",
                decisions.isEmpty()
                        ? "ALLOW"
                        : WireCodec.strongest(decisions).verdict().wireName());
        ArrayNode ids = n.putArray("decision_ids");
        decisions.forEach(d -> ids.add(d.decisionId()));
        return n;
    }

    private static String textOrNull(JsonNode n) {
        return n != null && n.isTextual() ? n.asText() : null;
    }

    private void sendBlocked(HttpExchange ex, Decision d, String param) throws IOException {
        String reason = WireCodec.reasonOf(d);
        boolean escalated = d instanceof Decision.Escalate;
        sendError(
                ex,
                400,
                "invalid_request_error",
                escalated ? "content_escalated" : "content_blocked",
                param,
                (escalated ? "The request was held for human review by policy" : "The request was blocked by policy")
                        + (reason == null ? "" : " (reason: " + reason + ")"),
                d);
    }

    private void sendError(
            HttpExchange ex, int status, String type, String code, String param, String message, Decision decision)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("error");
            g.writeStringField("message", message);
            g.writeStringField("type", type);
            if (param == null || param.isEmpty()) {
                g.writeNullField("param");
            } else {
                g.writeStringField("param", param);
            }
            g.writeStringField("code", code);
            g.writeEndObject();
            if (decision != null) {
                g.writeFieldName("airs");
                codec.writeDecision(g, decision);
            }
            g.writeEndObject();
        }
        if (status == 413 || status == 415) {
            // The body was left unread: close the connection so the client does not reuse it.
            ex.getResponseHeaders().set("Connection", "close");
        }
        if (status == 405) {
            ex.getResponseHeaders()
                    .set("Allow", "/healthz".equals(ex.getRequestURI().getPath()) ? "GET" : "POST");
        }
        send(ex, status, out.toByteArray());
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    /** The checked completion as a server-sent event stream: one content chunk, a finish chunk, [DONE]. */
    private void sendStream(HttpExchange ex, ObjectNode completion) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        try (OutputStream os = ex.getResponseBody()) {
            for (JsonNode choice : completion.path("choices")) {
                ObjectNode chunk = chunk(completion);
                ObjectNode c = chunk.putArray("choices").addObject();
                c.put("index", choice.path("index").asInt());
                ObjectNode delta = c.putObject("delta");
                delta.put("role", "assistant");
                delta.put("content", choice.path("message").path("content").asText(""));
                c.putNull("finish_reason");
                writeEvent(os, chunk);
                ObjectNode fin = chunk(completion);
                ObjectNode fc = fin.putArray("choices").addObject();
                fc.put("index", choice.path("index").asInt());
                fc.putObject("delta");
                fc.put("finish_reason", choice.path("finish_reason").asText("stop"));
                writeEvent(os, fin);
            }
            os.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private ObjectNode chunk(ObjectNode completion) {
        ObjectNode chunk = mapper.createObjectNode();
        chunk.set("id", completion.get("id"));
        chunk.put("object", "chat.completion.chunk");
        chunk.set("created", completion.get("created"));
        chunk.set("model", completion.get("model"));
        chunk.set("airs", completion.get("airs"));
        return chunk;
    }

    private void writeEvent(OutputStream os, ObjectNode n) throws IOException {
        os.write("data: ".getBytes(StandardCharsets.UTF_8));
        os.write(mapper.writeValueAsBytes(n));
        os.write("\n\n".getBytes(StandardCharsets.UTF_8));
        os.flush();
    }
}
