package io.airs.cli.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.gateway.ChatApi;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The built-in upstream: answers every chat request by echoing the last user message, so the local
 * runner works with nothing else installed and output checks can be exercised end to end.
 */
public final class EchoModel implements ChatApi.Upstream {

    private final ObjectMapper mapper;
    private final Clock clock;
    private final AtomicLong counter = new AtomicLong();

    public EchoModel(ObjectMapper mapper, Clock clock) {
        this.mapper = mapper;
        this.clock = clock;
    }

    @Override
    public ObjectNode complete(ObjectNode request, String route, String authorization) {
        String last = "";
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                last = m.path("content").isTextual()
                        ? m.path("content").asText()
                        : m.path("content").toString();
            }
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("id", "chatcmpl-echo-" + counter.incrementAndGet());
        out.put("object", "chat.completion");
        out.put("created", clock.instant().getEpochSecond());
        out.put("model", request.path("model").asText("echo"));
        ArrayNode choices = out.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode msg = choice.putObject("message");
        msg.put("role", "assistant");
        msg.put("content", last);
        choice.put("finish_reason", "stop");
        ObjectNode usage = out.putObject("usage");
        int tokens = Math.max(1, last.length() / 4);
        usage.put("prompt_tokens", tokens);
        usage.put("completion_tokens", tokens);
        usage.put("total_tokens", 2 * tokens);
        return out;
    }
}
