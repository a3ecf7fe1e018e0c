package io.airs.core.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.RequestContext;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.EvaluateRequest;
import io.airs.core.wire.Message;
import io.airs.core.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The native API every entry point serves the same way: {@code POST /v1/evaluate} through the
 * {@link Gateway}, and the envelope in which held content waits for a reviewer. Entry points only
 * map its answers and exceptions to their own transport.
 *
 * <pre>{@code
 * NativeApi.Answer a = api.evaluate(body, requestIdHeader); // WireException: 400 naming the field
 * }</pre>
 */
public final class NativeApi {

    /** The endpoint scope of native evaluations, for the breakers. */
    public static final String EVALUATE = "evaluate";

    /** An answer: HTTP status and JSON body. */
    public record Answer(int status, byte[] body) {}

    /** More chat messages than the policy allows (an entry point answers 413). */
    public static final class TooManyMessages extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String field;

        TooManyMessages(String field, String message) {
            super(message);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    private final Gateway gateway;
    private final WireCodec codec;
    private final ControlCodec control;
    private final ObjectMapper mapper;

    public NativeApi(Gateway gateway, WireCodec codec) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mapper = codec.mapper();
        this.control = new ControlCodec(mapper);
    }

    /**
     * {@code POST /v1/evaluate}: 200 with the decision, or 202 with the ticket when it is held.
     *
     * @param requestId the transport's request id, used when the body names none (may be null)
     * @throws io.airs.core.wire.WireException for bad input, naming the field
     * @throws TooManyMessages over the policy's message limit
     */
    public Answer evaluate(byte[] body, String requestId) {
        EvaluateRequest req = codec.readEvaluate(body);
        RequestContext ctx = req.context();
        if (ctx.requestId() == null && requestId != null && !requestId.isBlank() && requestId.length() <= 128) {
            ctx = ctx.withRequestId(requestId);
        }
        if (req.content() != null) {
            Gateway.Result r = gateway.check(
                    new Evaluation(req.stage(), req.content(), ctx),
                    EVALUATE,
                    d -> held("content", asSent(d, req.content())));
            ObjectNode out = tree(codec.writeDecision(r.decision()));
            control.addControl(out, r);
            return new Answer(r.ticket() != null ? 202 : 200, bytes(out));
        }
        checkMessageCount(req.messages().size());
        List<Decision> decisions = new ArrayList<>(req.messages().size());
        Gateway.Result held = null;
        Gateway.Result open = null;
        for (Message m : req.messages()) {
            Gateway.Result r = gateway.check(
                    new Evaluation(req.stage(), m.content(), ctx),
                    EVALUATE,
                    d -> held("content", asSent(d, m.content())));
            decisions.add(r.decision());
            if (held == null && r.ticket() != null) {
                held = r;
            }
            if (open == null && r.circuitOpen()) {
                open = r;
            }
        }
        ObjectNode out = tree(codec.writeMessagesDecision(req.messages(), decisions));
        if (held != null) {
            control.addControl(out, held);
        } else if (open != null) {
            control.addControl(out, open);
        }
        return new Answer(held != null ? 202 : 200, bytes(out));
    }

    /** Refuses a chat with more messages than the policy allows. */
    public void checkMessageCount(int count) {
        int max = gateway.policy().limits().maxMessages();
        if (count > max) {
            throw new TooManyMessages("messages", count + " messages, over the policy limit of " + max);
        }
    }

    /** The content as the guardrails would let it go on: redacted when they modified it. */
    public static String asSent(Decision d, String original) {
        return d instanceof Decision.Modify m ? m.content() : original;
    }

    /** Held content as stored on a ticket: {@code {"kind": kind, kind: value}}. */
    public String held(String kind, String value) {
        ObjectNode n = mapper.createObjectNode();
        n.put("kind", kind);
        n.put(kind, value);
        return new String(bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Held JSON (a chat request or a model's answer) as stored on a ticket. */
    public String held(String kind, JsonNode value) {
        return held(kind, value, null);
    }

    /**
     * Held JSON with the route the entry point sent it on ({@code {"kind", kind: value, "route"?}}),
     * so that a request resumed after approval goes where it was going; {@code route} may be null.
     */
    public String held(String kind, JsonNode value, String route) {
        ObjectNode n = mapper.createObjectNode();
        n.put("kind", kind);
        n.set(kind, value);
        if (route != null) {
            n.put("route", route);
        }
        return new String(bytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * What a caller whose request or answer is held receives ({@code 202}): the ticket, its queue and
     * deadline, where to poll, the field that was held, and the decision.
     */
    /**
     * The {@code airs} object of a completion that went through: the strongest verdict of the input
     * and of the output checks with their decision IDs, and the policy revision.
     */
    public ObjectNode checked(List<Decision> input, List<Decision> output) {
        ObjectNode airs = mapper.createObjectNode();
        airs.set("input", summary(input));
        airs.set("output", summary(output));
        airs.put("policy_revision", gateway.policy().revision());
        return airs;
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

    /**
     * The {@code airs} object of an answer given in the model's place because a breaker is open: the
     * block, its reason, the breaker's scope, the decision and the policy revision.
     */
    public ObjectNode circuitOpenNotice(Gateway.Result r) {
        ObjectNode airs = mapper.createObjectNode();
        airs.put("decision", "BLOCK");
        airs.put("reason", Gateway.CIRCUIT_OPEN);
        airs.put("breaker_scope", r.admission().scope().wire());
        airs.put("decision_id", r.decision().decisionId());
        airs.put("policy_revision", gateway.policy().revision());
        return airs;
    }

    public ObjectNode heldNotice(Gateway.Result r, String param) {
        ObjectNode out = mapper.createObjectNode();
        out.put("ticket", r.ticket().ticket());
        out.put("status", "pending");
        out.put("queue", r.ticket().queue().wireName());
        out.put("deadline", r.ticket().deadline().toString());
        out.put("poll", "/v1/escalations/" + r.ticket().ticket());
        out.put("param", param);
        out.put(
                "message",
                "Held for human review by policy (reason: " + WireCodec.reasonOf(r.decision())
                        + "); poll the ticket for the outcome.");
        out.set("airs", tree(codec.writeDecision(r.decision())));
        return out;
    }

    /** Reads held content back; null when it is not an envelope. */
    public JsonNode parseHeld(String content) {
        try {
            JsonNode n = mapper.readTree(content);
            return n != null && n.isObject() && n.has("kind") ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    private ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(JsonNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
