package io.airs.core.evidence;

import io.airs.core.CheckResult;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An evidence record before it joins the chain: everything but {@code seq}, {@code prevHash} and
 * {@code hash}, which an {@link EvidenceSink} assigns when it seals the draft.
 *
 * <p>A draft never holds the checked content itself: {@code contentHash} is its SHA-256 (see {@link
 * #hashContent(String)}) and {@code redactedExcerpt} is a short excerpt the caller has already
 * masked. An excerpt longer than {@link #MAX_EXCERPT_CHARS} is cut to that length, and any lone
 * surrogate in a string is replaced by U+FFFD so the record can always be written.
 *
 * <pre>{@code
 * EvidenceDraft draft = EvidenceDraft.fromDecision(decision, requestId, clock.instant(),
 *         identities, "gpt-4o", RiskTier.HIGH, EvidenceDraft.hashContent(prompt), masked, Map.of());
 * EvidenceRecord sealed = sink.append(draft);
 * }</pre>
 *
 * @param recordId the decision id, which is also the record's id
 * @param requestId the id of the request the decision belongs to
 * @param timestamp when the decision was made
 * @param identities user, agent, session and tenant, each optional
 * @param model the model the request was for, or null
 * @param policyRevision the revision hash of the policy that decided
 * @param riskTier the risk tier the policy applied
 * @param stage the stage that was checked
 * @param decision {@code ALLOW}, {@code MODIFY}, {@code ESCALATE} or {@code BLOCK}
 * @param reason the reason code of an escalation or block, or null
 * @param checks every check that ran, in order
 * @param findings what the checks found, without matched text
 * @param contentHash lower-case hex SHA-256 of the raw content
 * @param redactedExcerpt a masked excerpt of at most {@link #MAX_EXCERPT_CHARS} UTF-16 units, or null
 * @param extra values added by later layers (judge verdict, escalation ticket, PACE and breaker
 *     state), keyed by name
 */
public record EvidenceDraft(
        String recordId,
        String requestId,
        Instant timestamp,
        Identities identities,
        String model,
        String policyRevision,
        RiskTier riskTier,
        Stage stage,
        String decision,
        String reason,
        List<CheckResult> checks,
        List<Finding> findings,
        String contentHash,
        String redactedExcerpt,
        Map<String, String> extra) {

    /** The longest excerpt a record keeps, in UTF-16 units. */
    public static final int MAX_EXCERPT_CHARS = 200;

    public EvidenceDraft {
        // Strings come from callers and user traffic; a lone surrogate must not stop evidence.
        recordId = WellFormed.repair(recordId);
        requestId = WellFormed.repair(requestId);
        identities = WellFormed.repair(identities);
        model = WellFormed.repair(model);
        policyRevision = WellFormed.repair(policyRevision);
        reason = WellFormed.repair(reason);
        checks = WellFormed.repairChecks(checks);
        findings = WellFormed.repairFindings(findings);
        redactedExcerpt = WellFormed.repair(truncate(redactedExcerpt));
        extra = WellFormed.repair(extra);
        EvidenceRecord.validate(
                recordId,
                requestId,
                timestamp,
                identities,
                model,
                policyRevision,
                riskTier,
                stage,
                decision,
                reason,
                checks,
                findings,
                contentHash,
                redactedExcerpt,
                extra);
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
        extra = EvidenceRecord.sortedCopy(extra);
    }

    /**
     * A draft for {@code decision}, taking its id, policy revision, stage, verdict, reason, checks and
     * findings.
     */
    public static EvidenceDraft fromDecision(
            Decision decision,
            String requestId,
            Instant timestamp,
            Identities identities,
            String model,
            RiskTier riskTier,
            String contentHash,
            String redactedExcerpt,
            Map<String, String> extra) {
        String reason = switch (decision) {
            case Decision.Escalate e -> e.reason();
            case Decision.Block b -> b.reason();
            case Decision.Allow a -> null;
            case Decision.Modify m -> null;
        };
        return new EvidenceDraft(
                decision.decisionId(),
                requestId,
                timestamp,
                identities,
                model,
                decision.policyRevision(),
                riskTier,
                decision.stage(),
                decision.verdict().wireName(),
                reason,
                decision.checks(),
                decision.findings(),
                contentHash,
                redactedExcerpt,
                extra);
    }

    /** Lower-case hex SHA-256 of {@code content} in UTF-8, for {@link #contentHash()}. */
    public static String hashContent(String content) {
        Objects.requireNonNull(content, "content");
        return Sha256.hex(Sha256.digest().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** This draft with {@code key} set to {@code value} in {@link #extra()}. */
    public EvidenceDraft withExtra(String key, String value) {
        var copy = new TreeMap<>(extra);
        copy.put(key, value);
        return new EvidenceDraft(
                recordId,
                requestId,
                timestamp,
                identities,
                model,
                policyRevision,
                riskTier,
                stage,
                decision,
                reason,
                checks,
                findings,
                contentHash,
                redactedExcerpt,
                copy);
    }

    private static String truncate(String excerpt) {
        if (excerpt == null || excerpt.length() <= MAX_EXCERPT_CHARS) {
            return excerpt;
        }
        int end = MAX_EXCERPT_CHARS;
        // Never leave half of a surrogate pair at the cut.
        if (Character.isHighSurrogate(excerpt.charAt(end - 1))) {
            end--;
        }
        return excerpt.substring(0, end);
    }
}
