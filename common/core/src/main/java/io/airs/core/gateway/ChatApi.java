package io.airs.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.oversight.Outcome;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.Message;
import io.airs.core.wire.WireCodec;
import io.airs.core.wire.WireException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The OpenAI chat-completions proxy, independent of transport and provider: what the local runner's
 * {@code /v1/chat/completions}, the Azure OpenAI filter and the Databricks gateway all serve. User
 * turns are checked at {@code input} and tool results at {@code context} before the model is called,
 * every choice of the answer at {@code output} after; an escalated request or answer is held and
 * answered {@code 202} with a ticket that {@link #outcome} resolves; an open breaker answers the
 * policy's fallback without calling the model. A {@link Dialect} says how the provider words a
 * refusal, a filtered choice and an error, so a client sees its provider's own shapes.
 *
 * <pre>{@code
 * ChatApi chat = new ChatApi(gateway, codec, clock, upstream, "chat", ChatApi.Dialect.OPENAI);
 * ChatApi.Answer a = chat.complete(body, ctx, authorizationHeader); // WireException: 400 naming the field
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class ChatApi {

    private static final int RESUMED_KEPT = 256;

    /** An answer: HTTP status, media type and body (a JSON document or a whole event stream). */
    public record Answer(int status, String contentType, byte[] body) {

        /** A JSON answer. */
        public static Answer json(int status, byte[] body) {
            return new Answer(status, "application/json", body);
        }

        /** The body as text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The model behind the proxy. */
    public interface Upstream {

        /**
         * Sends a chat-completions request and returns the (non-streaming) completion.
         *
         * @param request the request body, already checked and possibly redacted, with {@code stream} off
         * @param route where the entry point said the request goes (an Azure deployment and API
         *     version, say), or null; kept with a held request for when it is resumed
         * @param authorization the caller's {@code Authorization} header, when the upstream passes it on
         *     (may be null)
         * @throws UpstreamException when the model cannot be reached or answers with an error
         */
        ObjectNode complete(ObjectNode request, String route, String authorization) throws UpstreamException;
    }

    /** A failure of the upstream model; {@code status} is its HTTP status, or 0 when unreachable. */
    public static final class UpstreamException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public UpstreamException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }

        /** Whether the caller's request was at fault (the model refused it as invalid). */
        public boolean callerFault() {
            return status == 400 || status == 404 || status == 422;
        }
    }

    /** How a provider words what the proxy decided. */
    public interface Dialect {

        /**
         * An error answer in the provider's shape.
         *
         * @param code our reason code ({@code content_blocked}, {@code upstream_unavailable}, ...)
         * @param param the request field at fault, or null
         * @param decision the decision behind it, or null
         */
        Answer error(int status, String code, String param, String message, Decision decision);

        /** The answer to a request refused at the input or context stage. */
        Answer blocked(Decision d, String param);

        /** Marks a choice the output checks refused (its content is already emptied). */
        void filtered(ObjectNode choice, Decision d);

        /** The answer when the model failed. */
        default Answer upstreamFailed(UpstreamException e) {
            return error(502, "upstream_unavailable", null, e.getMessage(), null);
        }

        /** Fills in what the provider adds to every completion it returns (nothing, for OpenAI). */
        default void completed(ObjectNode completion, List<Decision> input, List<Decision> output) {}

        /** The message of a {@code content_blocked} refusal, naming the decision's reason when it has one. */
        static String blockedMessage(Decision d) {
            String reason = WireCodec.reasonOf(d);
            return "The request was blocked by policy" + (reason == null ? "" : " (reason: " + reason + ")");
        }

        /** Plain OpenAI: a 400 {@code content_blocked} error, and {@code finish_reason: content_filter}. */
        static Dialect openAi(ObjectMapper mapper, WireCodec codec) {
            return new OpenAiDialect(mapper, codec);
        }
    }

    private final Gateway gateway;
    private final WireCodec codec;
    private final ObjectMapper mapper;
    private final ControlCodec control;
    private final NativeApi api;
    private final Clock clock;
    private final Upstream upstream;
    private final String endpoint;
    private final Dialect dialect;
    /** Answers of approved held requests, so a re-poll does not call the model again. */
    private final Map<String, ObjectNode> resumed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > RESUMED_KEPT;
        }
    });

    /**
     * @param endpoint the breakers' endpoint scope of this proxy (for example {@code chat})
     */
    public ChatApi(Gateway gateway, WireCodec codec, Clock clock, Upstream upstream, String endpoint, Dialect dialect) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mapper = codec.mapper();
        this.control = new ControlCodec(mapper);
        this.api = new NativeApi(gateway, codec);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.upstream = Objects.requireNonNull(upstream, "upstream");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * One chat completion, checked both ways.
     *
     * @param body the request body
     * @param base the caller's identities from the transport; the body's {@code user} and {@code
     *     model} fill what it leaves null
     * @param route passed to the upstream (may be null)
     * @param authorization passed to the upstream (may be null)
     * @throws WireException for bad input, naming the field
     * @throws NativeApi.TooManyMessages over the policy's message limit
     */
    public Answer complete(byte[] body, RequestContext base, String route, String authorization) {
        return complete(codec.readTree(body), base, route, authorization);
    }

    /**
     * One chat completion, checked both ways, from a body the entry point has already parsed (to
     * route it by its {@code model}, say). The proxy may change {@code root} (redaction, {@code
     * stream}).
     *
     * @throws WireException for bad input, naming the field
     * @throws NativeApi.TooManyMessages over the policy's message limit
     */
    public Answer complete(JsonNode root, RequestContext base, String route, String authorization) {
        if (!root.isObject()) {
            throw new WireException("", "expected a JSON object, got " + WireCodec.kind(root));
        }
        ObjectNode request = (ObjectNode) root;
        JsonNode messagesNode = request.get("messages");
        if (messagesNode == null) {
            throw new WireException("messages", "required");
        }
        List<Message> messages = codec.readMessages(messagesNode, "messages");
        api.checkMessageCount(messages.size());
        JsonNode stream = request.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new WireException("stream", "expected a boolean, got " + WireCodec.kind(stream));
        }
        boolean streaming = stream != null && stream.asBoolean(false);
        JsonNode model = request.get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw new WireException("model", "expected a string, got " + WireCodec.kind(model));
        }
        RequestContext ctx = context(base, request, model);

        // System and assistant turns are the application's own and are not checked.
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
            int at = i;
            Gateway.Result r = gateway.check(new Evaluation(stage, m.content(), ctx), endpoint, d -> {
                ObjectNode copy = request.deepCopy();
                ((ObjectNode) copy.path("messages").get(at)).put("content", NativeApi.asSent(d, m.content()));
                return api.held("chat_request", copy, route);
            });
            Decision d = r.decision();
            inputDecisions.add(d);
            String param = "messages[" + i + "].content";
            if (r.circuitOpen()) {
                return completion(fallback(request, r), streaming);
            }
            if (r.ticket() != null) {
                return held(r, param);
            }
            if (d instanceof Decision.Block) {
                return dialect.blocked(d, param);
            }
            if (d instanceof Decision.Modify mod) {
                ((ObjectNode) outMessages.get(i)).put("content", mod.content());
            }
        }
        ObjectNode completion;
        try {
            completion = call(request, ctx, route, authorization);
        } catch (UpstreamException e) {
            return dialect.upstreamFailed(e);
        }
        return answer(completion, ctx, inputDecisions, streaming);
    }

    private RequestContext context(RequestContext base, ObjectNode request, JsonNode model) {
        RequestContext ctx = base == null ? RequestContext.empty() : base;
        JsonNode user = request.get("user");
        return new RequestContext(
                ctx.requestId(),
                ctx.user() != null ? ctx.user() : (user != null && user.isTextual() ? bounded(user.asText()) : null),
                ctx.agent(),
                ctx.session(),
                ctx.tool(),
                ctx.tenant(),
                ctx.model() != null ? ctx.model() : (model == null || model.isNull() ? null : model.asText()));
    }

    private static String bounded(String v) {
        return v == null || v.isBlank() || v.length() > 128 ? null : v;
    }

    private ObjectNode call(ObjectNode request, RequestContext ctx, String route, String authorization)
            throws UpstreamException {
        request.put("stream", false);
        try {
            ObjectNode completion = upstream.complete(request, route, authorization);
            gateway.recordUpstream(endpoint, ctx, true);
            return completion;
        } catch (UpstreamException e) {
            // A request the model refused as invalid says nothing about the model's health.
            gateway.recordUpstream(endpoint, ctx, e.callerFault());
            throw e;
        }
    }

    /** Checks the model's answer and returns it (or holds it, or filters it). */
    private Answer answer(ObjectNode completion, RequestContext ctx, List<Decision> inputDecisions, boolean streaming) {
        List<Decision> outputDecisions = new ArrayList<>();
        for (JsonNode choice : completion.path("choices")) {
            JsonNode msg = choice.path("message");
            if (!msg.isObject() || !msg.path("content").isTextual()) {
                continue;
            }
            String text = msg.path("content").asText();
            int index = choice.path("index").asInt();
            Gateway.Result r = gateway.check(new Evaluation(Stage.OUTPUT, text, ctx), endpoint, d -> {
                ObjectNode copy = completion.deepCopy();
                for (JsonNode c : copy.path("choices")) {
                    if (c.path("index").asInt() == index) {
                        ((ObjectNode) c.path("message")).put("content", NativeApi.asSent(d, text));
                    }
                }
                return api.held("chat_completion", copy);
            });
            Decision d = r.decision();
            outputDecisions.add(d);
            if (r.ticket() != null) {
                return held(r, "choices[" + index + "].message.content");
            }
            filter((ObjectNode) choice, d, r);
        }
        dialect.completed(completion, inputDecisions, outputDecisions);
        completion.set("airs", api.checked(inputDecisions, outputDecisions));
        return completion(completion, streaming);
    }

    private void filter(ObjectNode choice, Decision d, Gateway.Result r) {
        ObjectNode msg = (ObjectNode) choice.path("message");
        switch (d) {
            case Decision.Modify mod -> msg.put("content", mod.content());
            case Decision.Block b -> {
                if (r != null && r.circuitOpen()) {
                    msg.put("content", r.fallback());
                    choice.put("finish_reason", "stop");
                } else {
                    msg.put("content", "");
                    choice.put("finish_reason", "content_filter");
                    dialect.filtered(choice, d);
                }
            }
            case Decision.Escalate e -> {
                msg.put("content", "");
                choice.put("finish_reason", "content_filter");
                dialect.filtered(choice, d);
            }
            case Decision.Allow a -> {}
        }
    }

    private ObjectNode fallback(ObjectNode request, Gateway.Result r) {
        ObjectNode out = mapper.createObjectNode();
        out.put("id", "chatcmpl-fallback-" + r.decision().decisionId());
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", request.path("model").asText("fallback"));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        msg.put("content", r.fallback());
        choice.put("finish_reason", "stop");
        out.set("airs", api.circuitOpenNotice(r));
        return out;
    }

    private Answer held(Gateway.Result r, String param) {
        return Answer.json(202, bytes(api.heldNotice(r, param)));
    }

    // ---- the outcome of a held request or answer ----------------------------------------------------

    /**
     * {@code GET /v1/escalations/{ticket}}: 202 while pending; 200 with the outcome, carrying the
     * released {@code content}, the held {@code completion}, or, for an approved held request, the
     * completion of the model called now (once; a re-poll gets the same answer).
     *
     * @throws UnknownTicketException when there is no such ticket
     * @throws UpstreamException when an approved request's model call fails
     */
    public Answer outcome(String ticket) throws UpstreamException {
        Outcome o = gateway.oversight().outcome(ticket);
        ObjectNode out = control.outcome(o);
        if (o instanceof Outcome.Pending) {
            return Answer.json(202, bytes(out));
        }
        if (o instanceof Outcome.Approved a) {
            JsonNode held = api.parseHeld(a.content());
            if (held != null) {
                out.remove("content");
                switch (held.path("kind").asText()) {
                    case "content" -> out.put("content", held.path("content").asText());
                    case "chat_completion" -> out.set("completion", held.path("chat_completion"));
                    case "chat_request" -> {
                        ObjectNode answer = resumed.get(ticket);
                        if (answer == null) {
                            answer = resume(ticket, held);
                            resumed.putIfAbsent(ticket, answer);
                            answer = resumed.get(ticket);
                        }
                        out.set("completion", answer);
                    }
                    default -> out.put("content", a.content());
                }
            }
        }
        return Answer.json(200, bytes(out));
    }

    /** A held chat request was approved: call the model now and check its answer. */
    private ObjectNode resume(String ticket, JsonNode held) throws UpstreamException {
        ObjectNode request = (ObjectNode) held.path("chat_request");
        RequestContext ctx = RequestContext.empty().withRequestId(ticket);
        ObjectNode completion = call(
                request,
                ctx,
                held.path("route").isTextual() ? held.path("route").asText() : null,
                null);
        for (JsonNode choice : completion.path("choices")) {
            JsonNode msg = choice.path("message");
            if (!msg.path("content").isTextual()) {
                continue;
            }
            Gateway.Result r = gateway.check(
                    new Evaluation(Stage.OUTPUT, msg.path("content").asText(), ctx), endpoint, null);
            filter((ObjectNode) choice, r.decision(), r);
        }
        return completion;
    }

    // ---- encoding -----------------------------------------------------------------------------------

    private Answer completion(ObjectNode completion, boolean streaming) {
        return streaming
                ? new Answer(200, "text/event-stream", eventStream(completion))
                : Answer.json(200, bytes(completion));
    }

    /** The checked completion as a server-sent event stream: one content chunk, a finish chunk, [DONE]. */
    private byte[] eventStream(ObjectNode completion) {
        ByteArrayOutputStream os = new ByteArrayOutputStream(512);
        for (JsonNode choice : completion.path("choices")) {
            ObjectNode chunk = chunk(completion);
            ObjectNode c = chunk.putArray("choices").addObject();
            c.put("index", choice.path("index").asInt());
            ObjectNode delta = c.putObject("delta");
            delta.put("role", "assistant");
            delta.put("content", choice.path("message").path("content").asText(""));
            c.putNull("finish_reason");
            event(os, chunk);
            ObjectNode fin = chunk(completion);
            ObjectNode fc = fin.putArray("choices").addObject();
            fc.put("index", choice.path("index").asInt());
            fc.putObject("delta");
            fc.put("finish_reason", choice.path("finish_reason").asText("stop"));
            if (choice.has("content_filter_results")) {
                fc.set("content_filter_results", choice.get("content_filter_results"));
            }
            event(os, fin);
        }
        os.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return os.toByteArray();
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

    private void event(ByteArrayOutputStream os, ObjectNode n) {
        os.writeBytes("data: ".getBytes(StandardCharsets.UTF_8));
        os.writeBytes(bytes(n));
        os.writeBytes("\n\n".getBytes(StandardCharsets.UTF_8));
    }

    private byte[] bytes(JsonNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The OpenAI wording: errors as {@code {"error": {message, type, param, code}, "airs"?}}. */
    private record OpenAiDialect(ObjectMapper mapper, WireCodec codec) implements Dialect {

        @Override
        public Answer error(int status, String code, String param, String message, Decision decision) {
            ObjectNode out = mapper.createObjectNode();
            ObjectNode e = out.putObject("error");
            e.put("message", message);
            e.put("type", status == 502 ? "upstream_error" : status >= 500 ? "server_error" : "invalid_request_error");
            if (param == null || param.isEmpty()) {
                e.putNull("param");
            } else {
                e.put("param", param);
            }
            e.put("code", code);
            if (decision != null) {
                try {
                    out.set("airs", mapper.readTree(codec.writeDecision(decision)));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
            try {
                return Answer.json(status, mapper.writeValueAsBytes(out));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }

        @Override
        public Answer blocked(Decision d, String param) {
            return error(400, "content_blocked", param, Dialect.blockedMessage(d), d);
        }

        @Override
        public void filtered(ObjectNode choice, Decision d) {}

        @Override
        public Answer upstreamFailed(UpstreamException e) {
            return error(502, "upstream_unavailable", null, e.getMessage(), null);
        }
    }
}
