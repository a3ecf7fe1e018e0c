package io.airs.databricks.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The text the guardrails check in one inference-table row: the request's chat messages (input
 * stage) and the response's choices (output stage), from the OpenAI chat format that Databricks
 * serving endpoints log. Message content may be a string or a list of parts, of which the text parts
 * count. A body that is not chat JSON is checked as it is, so nothing escapes the guardrails for
 * being malformed.
 *
 * @param input the request's messages, one per line, or the raw request body
 * @param output the response's message contents, or null when the row has no answer (none, or an error)
 */
public record ChatTexts(String input, String output) {

    /** Reads the texts of one row; either body may be null. */
    public static ChatTexts of(ObjectMapper json, String request, String response) {
        return new ChatTexts(
                request == null ? "" : requestText(json, request),
                response == null ? null : responseText(json, response));
    }

    static String requestText(ObjectMapper json, String body) {
        JsonNode n = parse(json, body);
        if (n == null) {
            return body;
        }
        JsonNode messages = n.get("messages");
        if (messages != null && messages.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode m : messages) {
                appendContent(sb, m.get("content"));
            }
            return sb.toString();
        }
        JsonNode prompt = n.get("prompt");
        if (prompt != null && prompt.isTextual()) {
            return prompt.asText();
        }
        return body;
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
