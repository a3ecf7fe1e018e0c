package io.airs.core.oversight;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Chooses the review queue for an escalation, in three steps:
 *
 * <ol>
 *   <li>a reason code listed in {@code byReason} decides outright (so {@code judge_sampling} goes to
 *       SAMPLING whatever the judge found);
 *   <li>otherwise the most urgent queue among the findings' categories in {@code byCategory};
 *   <li>otherwise {@code fallback};
 * </ol>
 *
 * then a risk tier in {@code bumpTiers} moves the result one queue more urgent (CRITICAL stays).
 *
 * <pre>{@code
 * Severity q = SeverityRouting.defaults().route(decision.findings(), decision.reason(), RiskTier.HIGH);
 * }</pre>
 *
 * @param byCategory queue per finding category; categories not listed do not vote. Default: prompt
 *     injection, jailbreak, indirect injection, secret, harmful and tool to HIGH; PII, toxicity,
 *     topic, limit and judge to STANDARD.
 * @param byReason queue per reason code that overrides the findings. Default: {@code
 *     judge_sampling} to SAMPLING; {@code evidence_unavailable} (the pipeline failing closed because it
 *     could not record evidence) to HIGH.
 * @param fallback queue when neither the reason nor any finding decides; default STANDARD
 * @param bumpTiers risk tiers whose escalations go one queue more urgent; default {CRITICAL}
 */
public record SeverityRouting(
        Map<Category, Severity> byCategory,
        Map<String, Severity> byReason,
        Severity fallback,
        Set<RiskTier> bumpTiers) {

    /** The reason code of a judge-sampled review. */
    public static final String JUDGE_SAMPLING = "judge_sampling";

    public SeverityRouting {
        Objects.requireNonNull(byCategory, "byCategory");
        Objects.requireNonNull(byReason, "byReason");
        Objects.requireNonNull(fallback, "fallback");
        Objects.requireNonNull(bumpTiers, "bumpTiers");
        byCategory = Map.copyOf(byCategory);
        byReason = Map.copyOf(byReason);
        bumpTiers = bumpTiers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(bumpTiers));
    }

    /** The default routing described on the record. */
    public static SeverityRouting defaults() {
        EnumMap<Category, Severity> cat = new EnumMap<>(Category.class);
        for (Category c : List.of(
                Category.PROMPT_INJECTION,
                Category.JAILBREAK,
                Category.INDIRECT_INJECTION,
                Category.SECRET,
                Category.HARMFUL,
                Category.TOOL)) {
            cat.put(c, Severity.HIGH);
        }
        for (Category c : List.of(Category.PII, Category.TOXICITY, Category.TOPIC, Category.LIMIT, Category.JUDGE)) {
            cat.put(c, Severity.STANDARD);
        }
        return new SeverityRouting(
                cat,
                Map.of(JUDGE_SAMPLING, Severity.SAMPLING, "evidence_unavailable", Severity.HIGH),
                Severity.STANDARD,
                Set.of(RiskTier.CRITICAL));
    }

    /**
     * The queue for an escalation with these findings, reason code (may be null) and risk tier (may
     * be null, meaning no bump).
     */
    public Severity route(List<Finding> findings, String reason, RiskTier tier) {
        Severity chosen = reason == null ? null : byReason.get(reason);
        if (chosen == null) {
            for (Finding f : findings) {
                Severity s = byCategory.get(f.category());
                if (s != null && (chosen == null || s.moreUrgentThan(chosen))) {
                    chosen = s;
                }
            }
        }
        if (chosen == null) {
            chosen = fallback;
        }
        return tier != null && bumpTiers.contains(tier) ? chosen.higher() : chosen;
    }
}
