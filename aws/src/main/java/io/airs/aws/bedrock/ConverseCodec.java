package io.airs.aws.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.wire.WireCodec;
import io.airs.core.wire.WireException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * Bedrock Converse's own JSON, in and out: validates a Converse request body (naming the bad field
 * the way a caller can find it), turns it into the SDK's {@link ConverseRequest}, and writes an SDK
 * {@link ConverseResponse} back as Converse response JSON.
 *
 * <p>Supported: {@code messages} with {@code text} content blocks, {@code system} text blocks and
 * {@code inferenceConfig}. {@code toolConfig}, {@code guardrailConfig} (the hook attaches its own),
 * {@code additionalModelRequestFields} and other members are accepted and not forwarded; image,
 * document and tool blocks are refused with a validation error rather than passed unchecked.
 */
final class ConverseCodec {

    private static final int MAX_STOP_SEQUENCES = 2500;

    private final ObjectMapper mapper;

    ConverseCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** One conversation turn: its role and its text blocks. */
    record Turn(String role, List<String> texts) {}

    /**
     * A validated Converse request.
     *
     * @param json the body as sent (a private copy the hook may rewrite with redacted text)
     */
    record Request(ObjectNode json, List<Turn> turns) {}

    /** Validates a Converse body; {@link WireException} names the offending field. */
    Request read(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new WireException("", "expected a JSON object, got " + WireCodec.kind(root));
        }
        ObjectNode json = ((ObjectNode) root).deepCopy();
        JsonNode messages = json.get("messages");
        if (messages == null || messages.isNull()) {
            throw new WireException("messages", "required");
        }
        if (!messages.isArray() || messages.isEmpty()) {
            throw new WireException("messages", "expected a non-empty array of messages");
        }
        List<Turn> turns = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            String at = "messages[" + i + "]";
            JsonNode m = messages.get(i);
            if (!m.isObject()) {
                throw new WireException(at, "expected an object, got " + WireCodec.kind(m));
            }
            JsonNode role = m.get("role");
            if (role == null
                    || !role.isTextual()
                    || !("user".equals(role.asText()) || "assistant".equals(role.asText()))) {
                throw new WireException(at + ".role", "must be 'user' or 'assistant'");
            }
            turns.add(new Turn(role.asText(), texts(m.get("content"), at + ".content")));
        }
        JsonNode system = json.get("system");
        if (system != null && !system.isNull()) {
            texts(system, "system");
        }
        JsonNode inference = json.get("inferenceConfig");
        if (inference != null && !inference.isNull()) {
            readInference(inference);
        }
        return new Request(json, turns);
    }

    private static List<String> texts(JsonNode content, String at) {
        if (content == null || !content.isArray()) {
            throw new WireException(at, "expected an array of content blocks");
        }
        List<String> out = new ArrayList<>(content.size());
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String here = at + "[" + j + "]";
            if (!block.isObject()) {
                throw new WireException(here, "expected a content block object, got " + WireCodec.kind(block));
            }
            JsonNode text = block.get("text");
            if (text == null) {
                Iterator<String> names = block.fieldNames();
                String kind = names.hasNext() ? names.next() : "empty";
                throw new WireException(
                        here,
                        "'" + kind
                                + "' blocks are not supported here: only text content blocks are checked and forwarded");
            }
            if (!text.isTextual()) {
                throw new WireException(here + ".text", "expected a string, got " + WireCodec.kind(text));
            }
            out.add(text.asText());
        }
        return out;
    }

    private static InferenceConfiguration readInference(JsonNode n) {
        if (!n.isObject()) {
            throw new WireException("inferenceConfig", "expected an object, got " + WireCodec.kind(n));
        }
        InferenceConfiguration.Builder b = InferenceConfiguration.builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = "inferenceConfig." + e.getKey();
            JsonNode v = e.getValue();
            switch (e.getKey()) {
                case "maxTokens" -> {
                    if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
                        throw new WireException(field, "expected a positive integer");
                    }
                    b.maxTokens(v.asInt());
                }
                case "temperature", "topP" -> {
                    if (!v.isNumber() || v.asDouble() < 0 || v.asDouble() > 1) {
                        throw new WireException(field, "expected a number between 0 and 1");
                    }
                    if ("temperature".equals(e.getKey())) {
                        b.temperature(v.floatValue());
                    } else {
                        b.topP(v.floatValue());
                    }
                }
                case "stopSequences" -> {
                    if (!v.isArray() || v.size() > MAX_STOP_SEQUENCES) {
                        throw new WireException(field, "expected an array of strings");
                    }
                    List<String> seqs = new ArrayList<>(v.size());
                    for (JsonNode s : v) {
                        if (!s.isTextual()) {
                            throw new WireException(field, "expected an array of strings");
                        }
                        seqs.add(s.asText());
                    }
                    b.stopSequences(seqs);
                }
                default ->
                    throw new WireException(
                            field, "unknown field (expected maxTokens, temperature, topP, stopSequences)");
            }
        }
        return b.build();
    }

    /** The SDK request for {@code modelId}, from a (possibly redacted) Converse body. */
    ConverseRequest toSdk(String modelId, ObjectNode json, BedrockHookConfig hook) {
        List<Message> messages = new ArrayList<>();
        for (JsonNode m : json.path("messages")) {
            List<ContentBlock> blocks = new ArrayList<>();
            for (JsonNode block : m.path("content")) {
                blocks.add(ContentBlock.fromText(block.path("text").asText()));
            }
            messages.add(Message.builder()
                    .role(ConversationRole.fromValue(m.path("role").asText()))
                    .content(blocks)
                    .build());
        }
        ConverseRequest.Builder b = ConverseRequest.builder().modelId(modelId).messages(messages);
        JsonNode system = json.get("system");
        if (system != null && system.isArray()) {
            List<SystemContentBlock> sys = new ArrayList<>();
            for (JsonNode s : system) {
                sys.add(SystemContentBlock.fromText(s.path("text").asText()));
            }
            b.system(sys);
        }
        JsonNode inference = json.get("inferenceConfig");
        if (inference != null && inference.isObject()) {
            b.inferenceConfig(readInference(inference));
        }
        if (hook.hasGuardrail()) {
            b.guardrailConfig(GuardrailConfiguration.builder()
                    .guardrailIdentifier(hook.guardrailIdentifier())
                    .guardrailVersion(hook.guardrailVersion())
                    .trace(hook.guardrailTrace() ? GuardrailTrace.ENABLED : GuardrailTrace.DISABLED)
                    .build());
        }
        return b.build();
    }

    /** The SDK response as Converse response JSON (text blocks; the guardrail trace is not carried). */
    ObjectNode write(ConverseResponse r) {
        ObjectNode out = mapper.createObjectNode();
        ObjectNode msg = out.putObject("output").putObject("message");
        msg.put("role", "assistant");
        ArrayNode content = msg.putArray("content");
        if (r.output() != null && r.output().message() != null) {
            for (ContentBlock block : r.output().message().content()) {
                if (block.text() != null) {
                    content.addObject().put("text", block.text());
                }
            }
        }
        out.put("stopReason", r.stopReasonAsString() == null ? "end_turn" : r.stopReasonAsString());
        ObjectNode usage = out.putObject("usage");
        usage.put(
                "inputTokens",
                r.usage() == null || r.usage().inputTokens() == null
                        ? 0
                        : r.usage().inputTokens());
        usage.put(
                "outputTokens",
                r.usage() == null || r.usage().outputTokens() == null
                        ? 0
                        : r.usage().outputTokens());
        usage.put(
                "totalTokens",
                r.usage() == null || r.usage().totalTokens() == null
                        ? 0
                        : r.usage().totalTokens());
        out.putObject("metrics")
                .put(
                        "latencyMs",
                        r.metrics() == null || r.metrics().latencyMs() == null
                                ? 0
                                : r.metrics().latencyMs());
        return out;
    }

    /** An assistant answer that is not the model's: a refusal or the breaker's fallback. */
    ObjectNode answer(String text, String stopReason, JsonNode usage, long latencyMs) {
        ObjectNode out = mapper.createObjectNode();
        ObjectNode msg = out.putObject("output").putObject("message");
        msg.put("role", "assistant");
        msg.putArray("content").addObject().put("text", text);
        out.put("stopReason", stopReason);
        if (usage != null && usage.isObject()) {
            out.set("usage", usage.deepCopy());
        } else {
            ObjectNode u = out.putObject("usage");
            u.put("inputTokens", 0);
            u.put("outputTokens", 0);
            u.put("totalTokens", 0);
        }
        out.putObject("metrics").put("latencyMs", latencyMs);
        return out;
    }
}
