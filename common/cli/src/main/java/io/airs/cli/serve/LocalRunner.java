package io.airs.cli.serve;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.airs.core.Decision;
import io.airs.core.RequestContext;
import io.airs.core.breaker.FileFlagSource;
import io.airs.core.breaker.Scope;
import io.airs.core.gateway.ChatApi;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.NativeApi;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationFilter;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.policy.Policy;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.WireCodec;
import io.airs.core.wire.WireException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The local enforcement endpoint over the JDK's HTTP server, with every layer of the {@link Gateway}:
 *
 * <ul>
 *   <li>{@code POST /v1/evaluate}: the native decision; {@code 202} with a ticket when escalated.
 *   <li>{@code POST /v1/chat/completions}: an OpenAI-compatible proxy (input checked before the
 *       upstream call, output after); an escalated request or answer is held and answered {@code 202}
 *       with a ticket; an open breaker answers with the policy's fallback, never the model.
 *   <li>{@code GET /v1/escalations}, {@code GET /v1/escalations/{ticket}} (the caller's outcome),
 *       {@code POST /v1/escalations/{ticket}/decision} (a reviewer's decision).
 *   <li>{@code GET /v1/breakers}, {@code PUT /v1/breakers/{scope}} (the kill switches), {@code GET
 *       /v1/status} (PACE, breakers, queues, review quality), {@code GET /healthz}.
 * </ul>
 *
 * <p>Bad input always gets an answer: 400 naming the field, 404 and 409 for unknown and decided
 * tickets, 413 for a body over the policy's limit, 415 for a wrong content type, 405 for a wrong
 * method.
 *
 * <pre>{@code
 * try (LocalRunner r = LocalRunner.start(gateway, flags, upstream, codec, clock, "127.0.0.1", 8787, Duration.ofSeconds(1))) { ... }
 * }</pre>
 */
public final class LocalRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalRunner.class.getName());
    private static final String CHAT = "chat";

    /**
     * Which chat proxy answers a request, for entry points with more than one (a proxy per serving
     * endpoint, each its own breaker scope, say).
     */
    public interface ChatRoutes {

        /**
         * The proxy and upstream route for a {@code POST} to {@code path} with this body, or null when
         * {@code path} is not a chat route (answered 404).
         *
         * @throws WireException when the body does not say where it goes (answered 400 naming the field)
         */
        Target resolve(String path, JsonNode body);

        /** The proxy that answers a caller polling a held chat request ({@code GET /v1/escalations/{ticket}}). */
        ChatApi outcomes();

        /** Whether {@code path} is a chat route, so that a wrong method gets 405 rather than 404. */
        boolean isChatPath(String path);
    }

    /** A chat proxy and the route its upstream is given (a serving endpoint's name, say). */
    public record Target(ChatApi chat, String route) {}

    /** Who may use a route; a refused request is answered 401 and never reaches the gateway. */
    public interface Access {

        /** What a route does. */
        enum Kind {
            /** {@code /healthz}. */
            HEALTH,
            /** Evaluation, chat, and polling a held request by its ticket. */
            CALLER,
            /** Listing escalations, deciding them, flipping kill switches, status. */
            ADMIN
        }

        /** Whether the request may use a route of this kind. */
        boolean permits(HttpExchange exchange, Kind kind);

        /** Everyone may use every route: the local runner, which listens on the loopback interface only. */
        static Access open() {
            return (ex, kind) -> true;
        }
    }

    /** Where {@code PUT /v1/breakers/{scope}} writes a kill switch. */
    public interface FlagWriter {

        /**
         * Opens or closes the kill switch of one scope.
         *
         * @throws IllegalStateException or {@link java.io.UncheckedIOException} when it cannot be
         *     written (answered 409)
         */
        void set(Scope scope, boolean open, String reason, java.time.Instant now);

        /** Why the kill switches could not be read, if they could not (the last good ones stay in force). */
        java.util.Optional<String> lastError();

        /** The kill-switch file of the local runner. */
        static FlagWriter of(FileFlagSource file) {
            return new FlagWriter() {
                @Override
                public void set(Scope scope, boolean open, String reason, java.time.Instant now) {
                    file.set(scope, open, reason, now);
                }

                @Override
                public java.util.Optional<String> lastError() {
                    return file.lastError();
                }
            };
        }
    }

    /** What an entry point adds to the runner's routes: its chat proxies, kill-switch store and access rule. */
    public record Setup(ChatRoutes chat, FlagWriter flags, Access access) {}

    private final Gateway gateway;
    private final FlagWriter flags;
    private final ChatRoutes routes;
    private final Access access;
    private final WireCodec codec;
    private final ControlCodec control;
    private final NativeApi api;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService ticker;

    private LocalRunner(Gateway gateway, Setup setup, WireCodec codec, Clock clock, HttpServer server, Duration tick) {
        this.gateway = gateway;
        this.flags = setup.flags();
        this.routes = setup.chat();
        this.access = setup.access();
        this.codec = codec;
        this.mapper = codec.mapper();
        this.control = new ControlCodec(mapper);
        this.api = new NativeApi(gateway, codec);
        this.clock = clock;
        this.server = server;
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        if (tick != null && !tick.isZero()) {
            this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "airs-tick");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            this.ticker = null;
        }
    }

    /**
     * Starts the runner on {@code host}:{@code port} (0 picks a free port).
     *
     * @param flags the kill-switch file the gateway reads, written by {@code PUT /v1/breakers/{scope}}
     * @param tick how often SLAs, breakers and PACE advance; zero or null leaves it to {@link #tick()}
     */
    public static LocalRunner start(
            Gateway gateway,
            FileFlagSource flags,
            ChatApi.Upstream upstream,
            WireCodec codec,
            Clock clock,
            String host,
            int port,
            Duration tick)
            throws IOException {
        ChatApi chat =
                new ChatApi(gateway, codec, clock, upstream, CHAT, ChatApi.Dialect.openAi(codec.mapper(), codec));
        return start(
                gateway,
                new Setup(singleChat(chat), FlagWriter.of(flags), Access.open()),
                codec,
                clock,
                host,
                port,
                tick);
    }

    /**
     * Starts the runner with an entry point's own chat routes, kill-switch store and access rule.
     *
     * @param tick how often SLAs, breakers and PACE advance; zero or null leaves it to {@link #tick()}
     */
    public static LocalRunner start(
            Gateway gateway, Setup setup, WireCodec codec, Clock clock, String host, int port, Duration tick)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 128);
        LocalRunner r = new LocalRunner(gateway, setup, codec, clock, server, tick);
        server.start();
        return r;
    }

    /** {@code POST /v1/chat/completions} to one proxy. */
    public static ChatRoutes singleChat(ChatApi chat) {
        return new ChatRoutes() {
            @Override
            public Target resolve(String path, JsonNode body) {
                return isChatPath(path) ? new Target(chat, null) : null;
            }

            @Override
            public ChatApi outcomes() {
                return chat;
            }

            @Override
            public boolean isChatPath(String path) {
                return "/v1/chat/completions".equals(path);
            }
        };
    }

    /** The port the runner listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Runs the periodic work once: SLA expiry (fail safe), breaker and PACE clocks. */
    public void tick() {
        try {
            for (Escalation e : gateway.tick()) {
                LOG.info("escalation " + e.ticket() + " passed its SLA and was denied");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "periodic work failed: " + e.getClass().getName());
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
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
            } catch (NativeApi.TooManyMessages e) {
                sendError(ex, 413, "invalid_request_error", "too_many_messages", e.field(), e.getMessage(), null);
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
        permit(ex, kindOf(path, method));
        if (routes.isChatPath(path)) {
            requireMethod(method, "POST");
            chat(ex, path, readJsonBody(ex));
            return;
        }
        if (path.startsWith("/v1/escalations/")) {
            String rest = path.substring("/v1/escalations/".length());
            if (rest.endsWith("/decision")) {
                requireMethod(method, "POST");
                decide(ex, rest.substring(0, rest.length() - "/decision".length()), readJsonBody(ex));
            } else if (!rest.isEmpty() && rest.indexOf('/') < 0) {
                requireMethod(method, "GET");
                outcome(ex, rest);
            } else {
                throw new HttpError(404, "invalid_request_error", "not_found", null, "no route " + path);
            }
            return;
        }
        if (path.startsWith("/v1/breakers/")) {
            requireMethod(method, "PUT");
            setBreaker(ex, URLDecoder.decode(path.substring("/v1/breakers/".length()), StandardCharsets.UTF_8));
            return;
        }
        switch (path) {
            case "/healthz" -> {
                requireMethod(method, "GET");
                Policy p = gateway.policy();
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
            case "/v1/escalations" -> {
                requireMethod(method, "GET");
                listEscalations(ex);
            }
            case "/v1/breakers" -> {
                requireMethod(method, "GET");
                ObjectNode body = mapper.createObjectNode();
                body.set("breakers", control.breakers(gateway.breakers().snapshot(clock.instant())));
                flagsError().ifPresent(e -> body.put("flags_error", e));
                send(ex, 200, mapper.writeValueAsBytes(body));
            }
            case "/v1/status" -> {
                requireMethod(method, "GET");
                send(ex, 200, mapper.writeValueAsBytes(status()));
            }
            default -> throw new HttpError(404, "invalid_request_error", "not_found", null, "no route " + path);
        }
    }

    private static Access.Kind kindOf(String path, String method) {
        if (path.equals("/healthz")) {
            return Access.Kind.HEALTH;
        }
        if (path.equals("/v1/evaluate")) {
            return Access.Kind.CALLER;
        }
        if (path.startsWith("/v1/escalations/") && !path.endsWith("/decision") && "GET".equals(method)) {
            return Access.Kind.CALLER;
        }
        if (path.startsWith("/v1/escalations") || path.startsWith("/v1/breakers") || path.equals("/v1/status")) {
            return Access.Kind.ADMIN;
        }
        return Access.Kind.CALLER;
    }

    private void permit(HttpExchange ex, Access.Kind kind) {
        if (!access.permits(ex, kind)) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new HttpError(
                    401,
                    "authentication_error",
                    "unauthorized",
                    null,
                    kind == Access.Kind.ADMIN
                            ? "this route needs the administrator's bearer token"
                            : "missing or unknown bearer token");
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
        int max = gateway.policy().limits().maxRequestBytes();
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

    // ---- native evaluation ------------------------------------------------------------------------

    private void evaluate(HttpExchange ex, byte[] body) throws IOException {
        NativeApi.Answer a = api.evaluate(body, ex.getRequestHeaders().getFirst("X-Request-Id"));
        send(ex, a.status(), a.body());
    }

    // ---- chat proxy -------------------------------------------------------------------------------

    private void chat(HttpExchange ex, String path, byte[] bytes) throws IOException {
        JsonNode body = codec.readTree(bytes);
        Target target = routes.resolve(path, body);
        if (target == null) {
            throw new HttpError(404, "invalid_request_error", "not_found", null, "no route " + path);
        }
        String agent = ex.getRequestHeaders().getFirst("X-Airs-Agent");
        String session = ex.getRequestHeaders().getFirst("X-Airs-Session");
        String id = ex.getRequestHeaders().getFirst("X-Request-Id");
        RequestContext ctx = new RequestContext(
                id == null || id.isBlank() || id.length() > 128 ? null : id,
                null,
                agent == null || agent.length() > 128 ? null : agent,
                session == null || session.length() > 128 ? null : session,
                null,
                null,
                null);
        send(
                ex,
                target.chat()
                        .complete(
                                body,
                                ctx,
                                target.route(),
                                ex.getRequestHeaders().getFirst("Authorization")));
    }

    private static void send(HttpExchange ex, ChatApi.Answer a) throws IOException {
        ex.getResponseHeaders().set("Content-Type", a.contentType());
        if (a.contentType().startsWith("text/event-stream")) {
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
        }
        ex.sendResponseHeaders(a.status(), a.body().length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(a.body());
        }
    }

    // ---- oversight --------------------------------------------------------------------------------

    private void listEscalations(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        EscalationFilter filter = EscalationFilter.all();
        String status = q.getOrDefault("status", "open");
        switch (status) {
            case "all" -> {}
            case "open", "pending" -> filter = EscalationFilter.open();
            default -> {
                try {
                    filter = EscalationFilter.withStatus(
                            EnumSet.of(EscalationStatus.valueOf(status.toUpperCase(Locale.ROOT))));
                } catch (IllegalArgumentException e) {
                    throw new WireException(
                            "status",
                            "'" + status + "' is not one of open, all, approved, denied, modified, expired, escalated");
                }
            }
        }
        if (q.containsKey("queue")) {
            try {
                filter = filter.inQueues(EnumSet.of(Severity.fromWire(q.get("queue"))));
            } catch (IllegalArgumentException e) {
                throw new WireException(
                        "queue", "'" + q.get("queue") + "' is not one of critical, high, standard, sampling");
            }
        }
        int limit = 100;
        if (q.containsKey("limit")) {
            try {
                limit = Integer.parseInt(q.get("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) {
                throw new WireException("limit", "must be an integer between 1 and 1000");
            }
        }
        ArrayNode items = mapper.createArrayNode();
        for (Escalation e : gateway.oversight().list(filter, limit)) {
            items.add(control.escalation(e));
        }
        ObjectNode out = mapper.createObjectNode();
        out.set("escalations", items);
        send(ex, 200, mapper.writeValueAsBytes(out));
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return q;
    }

    private void decide(HttpExchange ex, String ticket, byte[] body) throws IOException {
        ReviewDecision decision = control.readReviewDecision(codec.readTree(body));
        try {
            Escalation e = gateway.oversight().decide(ticket, decision);
            send(ex, 200, mapper.writeValueAsBytes(control.escalation(e)));
        } catch (UnknownTicketException e) {
            throw new HttpError(404, "invalid_request_error", "unknown_ticket", "ticket", e.getMessage());
        } catch (AlreadyDecidedException e) {
            throw new HttpError(409, "invalid_request_error", "already_decided", "ticket", e.getMessage());
        }
    }

    private void outcome(HttpExchange ex, String ticket) throws IOException {
        try {
            send(ex, routes.outcomes().outcome(ticket));
        } catch (UnknownTicketException e) {
            throw new HttpError(404, "invalid_request_error", "unknown_ticket", "ticket", e.getMessage());
        } catch (ChatApi.UpstreamException e) {
            throw new HttpError(502, "upstream_error", "upstream_unavailable", null, "upstream failed on resume");
        }
    }

    // ---- breakers and status ----------------------------------------------------------------------

    private void setBreaker(HttpExchange ex, String scopeText) throws IOException {
        Scope scope;
        try {
            scope = Scope.parse(scopeText);
        } catch (IllegalArgumentException e) {
            throw new WireException("scope", e.getMessage());
        }
        JsonNode body = codec.readTree(readJsonBody(ex));
        if (!body.isObject()) {
            throw new WireException("", "expected a JSON object, got " + WireCodec.kind(body));
        }
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!Set.of("open", "reason").contains(f)) {
                throw new WireException(f, "unknown field (expected open, reason)");
            }
        }
        JsonNode open = body.get("open");
        if (open == null || !open.isBoolean()) {
            throw new WireException("open", "required: true or false");
        }
        JsonNode reason = body.get("reason");
        if (reason != null && !reason.isNull() && !reason.isTextual()) {
            throw new WireException("reason", "expected a string, got " + WireCodec.kind(reason));
        }
        String why = reason == null || reason.isNull()
                ? (open.asBoolean() ? "opened by hand" : "closed by hand")
                : reason.asText();
        if (why.length() > 500) {
            throw new WireException("reason", "longer than 500 characters");
        }
        try {
            flags.set(scope, open.asBoolean(), why, clock.instant());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new HttpError(409, "invalid_request_error", "flags_unwritable", null, e.getMessage());
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("scope", scope.wire());
        out.put("open", open.asBoolean());
        out.put("reason", why);
        send(ex, 200, mapper.writeValueAsBytes(out));
    }

    /** Why the kill-switch file could not be used (its last good flags stay in force), if it could not. */
    private java.util.Optional<String> flagsError() {
        return flags.lastError().or(() -> gateway.breakers().flagError());
    }

    private ObjectNode status() {
        var now = clock.instant();
        ObjectNode out = mapper.createObjectNode();
        Policy p = gateway.policy();
        out.put("policy", p.name());
        out.put("policy_revision", p.revision());
        out.put("risk_tier", p.riskTier().name());
        out.set("pace", control.pace(gateway.pace().status(now)));
        out.set("breakers", control.breakers(gateway.breakers().snapshot(now)));
        flagsError().ifPresent(e -> out.put("flags_error", e));
        ObjectNode queues = out.putObject("escalations");
        for (Severity s : Severity.values()) {
            queues.put(
                    s.wireName(),
                    gateway.oversight()
                            .list(EscalationFilter.open().inQueues(EnumSet.of(s)), 10_000)
                            .size());
        }
        out.set("review_quality", control.reviewQuality(gateway.oversight().reviewQuality(now)));
        out.put("llm_judge", gateway.hasLlmJudge());
        return out;
    }

    // ---- responses --------------------------------------------------------------------------------

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
            String path = ex.getRequestURI().getPath();
            ex.getResponseHeaders()
                    .set(
                            "Allow",
                            path.startsWith("/v1/breakers/")
                                    ? "PUT"
                                    : path.endsWith("/decision")
                                                    || path.equals("/v1/evaluate")
                                                    || routes.isChatPath(path)
                                            ? "POST"
                                            : "GET");
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
}
