package io.airs.core.oversight;

import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.Identities;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@link EscalationStore#open} needs to open a ticket. The ticket id, creation time and
 * deadline are chosen by the caller (normally {@link Oversight}, from its id supplier, clock and
 * SLAs), so a store is a pure function of the calls made to it and can be replayed exactly.
 *
 * @param ticket the new ticket's id; must not exist yet
 * @param queue the queue it waits in
 * @param createdAt when it is opened
 * @param deadline when it is denied if still open; not before {@code createdAt}
 * @param stage the stage whose content is held
 * @param decisionId the evidence id of the decision that escalated
 * @param requestId the request the decision belongs to
 * @param reason the reason code, or null
 * @param policyRevision revision hash of the policy that escalated
 * @param riskTier the risk tier that applied
 * @param findings what the guardrails found
 * @param redactedExcerpt a masked excerpt of the held content, or null
 * @param identities user, agent, session and tenant (use {@link Identities#none()} when unknown)
 */
public record NewEscalation(
        String ticket,
        Severity queue,
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
        Identities identities) {

    public NewEscalation {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(policyRevision, "policyRevision");
        Objects.requireNonNull(riskTier, "riskTier");
        Objects.requireNonNull(identities, "identities");
        if (ticket.isEmpty()) {
            throw new IllegalArgumentException("ticket must not be empty");
        }
        if (deadline.isBefore(createdAt)) {
            throw new IllegalArgumentException("deadline is before createdAt");
        }
        findings = List.copyOf(findings);
    }

    /** The pending ticket this opens, for held content whose SHA-256 (lower-case hex) is {@code contentHash}. */
    public Escalation toEscalation(String contentHash) {
        return new Escalation(
                ticket,
                queue,
                EscalationStatus.PENDING,
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
                null,
                null,
                null,
                null,
                null);
    }
}
