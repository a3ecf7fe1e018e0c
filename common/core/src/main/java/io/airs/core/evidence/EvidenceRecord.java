package io.airs.core.evidence;

import io.airs.core.CheckResult;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One sealed evidence record: the regulatory evidence of one enforcement decision, linked into a
 * hash chain.
 *
 * <p>{@code hash = SHA-256(prevHash || canonicalJson)}, where {@code prevHash} contributes its 64
 * ASCII hex characters and {@code canonicalJson} is the record's JSON without the {@code hash} key,
 * as written by {@link EvidenceCodec#canonicalJson(EvidenceRecord)}. The first record of a chain
 * links to {@link #GENESIS_HASH}. Records are created by an {@link EvidenceSink} (which assigns
 * {@code seq}, {@code prevHash} and {@code hash}) or read back by {@link EvidenceCodec}; the
 * constructor checks shape only, {@link EvidenceVerifier} checks the hashes.
 *
 * @param seq position in the chain, from 0
 * @param recordId the decision id
 * @param requestId the request id
 * @param timestamp when the decision was made
 * @param identities user, agent, session and tenant, each optional
 * @param model the model, or null
 * @param policyRevision the revision hash of the policy that decided
 * @param riskTier the risk tier applied
 * @param stage the stage checked
 * @param decision {@code ALLOW}, {@code MODIFY}, {@code ESCALATE} or {@code BLOCK}
 * @param reason the reason code, or null
 * @param checks every check that ran
 * @param findings what the checks found, without matched text
 * @param contentHash lower-case hex SHA-256 of the raw content
 * @param redactedExcerpt a caller-masked excerpt of at most 200 UTF-16 units, or null
 * @param extra values from later layers, sorted by key
 * @param prevHash the hash of the previous record, or {@link #GENESIS_HASH}
 * @param hash this record's hash
 */
public record EvidenceRecord(
        long seq,
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
        Map<String, String> extra,
        String prevHash,
        String hash) {

    /** The {@code prevHash} of the first record of a chain: 64 zeros. */
    public static final String GENESIS_HASH = "0".repeat(64);

    public EvidenceRecord {
        if (seq < 0) {
            throw new IllegalArgumentException("seq is negative");
        }
        validate(
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
        requireHash(prevHash, "prevHash");
        requireHash(hash, "hash");
        checks = List.copyOf(checks);
        findings = List.copyOf(findings);
        extra = sortedCopy(extra);
    }

    /** A record sealing {@code draft} at {@code seq} with the given links. */
    static EvidenceRecord of(EvidenceDraft draft, long seq, String prevHash, String hash) {
        return new EvidenceRecord(
                seq,
                draft.recordId(),
                draft.requestId(),
                draft.timestamp(),
                draft.identities(),
                draft.model(),
                draft.policyRevision(),
                draft.riskTier(),
                draft.stage(),
                draft.decision(),
                draft.reason(),
                draft.checks(),
                draft.findings(),
                draft.contentHash(),
                draft.redactedExcerpt(),
                draft.extra(),
                prevHash,
                hash);
    }

    /** The record's content without its chain fields. */
    public EvidenceDraft draft() {
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
                extra);
    }

    // Validation messages name the field, never its value, so they are safe to log.
    static void validate(
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
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(identities, "identities");
        Objects.requireNonNull(policyRevision, "policyRevision");
        Objects.requireNonNull(riskTier, "riskTier");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(decision, "decision");
        if (!isVerdict(decision)) {
            throw new IllegalArgumentException("decision must be ALLOW, MODIFY, ESCALATE or BLOCK");
        }
        Objects.requireNonNull(checks, "checks");
        for (CheckResult c : checks) {
            Objects.requireNonNull(c, "checks element");
            Objects.requireNonNull(c.check(), "check name");
            Objects.requireNonNull(c.detector(), "check detector");
            Objects.requireNonNull(c.verdict(), "check verdict");
            Objects.requireNonNull(c.action(), "check action");
            if (!Double.isFinite(c.score())) {
                throw new IllegalArgumentException("check score must be finite");
            }
        }
        Objects.requireNonNull(findings, "findings");
        requireHash(contentHash, "contentHash");
        if (redactedExcerpt != null && redactedExcerpt.length() > EvidenceDraft.MAX_EXCERPT_CHARS) {
            throw new IllegalArgumentException(
                    "redactedExcerpt longer than " + EvidenceDraft.MAX_EXCERPT_CHARS + " chars");
        }
        Objects.requireNonNull(extra, "extra");
        if (!(WellFormed.is(recordId)
                && WellFormed.is(requestId)
                && WellFormed.is(identities)
                && WellFormed.is(model)
                && WellFormed.is(policyRevision)
                && WellFormed.is(reason)
                && checks.stream().allMatch(WellFormed::is)
                && findings.stream().allMatch(WellFormed::is)
                && WellFormed.is(redactedExcerpt)
                && WellFormed.is(extra))) {
            throw new IllegalArgumentException("a string holds a lone surrogate");
        }
    }

    static void requireHash(String value, String name) {
        if (!Sha256.isHex64(value)) {
            throw new IllegalArgumentException(name + " must be 64 lower-case hex digits");
        }
    }

    static Map<String, String> sortedCopy(Map<String, String> extra) {
        var sorted = new TreeMap<String, String>();
        extra.forEach(
                (k, v) -> sorted.put(Objects.requireNonNull(k, "extra key"), Objects.requireNonNull(v, "extra value")));
        return Collections.unmodifiableSortedMap(sorted);
    }

    private static boolean isVerdict(String decision) {
        for (Decision.Verdict v : Decision.Verdict.values()) {
            if (v.wireName().equals(decision)) {
                return true;
            }
        }
        return false;
    }
}
