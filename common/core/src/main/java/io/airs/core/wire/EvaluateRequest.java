package io.airs.core.wire;

import io.airs.core.RequestContext;
import io.airs.core.Stage;
import java.util.List;

/**
 * A native evaluation request: {@code {stage, content | messages, context: {agent, user, session,
 * tool}}}. Exactly one of {@code content} and {@code messages} is set.
 */
public record EvaluateRequest(Stage stage, String content, List<Message> messages, RequestContext context) {

    public EvaluateRequest {
        messages = messages == null ? null : List.copyOf(messages);
    }
}
