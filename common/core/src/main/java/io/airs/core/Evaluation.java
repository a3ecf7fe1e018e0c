package io.airs.core;

import java.util.Objects;

/**
 * One piece of content to check at one stage.
 *
 * @param stage where in the interaction the content is
 * @param content the text, exactly as sent (offsets in findings refer to it)
 * @param context identities and the model
 */
public record Evaluation(Stage stage, String content, RequestContext context) {

    public Evaluation {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(content, "content");
        context = context == null ? RequestContext.empty() : context;
    }

    public static Evaluation of(Stage stage, String content) {
        return new Evaluation(stage, content, RequestContext.empty());
    }
}
