package io.airs.core.judge;

import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import java.util.List;
import java.util.Objects;

/**
 * One piece of content to judge.
 *
 * @param stage where in the interaction the content is
 * @param content the text to judge, exactly as checked by the guardrails
 * @param findings what the guardrails found in {@code content} (offsets into it)
 * @param criteria a short policy summary the judge applies, written by the operator (such as "a
 *     banking assistant: no investment advice, no account data of other customers"); may be empty
 * @param context identities and model; never null (an empty context when absent)
 */
public record JudgeRequest(
        Stage stage, String content, List<Finding> findings, String criteria, RequestContext context) {

    public JudgeRequest {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(content, "content");
        findings = findings == null ? List.of() : List.copyOf(findings);
        criteria = criteria == null ? "" : criteria;
        context = context == null ? RequestContext.empty() : context;
    }

    /** A request with no findings, no criteria and an empty context. */
    public static JudgeRequest of(Stage stage, String content) {
        return new JudgeRequest(stage, content, List.of(), "", RequestContext.empty());
    }
}
