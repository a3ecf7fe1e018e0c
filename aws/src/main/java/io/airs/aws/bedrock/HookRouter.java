package io.airs.aws.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.aws.lambda.AwsRuntime;
import io.airs.aws.lambda.FunctionUrlRequest;
import io.airs.aws.lambda.HttpAnswer;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.NativeApi;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Outcome;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.WireCodec;
import io.airs.core.wire.WireException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

/**
 * The routes of the guardrail hook, independent of how Lambda delivers the request:
 *
 * <ul>
 *   <li>{@code POST /model/{modelId}/converse}: Bedrock Converse with every user text block checked
 *       at {@code input} and the answer at {@code output}; errors in Bedrock's shape ({@code
 *       {"message"}} and {@code x-amzn-ErrorType}).
 *   <li>{@code POST /v1/evaluate}: the native decision ({@code 202} with a ticket when escalated).
 *   <li>{@code GET /v1/escalations/{ticket}}: the outcome a waiting caller receives.
 *   <li>{@code POST /v1/escalations/{ticket}/decision}: a reviewer's decision (the admin route).
 * </ul>
 *
 * Thread-safe; one per container.
 */
public final class HookRouter {

    private static final Logger LOG = Logger.getLogger(HookRouter.class.getName());
    private static final String CONVERSE = "converse";
    private static final String GUARDRAIL_INTERVENED = "guardrail_intervened";
    private static final Pattern MODEL_ID = Pattern.compile("[A-Za-z0-9._:/@+-]{1,2048}");
    private static final int RESUMED_KEPT = 256;

    private final AwsRuntime runtime;
    private final Gateway gateway;
    private final WireCodec codec;
    private final ObjectMapper mapper;
    private final ControlCodec control;
    private final NativeApi api;
    private final ConverseCodec converse;
    /** Answers of approved held requests, so a re-poll does not call the model again. */
    private final Map<String, ObjectNode> resumed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
            return size() > RESUMED_KEPT;
        }
    });

    public HookRouter(AwsRuntime runtime) {
        this.runtime = runtime;
        this.gateway = runtime.gateway();
        this.codec = runtime.codec();
        this.mapper = codec.mapper();
        this.control = new ControlCodec(mapper);
        this.api = new NativeApi(gateway, codec);
        this.converse = new ConverseCodec(mapper);
    }

    /** An error answer: Bedrock's shape on the Converse route, the native shape elsewhere. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String bedrockType;
        final String code;
        final String field;

        Failure(int status, String bedrockType, String code, String field, String message) {
            super(message);
            this.status = status;
            this.bedrockType = bedrockType;
            this.code = code;
            this.field = field;
        }
    }

    /** Answers one request; never throws. */
    public HttpAnswer route(FunctionUrlRequest req) {
        boolean bedrockShape = req.path().startsWith("/model/");
        try {
            runtime.tickIfDue();
            return dispatch(req);
        } catch (Failure f) {
            return error(bedrockShape, f);
        } catch (WireException e) {
            return error(
                    bedrockShape,
                    new Failure(400, "ValidationException", "invalid_request", e.field(), e.getMessage()));
        } catch (RuntimeException e) {
            // Never log content: the exception type is enough to find the fault.
            LOG.log(Level.WARNING, "request failed: " + e.getClass().getName());
            return error(
                    bedrockShape,
                    new Failure(500, "InternalServerException", "internal_error", null, "internal error"));
        } finally {
            runtime.flushMetrics();
        }
    }

    private HttpAnswer dispatch(FunctionUrlRequest req) {
        String path = req.path();
        String method = req.method();
        if (path.startsWith("/model/")) {
            String rest = path.substring("/model/".length());
            if (!rest.endsWith("/converse")) {
                throw new Failure(
                        404,
                        "ResourceNotFoundException",
                        "not_found",
                        null,
                        "only POST /model/{modelId}/converse is served here (no streaming, no InvokeModel)");
            }
            requireMethod(method, "POST");
            String modelId = decodeModelId(rest.substring(0, rest.length() - "/converse".length()));
            return converse(req, modelId, readJsonBody(req));
        }
        if (path.startsWith("/v1/escalations/") && path.endsWith("/decision")) {
            String ticket = path.substring("/v1/escalations/".length(), path.length() - "/decision".length());
            if (ticket.isEmpty() || ticket.indexOf('/') >= 0) {
                throw new Failure(404, "ResourceNotFoundException", "not_found", null, "no route " + safe(path));
            }
            requireMethod(method, "POST");
            return decide(ticket, readJsonBody(req));
        }
        if (path.startsWith("/v1/escalations/")) {
            String ticket = path.substring("/v1/escalations/".length());
            if (ticket.isEmpty() || ticket.indexOf('/') >= 0) {
                throw new Failure(404, "ResourceNotFoundException", "not_found", null, "no route " + safe(path));
            }
            requireMethod(method, "GET");
            return outcome(ticket);
        }
        if ("/v1/evaluate".equals(path)) {
            requireMethod(method, "POST");
            return evaluate(req, readJsonBody(req));
        }
        throw new Failure(404, "ResourceNotFoundException", "not_found", null, "no route " + safe(path));
    }

    private static String safe(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }

    private static void requireMethod(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new Failure(
                    405,
                    "ValidationException",
                    "method_not_allowed",
                    null,
                    method + " not allowed (use " + allowed + ")");
        }
    }

    private static String decodeModelId(String raw) {
        String id;
        try {
            // Keep '+' literal: path segments are percent-encoded, not form-encoded.
            id = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WireException("modelId", "is not correctly percent-encoded");
        }
        if (!MODEL_ID.matcher(id).matches()) {
            throw new WireException("modelId", "must be a model id, inference profile or ARN (1 to 2048 characters)");
        }
        return id;
    }

    private byte[] readJsonBody(FunctionUrlRequest req) {
        String type = req.header("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new Failure(
                    415,
                    "ValidationException",
                    "unsupported_media_type",
                    null,
                    "Content-Type must be application/json (was " + (type == null ? "absent" : type) + ")");
        }
        int max = gateway.policy().limits().maxRequestBytes();
        if (req.body().length > max) {
            throw new Failure(
                    413,
                    "ValidationException",
                    "request_too_large",
                    null,
                    "request body over the policy limit of " + max + " bytes");
        }
        return req.body();
    }

    private RequestContext context(FunctionUrlRequest req, String model) {
        String id = req.header("x-request-id");
        if (id == null || id.isBlank() || id.length() > 128) {
            id = req.requestId();
        }
        return new RequestContext(
                id,
                bounded(req.header("x-airs-user")),
                bounded(req.header("x-airs-agent")),
                bounded(req.header("x-airs-session")),
                null,
                null,
                model);
    }

    private static String bounded(String v) {
        return v == null || v.isBlank() || v.length() > 128 ? null : v;
    }

    private void checkMessageCount(int count, String field) {
        int max = gateway.policy().limits().maxMessages();
        if (count > max) {
            throw new Failure(
                    413,
                    "ValidationException",
                    "too_many_messages",
                    field,
                    count + " messages, over the policy limit of " + max);
        }
    }

    // ---- native evaluation ------------------------------------------------------------------------

    private HttpAnswer evaluate(FunctionUrlRequest http, byte[] body) {
        NativeApi.Answer a = api.evaluate(body, http.requestId());
        return HttpAnswer.json(a.status(), new String(a.body(), StandardCharsets.UTF_8));
    }

    // ---- Converse ---------------------------------------------------------------------------------

    private HttpAnswer converse(FunctionUrlRequest http, String modelId, byte[] body) {
        long started = runtime.clock().millis();
        ConverseCodec.Request req = converse.read(codec.readTree(body));
        checkMessageCount(req.turns().size(), "messages");
        RequestContext ctx = context(http, modelId);
        ObjectNode json = req.json();
        List<Decision> inputDecisions = new ArrayList<>();
        for (int i = 0; i < req.turns().size(); i++) {
            ConverseCodec.Turn turn = req.turns().get(i);
            if (!"user".equals(turn.role())) {
                // Assistant turns are the application's own history, as in the chat proxy.
                continue;
            }
            for (int j = 0; j < turn.texts().size(); j++) {
                String text = turn.texts().get(j);
                int mi = i;
                int bj = j;
                Gateway.Result r = gateway.check(new Evaluation(Stage.INPUT, text, ctx), CONVERSE, d -> {
                    ObjectNode copy = json.deepCopy();
                    setText(copy, mi, bj, NativeApi.asSent(d, text));
                    ObjectNode env = mapper.createObjectNode();
                    env.put("kind", "converse_request");
                    env.put("model_id", modelId);
                    env.set("converse_request", copy);
                    return write(env);
                });
                Decision d = r.decision();
                inputDecisions.add(d);
                if (r.circuitOpen()) {
                    return HttpAnswer.json(200, write(fallback(r, null, started)));
                }
                if (r.ticket() != null) {
                    return held(r, "messages[" + i + "].content[" + j + "].text");
                }
                if (d instanceof Decision.Block) {
                    return HttpAnswer.json(
                            200, write(intervened(runtime.hook().blockedInputMessaging(), d, null, started)));
                }
                if (d instanceof Decision.Modify mod) {
                    setText(json, i, j, mod.content());
                }
            }
        }
        ObjectNode answer = callModel(modelId, json, ctx);
        return checkAnswer(answer, ctx, inputDecisions, started);
    }

    private static void setText(ObjectNode json, int message, int block, String text) {
        ((ObjectNode) json.path("messages").get(message).path("content").get(block)).put("text", text);
    }

    /** Calls Bedrock Converse; an upstream failure becomes a Bedrock-shaped 4xx/502/503. */
    private ObjectNode callModel(String modelId, ObjectNode json, RequestContext ctx) {
        try {
            ConverseResponse resp = runtime.bedrock().converse(converse.toSdk(modelId, json, runtime.hook()));
            gateway.recordUpstream(CONVERSE, ctx, true);
            return converse.write(resp);
        } catch (SdkServiceException e) {
            int status = e.statusCode();
            AwsErrorDetails details = e instanceof AwsServiceException a ? a.awsErrorDetails() : null;
            String type = details == null ? null : details.errorCode();
            boolean callerFault = status == 400 || status == 404;
            gateway.recordUpstream(CONVERSE, ctx, callerFault);
            if (callerFault) {
                // The caller's request was wrong for Bedrock (unknown model, bad parameters): say so as Bedrock did.
                throw new Failure(
                        status,
                        type == null ? "ValidationException" : type,
                        "upstream_rejected",
                        null,
                        "Bedrock rejected the request: " + (details == null ? status : details.errorMessage()));
            }
            if (status == 429 || status == 503) {
                throw new Failure(
                        503,
                        "ServiceUnavailableException",
                        "upstream_unavailable",
                        null,
                        "Bedrock is unavailable or throttling (" + (type == null ? status : type) + "); retry later");
            }
            throw new Failure(
                    502,
                    "ModelErrorException",
                    "upstream_error",
                    null,
                    "the Bedrock call failed (" + (type == null ? status : type) + ")");
        } catch (SdkClientException e) {
            gateway.recordUpstream(CONVERSE, ctx, false);
            throw new Failure(502, "ModelErrorException", "upstream_error", null, "Bedrock could not be reached");
        } catch (SdkException e) {
            gateway.recordUpstream(CONVERSE, ctx, false);
            throw new Failure(502, "ModelErrorException", "upstream_error", null, "the Bedrock call failed");
        }
    }

    /** Checks each text block of the answer at {@code output} and answers in Converse's shape. */
    private HttpAnswer checkAnswer(ObjectNode answer, RequestContext ctx, List<Decision> inputDecisions, long started) {
        List<Decision> outputDecisions = new ArrayList<>();
        ArrayNode content = (ArrayNode) answer.path("output").path("message").path("content");
        for (int j = 0; j < content.size(); j++) {
            String text = content.get(j).path("text").asText();
            int bj = j;
            Gateway.Result r = gateway.check(new Evaluation(Stage.OUTPUT, text, ctx), CONVERSE, d -> {
                ObjectNode copy = answer.deepCopy();
                ((ObjectNode) copy.path("output")
                                .path("message")
                                .path("content")
                                .get(bj))
                        .put("text", NativeApi.asSent(d, text));
                ObjectNode env = mapper.createObjectNode();
                env.put("kind", "converse_response");
                env.set("converse_response", copy);
                return write(env);
            });
            Decision d = r.decision();
            outputDecisions.add(d);
            if (r.circuitOpen()) {
                return HttpAnswer.json(200, write(fallback(r, answer.get("usage"), started)));
            }
            if (r.ticket() != null) {
                return held(r, "output.message.content[" + j + "].text");
            }
            if (d instanceof Decision.Block || d instanceof Decision.Escalate) {
                return HttpAnswer.json(
                        200,
                        write(intervened(runtime.hook().blockedOutputsMessaging(), d, answer.get("usage"), started)));
            }
            if (d instanceof Decision.Modify mod) {
                ((ObjectNode) content.get(j)).put("text", mod.content());
            }
        }
        answer.set("airs", api.checked(inputDecisions, outputDecisions));
        return HttpAnswer.json(200, write(answer));
    }

    /** What Bedrock answers when its own guardrail intervenes, with the decision that did it. */
    private ObjectNode intervened(String message, Decision d, JsonNode usage, long started) {
        ObjectNode out = converse.answer(
                message, GUARDRAIL_INTERVENED, usage, runtime.clock().millis() - started);
        ObjectNode airs = out.putObject("airs");
        airs.put("decision", d.verdict().wireName());
        String reason = WireCodec.reasonOf(d);
        airs.put("reason", reason == null ? "policy" : reason);
        airs.put("stage", d.stage().wireName());
        airs.put("decision_id", d.decisionId());
        airs.put("policy_revision", d.policyRevision());
        airs.set("findings", tree(codec.writeDecision(d)).get("findings"));
        return out;
    }

    private ObjectNode fallback(Gateway.Result r, JsonNode usage, long started) {
        ObjectNode out =
                converse.answer(r.fallback(), "end_turn", usage, runtime.clock().millis() - started);
        out.set("airs", api.circuitOpenNotice(r));
        return out;
    }

    private HttpAnswer held(Gateway.Result r, String param) {
        return HttpAnswer.json(202, write(api.heldNotice(r, param)));
    }

    // ---- oversight --------------------------------------------------------------------------------

    /**
     * The admin route: a reviewer's decision ({@code {"decision", "reviewer", "note", "content"?}}),
     * for callers the Function URL's IAM policy allows; the decisions queue is the other way in.
     */
    private HttpAnswer decide(String ticket, byte[] body) {
        ReviewDecision decision;
        try {
            decision = control.readReviewDecision(mapper.readTree(body));
        } catch (IOException e) {
            throw new Failure(400, "ValidationException", "invalid_request", null, "malformed JSON");
        }
        try {
            return HttpAnswer.json(
                    200, write(control.escalation(gateway.oversight().decide(ticket, decision))));
        } catch (UnknownTicketException e) {
            throw new Failure(404, "ResourceNotFoundException", "unknown_ticket", "ticket", e.getMessage());
        } catch (AlreadyDecidedException e) {
            throw new Failure(409, "ConflictException", "already_decided", "ticket", e.getMessage());
        }
    }

    private HttpAnswer outcome(String ticket) {
        Outcome o;
        try {
            o = gateway.oversight().outcome(ticket);
        } catch (UnknownTicketException e) {
            throw new Failure(404, "ResourceNotFoundException", "unknown_ticket", "ticket", e.getMessage());
        }
        ObjectNode out = control.outcome(o);
        if (o instanceof Outcome.Pending) {
            return HttpAnswer.json(202, write(out));
        }
        if (o instanceof Outcome.Approved a) {
            JsonNode held = api.parseHeld(a.content());
            if (held != null) {
                out.remove("content");
                switch (held.path("kind").asText()) {
                    case "content" -> out.put("content", held.path("content").asText());
                    case "converse_response" -> out.set("response", held.path("converse_response"));
                    case "converse_request" ->
                        out.set("response", resumed.computeIfAbsent(ticket, t -> resume(t, held)));
                    default -> out.put("content", a.content());
                }
            }
        }
        return HttpAnswer.json(200, write(out));
    }

    /** A held Converse request was approved: call the model now and check its answer. */
    private ObjectNode resume(String ticket, JsonNode held) {
        RequestContext ctx = RequestContext.empty().withRequestId(ticket);
        String modelId = held.path("model_id").asText();
        ObjectNode request = (ObjectNode) held.path("converse_request");
        ObjectNode answer = callModel(modelId, request, ctx);
        long started = runtime.clock().millis();
        HttpAnswer checked = checkAnswer(answer, ctx, List.of(), started);
        return (ObjectNode) tree(checked.body().getBytes(StandardCharsets.UTF_8));
    }

    // ---- encoding ---------------------------------------------------------------------------------

    private ObjectNode tree(byte[] json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(JsonNode n) {
        try {
            return mapper.writeValueAsString(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpAnswer error(boolean bedrockShape, Failure f) {
        Map<String, String> headers = new LinkedHashMap<>();
        ObjectNode body = mapper.createObjectNode();
        String message = f.field == null || f.field.isEmpty() || f.getMessage().startsWith(f.field)
                ? f.getMessage()
                : f.field + ": " + f.getMessage();
        if (bedrockShape) {
            headers.put("x-amzn-ErrorType", f.bedrockType);
            body.put("message", message);
        } else {
            ObjectNode e = body.putObject("error");
            e.put("message", message);
            e.put("type", f.status >= 500 ? "server_error" : "invalid_request_error");
            if (f.field == null || f.field.isEmpty()) {
                e.putNull("param");
            } else {
                e.put("param", f.field);
            }
            e.put("code", f.code);
        }
        if (f.status == 405) {
            headers.put("Allow", f.getMessage().contains("use GET") ? "GET" : "POST");
        }
        return new HttpAnswer(f.status, headers, write(body));
    }
}
