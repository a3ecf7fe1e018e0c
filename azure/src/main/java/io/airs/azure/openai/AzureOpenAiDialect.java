package io.airs.azure.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.gateway.ChatApi;
import io.airs.core.wire.WireCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Azure OpenAI's own shapes for what the filter decided, so an Azure OpenAI client handles our
 * refusals as it handles Azure's content filter:
 *
 * <ul>
 *   <li>a refused prompt: HTTP 400 {@code {"error": {"code": "content_filter", "param": "prompt",
 *       "status": 400, "innererror": {"code": "ResponsibleAIPolicyViolation",
 *       "content_filter_result": {...}}}}};
 *   <li>a refused answer: the choice's {@code finish_reason} is {@code content_filter} and its {@code
 *       content_filter_results} say which filter did it;
 *   <li>other errors: {@code {"error": {"code", "message", "param", "type": null, "status"}}}.
 * </ul>
 *
 * Injection findings are reported as Azure's {@code jailbreak} (prompt) and {@code indirect_attack}
 * (documents) results; every other category as a {@code custom_blocklists} entry with id {@code
 * airs_<category>} (such as {@code airs_pii}). The decision itself (reason code, findings with spans,
 * decision id, policy revision) rides along as {@code airs}, never the matched text.
 */
public final class AzureOpenAiDialect implements ChatApi.Dialect {

    private static final String BLOCKED_PROMPT = "The response was filtered due to the prompt triggering the AIRS"
            + " Enforcer policy (reason: %s). Please modify your prompt and retry.";
    private static final Set<Category> JAILBREAK = EnumSet.of(Category.PROMPT_INJECTION, Category.JAILBREAK);

    private final ObjectMapper mapper;
    private final WireCodec codec;

    public AzureOpenAiDialect(WireCodec codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.mapper = codec.mapper();
    }

    @Override
    public ChatApi.Answer error(int status, String code, String param, String message, Decision decision) {
        ObjectNode out = mapper.createObjectNode();
        ObjectNode e = out.putObject("error");
        e.put("code", code);
        e.put("message", message);
        if (param == null || param.isEmpty()) {
            e.putNull("param");
        } else {
            e.put("param", param);
        }
        e.putNull("type");
        e.put("status", status);
        if (decision != null) {
            out.set("airs", decisionTree(decision));
        }
        return ChatApi.Answer.json(status, bytes(out));
    }

    @Override
    public ChatApi.Answer blocked(Decision d, String param) {
        String reason = WireCodec.reasonOf(d);
        ObjectNode out = mapper.createObjectNode();
        ObjectNode e = out.putObject("error");
        e.put("message", String.format(BLOCKED_PROMPT, reason == null ? "policy" : reason));
        e.putNull("type");
        e.put("param", "prompt");
        e.put("code", "content_filter");
        e.put("status", 400);
        ObjectNode inner = e.putObject("innererror");
        inner.put("code", "ResponsibleAIPolicyViolation");
        inner.set("content_filter_result", filterResults(d));
        inner.put("airs_param", param);
        out.set("airs", decisionTree(d));
        return ChatApi.Answer.json(400, bytes(out));
    }

    @Override
    public void filtered(ObjectNode choice, Decision d) {
        choice.set("content_filter_results", filterResults(d));
    }

    @Override
    public ChatApi.Answer upstreamFailed(ChatApi.UpstreamException e) {
        int s = e.status();
        if (s == 429) {
            return error(429, "429", null, "Azure OpenAI is rate limiting this deployment; retry later", null);
        }
        if (e.callerFault() || s == 401 || s == 403) {
            // The caller's request was wrong for Azure OpenAI (unknown deployment, bad parameters,
            // its own content filter): say so with Azure's status.
            return error(s, "upstream_rejected", null, e.getMessage(), null);
        }
        return error(s == 503 || s == 0 ? 503 : 502, "upstream_unavailable", null, e.getMessage(), null);
    }

    /** Azure's content-filter results for a refusal, from the decision's findings. */
    ObjectNode filterResults(Decision d) {
        ObjectNode r = mapper.createObjectNode();
        ArrayNode custom = null;
        for (Finding f : d.findings()) {
            if (JAILBREAK.contains(f.category())) {
                detected(r, "jailbreak");
            } else if (f.category() == Category.INDIRECT_INJECTION) {
                detected(r, "indirect_attack");
            } else {
                if (custom == null) {
                    ObjectNode c = r.putObject("custom_blocklists");
                    c.put("filtered", true);
                    custom = c.putArray("details");
                }
                String id = "airs_" + f.category().wireName();
                boolean seen = false;
                for (var n : custom) {
                    seen |= id.equals(n.path("id").asText());
                }
                if (!seen) {
                    ObjectNode entry = custom.addObject();
                    entry.put("filtered", true);
                    entry.put("id", id);
                }
            }
        }
        if (r.isEmpty()) {
            // A refusal with no finding (a judge or reviewer, an open breaker): still say it was ours.
            ObjectNode c = r.putObject("custom_blocklists");
            c.put("filtered", true);
            ObjectNode entry = c.putArray("details").addObject();
            entry.put("filtered", true);
            String reason = WireCodec.reasonOf(d);
            entry.put("id", "airs_" + (reason == null ? "policy" : reason));
        }
        return r;
    }

    private static void detected(ObjectNode r, String name) {
        ObjectNode n = r.putObject(name);
        n.put("filtered", true);
        n.put("detected", true);
    }

    private ObjectNode decisionTree(Decision d) {
        try {
            return (ObjectNode) mapper.readTree(codec.writeDecision(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] bytes(ObjectNode n) {
        try {
            return mapper.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
