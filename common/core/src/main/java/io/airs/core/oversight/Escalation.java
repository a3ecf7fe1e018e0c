package io.airs.core.oversight;

import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One escalation ticket as reviewers see it. It never holds the raw held content unless the
 * oversight configuration says {@code showRawContent}: {@code heldContent} is null otherwise, and
 * the payload is released to the original caller only through {@link Outcome.Approved}.
 *
 * @param ticket opaque ticket id, such as {@code esc_} followed by 20 base32 characters
 * @param queue the queue it waits (or waited) in
 * @param status where it is in its life
 * @param createdAt when it was opened
 * @param deadline when it is denied if still open: createdAt + SLA of the queue, or (after an
 *     ESCALATE) the reviewer's decision time + SLA of the new queue
 * @param stage the stage whose content is held
 * @param decisionId the evidence id of the decision that escalated
 * @param requestId the request the decision belongs to
 * @param reason the reason code of the escalation, such as {@code pii}, or null
 * @param policyRevision revision hash of the policy that escalated
 * @param riskTier the risk tier that applied
 * @param findings what the guardrails found (no matched text)
 * @param redactedExcerpt a masked excerpt of the held content, or null
 * @param identities user, agent, session and tenant of the request
 * @param contentHash lower-case hex SHA-256 of the held content (UTF-8)
 * @param reviewer who decided (or escalated) it last, null while untouched or after expiry
 * @param note the reviewer's note, or null
 * @param decidedAt when it was decided, escalated or expired, or null while untouched
 * @param outcomeContent for MODIFIED, the reviewer's replacement text; null otherwise
 * @param heldContent the raw held content, only when reviewers may see it; null otherwise
 */
public record Escalation(
        String ticket,
        Severity queue,
        EscalationStatus status,
        Instant createdAt,
        Instant deadline,
        Stage stage,
        String decisionId,
        String requestId,
        String reason,
        String policyRevision,
        RiskTier riskTier,
        List<Finding> findings,
        String redactedExcerpt,
        Identities identities,
        String contentHash,
        String reviewer,
        String note,
        Instant decidedAt,
        String outcomeContent,
        String heldContent) {

    public Escalation {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(policyRevision, "policyRevision");
        Objects.requireNonNull(riskTier, "riskTier");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(contentHash, "contentHash");
        findings = List.copyOf(findings);
    }

    /** Whether a reviewer can still decide it. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** Whether it is open and {@code now} is after its deadline. */
    public boolean isOverdue(Instant now) {
        return status.isOpen() && now.isAfter(deadline);
    }

    /** The same ticket with {@code content} shown as its held content (null hides it). */
    public Escalation withHeldContent(String content) {
        return new Escalation(
                ticket,
                queue,
                status,
                createdAt,
                deadline,
                stage,
                decisionId,
                requestId,
                reason,
                policyRevision,
                riskTier,
                findings,
                redactedExcerpt,
                identities,
                contentHash,
                reviewer,
                note,
                decidedAt,
                outcomeContent,
                content);
    }

    /**
     * The same ticket closed as {@code to} by reviewer {@code by} (null when it expired) at {@code at},
     * with {@code content} as the outcome content (null when there is none); held content is hidden.
     */
    public Escalation decided(EscalationStatus to, String by, String withNote, Instant at, String content) {
        return new Escalation(
                ticket,
                queue,
                to,
                createdAt,
                deadline,
                stage,
                decisionId,
                requestId,
                reason,
                policyRevision,
                riskTier,
                findings,
                redactedExcerpt,
                identities,
                contentHash,
                by,
                withNote,
                at,
                content,
                null);
    }

    /**
     * The same ticket moved to the higher queue {@code to} with {@code newDeadline}, by reviewer
     * {@code by} at {@code at}; held content is hidden.
     */
    public Escalation moved(Severity to, Instant newDeadline, String by, String withNote, Instant at) {
        return new Escalation(
                ticket,
                to,
                EscalationStatus.ESCALATED,
                createdAt,
                newDeadline,
                stage,
                decisionId,
                requestId,
                reason,
                policyRevision,
                riskTier,
                findings,
                redactedExcerpt,
                identities,
                contentHash,
                by,
                withNote,
                at,
                null,
                null);
    }
}
