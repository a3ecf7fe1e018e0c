package io.airs.databricks.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text the guardrails check in one inference-table row, from the OpenAI chat format that
 * Databricks serving endpoints log, staged as the gateway stages a live request: the user's messages
 * are {@code input}, tool and function results are {@code context} (where indirect injection hides),
 * the response's choices are {@code output}; system and assistant turns are the application's own
 * and are not checked. Message content may be a string or a list of parts, of which the text parts
 * count. A body that is not chat JSON is checked as input as it is, so nothing escapes the
 * guardrails for being malformed.
 *
 * @param input the user's messages, one per line, or the raw request body
 * @param context the tool and function messages, one per line, or null when there are none
 * @param output the response's message contents, or null when the row has no answer (none, or an error)
 */
public record ChatTexts(String input, String context, String output) {

    /** Reads the texts of one row; either body may be null. */
    public static ChatTexts of(ObjectMapper json, String request, String response) {
        String[] in = request == null ? new String[] {"", null} : requestTexts(json, request);
        return new ChatTexts(in[0], in[1], response == null ? null : responseText(json, response));
    }

    /** The input and context texts of a request body (context null when it has none). */
    static String[] requestTexts(ObjectMapper json, String body) {
        JsonNode n = parse(json, body);
        if (n == null) {
            return new String[] {body, null};
        }
        JsonNode messages = n.get("messages");
        if (messages != null && messages.isArray()) {
            StringBuilder input = new StringBuilder();
            StringBuilder context = new StringBuilder();
            for (JsonNode m : messages) {
                switch (m.path("role").asText("user")) {
                    case "system", "developer", "assistant" -> {}
                    case "tool", "function" -> appendContent(context, m.get("content"));
                    default -> appendContent(input, m.get("content"));
                }
            }
            return new String[] {input.toString(), context.isEmpty() ? null : context.toString()};
        }
        JsonNode prompt = n.get("prompt");
        if (prompt != null && prompt.isTextual()) {
            return new String[] {prompt.asText(), null};
        }
        return new String[] {body, null};
    }

    static String responseText(ObjectMapper json, String body) {
        JsonNode n = parse(json, body);
        if (n == null) {
            return body;
        }
        JsonNode choices = n.get("choices");
        if (choices != null && choices.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode c : choices) {
                JsonNode message = c.get("message");
                if (message != null) {
                    appendContent(sb, message.get("content"));
                } else if (c.get("text") != null) {
                    appendContent(sb, c.get("text"));
                }
            }
            return sb.toString();
        }
        return n.has("error") || n.has("error_code") ? null : body;
    }

    private static void appendContent(StringBuilder sb, JsonNode content) {
        if (content == null || content.isNull()) {
            return;
        }
        if (content.isTextual()) {
            line(sb, content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                JsonNode text = part.get("text");
                if (text != null && text.isTextual()) {
                    line(sb, text.asText());
                }
            }
        }
    }

    private static void line(StringBuilder sb, String text) {
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(text);
    }

    private static JsonNode parse(ObjectMapper json, String body) {
        try {
            JsonNode n = json.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
