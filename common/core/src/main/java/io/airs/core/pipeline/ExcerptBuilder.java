package io.airs.core.pipeline;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the redacted excerpt an evidence record keeps instead of raw content: the first characters
 * of the content with every PII and secret span (found again on the excerpt, whatever the policy's
 * checks were) and every finding span replaced by its type in brackets.
 */
final class ExcerptBuilder {

    private final Guardrail pii;
    private final Guardrail secret;

    ExcerptBuilder(Guardrail pii, Guardrail secret) {
        this.pii = pii;
        this.secret = secret;
    }

    String excerpt(String content, List<Finding> findings, int maxChars) {
        if (maxChars <= 0 || content.isEmpty()) {
            return "";
        }
        int end = Math.min(content.length(), maxChars);
        if (end < content.length() && Character.isHighSurrogate(content.charAt(end - 1))) {
            end--;
        }
        String head = content.substring(0, end);
        List<Finding> spans = new ArrayList<>();
        for (Finding f : findings) {
            if (f.start() < end && f.end() > f.start()) {
                spans.add(f.withSpan(f.start(), Math.min(f.end(), end)));
            }
        }
        try {
            pii.scan(head, spans);
            secret.scan(head, spans);
        } catch (RuntimeException | StackOverflowError e) {
            // Without working detectors nothing can be shown safely.
            return "[excerpt withheld]";
        }
        spans.sort(Comparator.comparingInt(Finding::start).thenComparingInt(f -> -f.end()));
        StringBuilder sb = new StringBuilder(end + 16);
        int at = 0;
        for (Finding f : spans) {
            if (f.end() <= at) {
                continue;
            }
            int s = Math.max(f.start(), at);
            sb.append(head, at, s);
            sb.append('[').append(label(f)).append(']');
            at = f.end();
        }
        sb.append(head, at, end);
        if (end < content.length()) {
            sb.append('…');
        }
        return sb.toString();
    }

    private static String label(Finding f) {
        return f.category() == Category.PII || f.category() == Category.SECRET
                ? f.type()
                : f.category().wireName();
    }
}
