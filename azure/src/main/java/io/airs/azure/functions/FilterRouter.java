package io.airs.azure.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.airs.azure.openai.AzureOpenAiDialect;
import io.airs.azure.openai.AzureOpenAiUpstream;
import io.airs.azure.runtime.AzureRuntime;
import io.airs.core.RequestContext;
import io.airs.core.gateway.ChatApi;
import io.airs.core.gateway.NativeApi;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.WireException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The HTTP routes of the function app, independent of how the Functions host delivers them:
 *
 * <ul>
 *   <li>{@code POST /openai/deployments/{deployment}/chat/completions?api-version=...}: Azure OpenAI
 *       chat completions, checked both ways ({@link ChatApi}), answered in Azure OpenAI's shapes
 *       ({@link AzureOpenAiDialect}), a {@code stream: true} request as an event stream;
 *   <li>{@code POST /v1/evaluate}: the native decision ({@code 202} with a ticket when escalated);
 *   <li>{@code GET /v1/escalations/{ticket}}: the outcome a waiting caller receives;
 *   <li>{@code POST /v1/escalations/{ticket}/decision}: a reviewer's decision (the admin route).
 * </ul>
 *
 * Every answer, errors included, is in Azure's error shape {@code {"error": {"code", "message",
 * "param", "status"}}}; nothing here throws. Thread-safe; one per instance.
 */
public final class FilterRouter {

    private static final Logger LOG = Logger.getLogger(FilterRouter.class.getName());
    private static final Pattern TICKET = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** An HTTP answer: status, media type and body. */
    public record Reply(int status, String contentType, byte[] body) {
        static Reply of(ChatApi.Answer a) {
            return new Reply(a.status(), a.contentType(), a.body());
        }

        static Reply of(NativeApi.Answer a) {
            return new Reply(a.status(), "application/json", a.body());
        }

        /** The body as text. */
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A refusal before any work: status, code, field and message. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;
        final String param;

        Failure(int status, String code, String param, String message) {
            super(message);
            this.status = status;
            this.code = code;
            this.param = param;
        }
    }

    private final AzureRuntime runtime;
    private final AzureOpenAiDialect dialect;
    private final ControlCodec control;

    public FilterRouter(AzureRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.dialect = new AzureOpenAiDialect(runtime.codec());
        this.control = new ControlCodec(runtime.codec().mapper());
    }

    /**
     * Azure OpenAI chat completions for {@code deployment}.
     *
     * @param headers the request's headers, looked up by lower-case name
     */
    public Reply chat(String deployment, String apiVersion, Function<String, String> headers, byte[] body) {
        return guarded(() -> {
            String route;
            try {
                route = AzureOpenAiUpstream.route(deployment, apiVersion);
            } catch (IllegalArgumentException e) {
                int colon = e.getMessage().indexOf(':');
                throw new Failure(
                        colon > 0 && e.getMessage().startsWith("deployment") ? 404 : 400,
                        colon > 0 && e.getMessage().startsWith("deployment") ? "DeploymentNotFound" : "invalid_request",
                        e.getMessage().substring(0, Math.max(colon, 0)),
                        e.getMessage());
            }
            checkBody(headers, body);
            RequestContext ctx = context(headers).withModel(deployment);
            return Reply.of(runtime.chat().complete(body, ctx, route, null));
        });
    }

    /** The native {@code POST /v1/evaluate}. */
    public Reply evaluate(Function<String, String> headers, byte[] body) {
        return guarded(() -> {
            checkBody(headers, body);
            return Reply.of(runtime.api().evaluate(body, requestId(headers)));
        });
    }

    /** {@code GET /v1/escalations/{ticket}}. */
    public Reply outcome(String ticket) {
        return guarded(() -> {
            checkTicket(ticket);
            try {
                return Reply.of(runtime.chat().outcome(ticket));
            } catch (UnknownTicketException e) {
                throw new Failure(404, "unknown_ticket", "ticket", e.getMessage());
            } catch (ChatApi.UpstreamException e) {
                return Reply.of(dialect.upstreamFailed(e));
            }
        });
    }

    /** {@code POST /v1/escalations/{ticket}/decision}: {@code {"decision", "reviewer", "note", "content"?}}. */
    public Reply decide(String ticket, Function<String, String> headers, byte[] body) {
        return guarded(() -> {
            checkTicket(ticket);
            checkBody(headers, body);
            ReviewDecision decision;
            try {
                JsonNode n = runtime.codec().mapper().readTree(body);
                if (n == null || !n.isObject()) {
                    throw new WireException("", "expected a JSON object");
                }
                decision = control.readReviewDecision(n);
            } catch (IOException e) {
                throw new WireException("", "malformed JSON");
            }
            try {
                return new Reply(
                        200,
                        "application/json",
                        runtime.codec()
                                .mapper()
                                .writeValueAsBytes(control.escalation(
                                        runtime.gateway().oversight().decide(ticket, decision))));
            } catch (UnknownTicketException e) {
                throw new Failure(404, "unknown_ticket", "ticket", e.getMessage());
            } catch (AlreadyDecidedException e) {
                throw new Failure(409, "already_decided", "ticket", e.getMessage());
            } catch (InvalidReviewException e) {
                throw new Failure(400, "invalid_review", "decision", e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private Reply guarded(java.util.function.Supplier<Reply> route) {
        try {
            runtime.tickIfDue();
            return route.get();
        } catch (Failure f) {
            return Reply.of(dialect.error(f.status, f.code, f.param, f.getMessage(), null));
        } catch (WireException e) {
            return Reply.of(dialect.error(400, "invalid_request", e.field(), e.getMessage(), null));
        } catch (NativeApi.TooManyMessages e) {
            return Reply.of(dialect.error(413, "too_many_messages", e.field(), e.getMessage(), null));
        } catch (RuntimeException e) {
            // Never log content: the exception type is enough to find the fault.
            LOG.log(Level.WARNING, "request failed: " + e.getClass().getName());
            return Reply.of(dialect.error(500, "internal_error", null, "internal error", null));
        }
    }

    private void checkBody(Function<String, String> headers, byte[] body) {
        String type = headers.apply("content-type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            throw new Failure(
                    415,
                    "unsupported_media_type",
                    null,
                    "Content-Type must be application/json (was " + (type == null ? "absent" : type) + ")");
        }
        int max = runtime.gateway().policy().limits().maxRequestBytes();
        if (body == null || body.length == 0) {
            throw new WireException("", "request body is empty");
        }
        if (body.length > max) {
            throw new Failure(
                    413, "request_too_large", null, "request body over the policy limit of " + max + " bytes");
        }
    }

    private static void checkTicket(String ticket) {
        if (ticket == null || !TICKET.matcher(ticket).matches()) {
            throw new Failure(404, "unknown_ticket", "ticket", "no such ticket");
        }
    }

    private static String requestId(Function<String, String> headers) {
        String id = headers.apply("x-request-id");
        if (id == null) {
            id = headers.apply("x-ms-client-request-id");
        }
        return bounded(id);
    }

    private static RequestContext context(Function<String, String> headers) {
        return new RequestContext(
                requestId(headers),
                bounded(headers.apply("x-airs-user")),
                bounded(headers.apply("x-airs-agent")),
                bounded(headers.apply("x-airs-session")),
                null,
                null,
                null);
    }

    private static String bounded(String v) {
        return v == null || v.isBlank() || v.length() > 128 ? null : v;
    }

    /** Headers as the router reads them: by lower-case name. */
    public static Function<String, String> headers(Map<String, String> raw) {
        Map<String, String> lower = new java.util.HashMap<>();
        raw.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower::get;
    }
}
