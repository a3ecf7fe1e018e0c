package io.airs.core.redact;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Replaces the spans of findings in a text. Overlapping findings are merged first (the merged span
 * keeps the type of its highest-scoring finding); findings of categories not chosen for redaction
 * are ignored; a span that already holds a replacement (all {@code *}, or a {@code <TYPE_...>}
 * token) is left as it is, so redacting a redacted text again changes nothing.
 *
 * <pre>{@code
 * Redactor r = new Redactor(RedactionMode.PSEUDONYM, vault);
 * Redaction red = r.redact(prompt, findings, sessionId);
 * String answer = vault.restore(sessionId, modelAnswer);
 * }</pre>
 *
 * <p>Immutable and thread-safe when the vault is.
 */
public final class Redactor {

    private static final Comparator<Finding> BY_START = Comparator.comparingInt(Finding::start)
            .thenComparing(Comparator.comparingInt(Finding::end).reversed());

    private final RedactionMode mode;
    private final PseudonymVault vault;
    private final Set<Category> categories;

    /**
     * @param mode how spans are replaced
     * @param vault where placeholders and pseudonyms are kept; may be null only for {@link
     *     RedactionMode#MASK}
     * @param categories the finding categories to redact
     */
    public Redactor(RedactionMode mode, PseudonymVault vault, Set<Category> categories) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (vault == null && mode != RedactionMode.MASK) {
            throw new IllegalArgumentException(mode + " needs a vault");
        }
        this.vault = vault;
        this.categories = categories.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(categories));
    }

    /** A redactor for personal data and secrets. */
    public Redactor(RedactionMode mode, PseudonymVault vault) {
        this(mode, vault, EnumSet.of(Category.PII, Category.SECRET));
    }

    public RedactionMode mode() {
        return mode;
    }

    /**
     * Redacts {@code findings} (offsets into {@code text}) from {@code text}.
     *
     * @param session the vault session for placeholders and pseudonyms
     * @return the redacted text and the redacted spans as offsets into it
     */
    public Redaction redact(String text, List<Finding> findings, String session) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(findings, "findings");
        if (mode != RedactionMode.MASK) {
            Objects.requireNonNull(session, "session");
        }
        List<Finding> merged = merge(text, findings);
        if (merged.isEmpty()) {
            return new Redaction(text, List.of());
        }
        StringBuilder out = new StringBuilder(text.length() + 16 * merged.size());
        List<Finding> spans = new ArrayList<>(merged.size());
        int copied = 0;
        for (Finding f : merged) {
            out.append(text, copied, f.start());
            String value = text.substring(f.start(), f.end());
            String replacement = alreadyRedacted(value) ? value : replace(f.type(), value, session);
            int start = out.length();
            out.append(replacement);
            spans.add(f.withSpan(start, out.length()));
            copied = f.end();
        }
        out.append(text, copied, text.length());
        return new Redaction(out.toString(), spans);
    }

    private String replace(String type, String value, String session) {
        return switch (mode) {
            case MASK -> "*".repeat(value.length());
            case PLACEHOLDER -> vault.placeholder(session, tokenType(type), value);
            case PSEUDONYM -> vault.pseudonym(session, tokenType(type), value);
        };
    }

    /** Finding types are free-form (e.g. {@code aws-access-token}); tokens need a plain upper-case name. */
    private static String tokenType(String type) {
        StringBuilder b = new StringBuilder(Math.min(type.length(), 40));
        for (int i = 0; i < type.length() && b.length() < 40; i++) {
            char c = type.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                b.append(c);
            } else if (c >= 'a' && c <= 'z') {
                b.append((char) (c - 32));
            } else {
                b.append('_');
            }
        }
        return b.isEmpty() ? "REDACTED" : b.toString();
    }

    /** A whole span of {@code *}, or a {@code <NAME_x>} token, is a replacement already. */
    static boolean alreadyRedacted(String value) {
        if (value.isEmpty()) {
            return true;
        }
        boolean allStars = true;
        for (int i = 0; i < value.length() && allStars; i++) {
            allStars = value.charAt(i) == '*';
        }
        if (allStars) {
            return true;
        }
        int n = value.length();
        if (n < 4 || value.charAt(0) != '<' || value.charAt(n - 1) != '>' || value.indexOf('_') < 0) {
            return false;
        }
        for (int i = 1; i < n - 1; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private List<Finding> merge(String text, List<Finding> findings) {
        int len = text.length();
        List<Finding> chosen = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            if (f == null || !categories.contains(f.category()) || f.start() >= len) {
                continue;
            }
            int s = f.start();
            int e = Math.min(f.end(), len);
            // Never cut a surrogate pair in half.
            if (s > 0 && Character.isLowSurrogate(text.charAt(s)) && Character.isHighSurrogate(text.charAt(s - 1))) {
                s--;
            }
            if (e < len
                    && e > 0
                    && Character.isLowSurrogate(text.charAt(e))
                    && Character.isHighSurrogate(text.charAt(e - 1))) {
                e++;
            }
            if (e > s) {
                chosen.add(s == f.start() && e == f.end() ? f : f.withSpan(s, e));
            }
        }
        chosen.sort(BY_START);
        List<Finding> merged = new ArrayList<>(chosen.size());
        Finding cur = null;
        for (Finding f : chosen) {
            if (cur != null && f.start() < cur.end()) {
                Finding lead = f.score() > cur.score() ? f : cur;
                cur = lead.withSpan(cur.start(), Math.max(cur.end(), f.end()));
            } else {
                if (cur != null) {
                    merged.add(cur);
                }
                cur = f;
            }
        }
        if (cur != null) {
            merged.add(cur);
        }
        return merged;
    }
}
