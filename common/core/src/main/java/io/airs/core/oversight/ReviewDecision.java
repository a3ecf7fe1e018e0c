package io.airs.core.oversight;

import java.util.Locale;
import java.util.Objects;

/**
 * A reviewer's decision on a ticket. Validated on construction; a bad value throws {@link
 * InvalidReviewException} naming the field.
 *
 * <pre>{@code
 * oversight.decide(ticket, ReviewDecision.approve("alice@example.com", "false positive"));
 * oversight.decide(ticket, ReviewDecision.modify("bob", null, "Your balance is [redacted]."));
 * }</pre>
 *
 * @param decision what the reviewer decided
 * @param reviewer who decided: 1 to 128 printable characters (code points), no control characters,
 *     not blank
 * @param note an optional note, at most {@link #MAX_NOTE_CHARS} characters (code points)
 * @param content the replacement text: required for {@link Kind#MODIFY}, forbidden otherwise
 */
public record ReviewDecision(Kind decision, String reviewer, String note, String content) {

    /** The longest reviewer identity, in code points. */
    public static final int MAX_REVIEWER_CHARS = 128;

    /** The longest note, in code points. */
    public static final int MAX_NOTE_CHARS = 2000;

    /** The four things a reviewer can do with a ticket. */
    public enum Kind {
        /** Release the held content. */
        APPROVE,
        /** Refuse it (reason {@code reviewer_denied}). */
        DENY,
        /** Release the reviewer's text instead of the held content. */
        MODIFY,
        /** Move the ticket to the next more urgent queue, where it waits again. */
        ESCALATE;

        /** The name used on the wire, such as {@code approve}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Parses a wire name, case-insensitively.
         *
         * @throws InvalidReviewException naming {@code decision} when it is not a kind
         */
        public static Kind fromWire(String name) {
            if (name != null) {
                for (Kind k : values()) {
                    if (k.name().equalsIgnoreCase(name)) {
                        return k;
                    }
                }
            }
            throw new InvalidReviewException("decision", "must be approve, deny, modify or escalate");
        }
    }

    public ReviewDecision {
        if (decision == null) {
            throw new InvalidReviewException("decision", "is required");
        }
        validateReviewer(reviewer);
        if (note != null && note.codePointCount(0, note.length()) > MAX_NOTE_CHARS) {
            throw new InvalidReviewException("note", "is longer than " + MAX_NOTE_CHARS + " characters");
        }
        if (decision == Kind.MODIFY && content == null) {
            throw new InvalidReviewException("content", "is required to modify");
        }
        if (decision != Kind.MODIFY && content != null) {
            throw new InvalidReviewException("content", "is allowed only to modify");
        }
    }

    /** Approve, releasing the held content. */
    public static ReviewDecision approve(String reviewer, String note) {
        return new ReviewDecision(Kind.APPROVE, reviewer, note, null);
    }

    /** Deny. */
    public static ReviewDecision deny(String reviewer, String note) {
        return new ReviewDecision(Kind.DENY, reviewer, note, null);
    }

    /** Release {@code content} instead of the held content. */
    public static ReviewDecision modify(String reviewer, String note, String content) {
        return new ReviewDecision(Kind.MODIFY, reviewer, note, content);
    }

    /** Move to the next more urgent queue. */
    public static ReviewDecision escalate(String reviewer, String note) {
        return new ReviewDecision(Kind.ESCALATE, reviewer, note, null);
    }

    /** The final status this decision gives a ticket; {@link EscalationStatus#ESCALATED} for ESCALATE. */
    public EscalationStatus resultingStatus() {
        return switch (decision) {
            case APPROVE -> EscalationStatus.APPROVED;
            case DENY -> EscalationStatus.DENIED;
            case MODIFY -> EscalationStatus.MODIFIED;
            case ESCALATE -> EscalationStatus.ESCALATED;
        };
    }

    /** Whether {@code e}, already final, is exactly what this decision would have made of it. */
    boolean sameAs(Escalation e) {
        return decision != Kind.ESCALATE
                && e.status() == resultingStatus()
                && reviewer.equals(e.reviewer())
                && Objects.equals(note, e.note())
                && Objects.equals(content, e.outcomeContent());
    }

    private static void validateReviewer(String reviewer) {
        if (reviewer == null || reviewer.isEmpty()) {
            throw new InvalidReviewException("reviewer", "is required");
        }
        int n = 0;
        boolean blank = true;
        for (int i = 0; i < reviewer.length(); ) {
            int cp = reviewer.codePointAt(i);
            if (Character.isSurrogate((char) cp) && cp < Character.MIN_SUPPLEMENTARY_CODE_POINT) {
                throw new InvalidReviewException("reviewer", "holds a broken character");
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL
                    || type == Character.FORMAT
                    || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw new InvalidReviewException("reviewer", "must be printable characters only");
            }
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                blank = false;
            }
            n++;
            i += Character.charCount(cp);
        }
        if (blank) {
            throw new InvalidReviewException("reviewer", "must not be blank");
        }
        if (n > MAX_REVIEWER_CHARS) {
            throw new InvalidReviewException("reviewer", "is longer than " + MAX_REVIEWER_CHARS + " characters");
        }
    }
}
