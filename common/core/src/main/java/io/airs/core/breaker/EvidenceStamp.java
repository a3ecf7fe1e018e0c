package io.airs.core.breaker;

import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.Identities;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What every state-transition evidence record (breaker or PACE) shares: the policy it ran under and
 * where its ids come from. Builds the draft; the caller appends it to its {@link
 * io.airs.core.evidence.EvidenceSink}.
 *
 * <p>A transition is not a decision about content, so its record checks no content: {@code stage}
 * is {@code input} (breakers and PACE gate traffic before the model), {@code decision} is {@code
 * BLOCK} when the transition cuts traffic and {@code ALLOW} otherwise, {@code contentHash} is the
 * SHA-256 of the transition's own description, and the specifics are in {@code extra} ({@code
 * event}, {@code scope} or {@code layer}, {@code from}, {@code to}, {@code reason}, ...).
 *
 * @param policyRevision revision hash of the policy in force
 * @param riskTier the policy's risk tier
 * @param ids supplies a fresh id per record
 */
public record EvidenceStamp(String policyRevision, RiskTier riskTier, Supplier<String> ids) {

    public EvidenceStamp {
        Objects.requireNonNull(policyRevision, "policyRevision");
        Objects.requireNonNull(riskTier, "riskTier");
        Objects.requireNonNull(ids, "ids");
    }

    /**
     * A draft recording one transition.
     *
     * @param at when the transition happened
     * @param cutsTraffic whether the new state stops traffic (recorded as {@code BLOCK})
     * @param reason the transition's reason code or note
     * @param identities the agent concerned, if the transition is about one
     * @param extra the transition's specifics; must include {@code event}
     */
    public EvidenceDraft draft(
            Instant at, boolean cutsTraffic, String reason, Identities identities, Map<String, String> extra) {
        String id = ids.get();
        Map<String, String> fields = new TreeMap<>(extra);
        fields.put("reason", reason == null ? "" : reason);
        return new EvidenceDraft(
                id,
                id,
                at,
                identities,
                null,
                policyRevision,
                riskTier,
                Stage.INPUT,
                cutsTraffic ? "BLOCK" : "ALLOW",
                reason == null || reason.isEmpty() ? null : reason,
                List.of(),
                List.of(),
                EvidenceDraft.hashContent(at + " " + fields),
                null,
                fields);
    }
}
