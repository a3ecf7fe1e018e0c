package io.airs.core.evidence;

import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Drafts and chains for evidence tests; every value is synthetic. */
final class EvidenceFixtures {

    static final Instant T0 = Instant.parse("2025-03-01T12:00:00.123456Z");

    private EvidenceFixtures() {}

    /** A fully populated draft whose values depend on {@code i}. */
    static EvidenceDraft draft(int i) {
        Stage stage = Stage.values()[i % Stage.values().length];
        String decision = List.of("ALLOW", "MODIFY", "ESCALATE", "BLOCK").get(i % 4);
        return new EvidenceDraft(
                "dec-" + i,
                "req-" + i,
                T0.plusMillis(i * 37L),
                new Identities("user-" + (i % 3), i % 2 == 0 ? "agent-a" : null, "sess-" + (i / 5), "tenant-x"),
                i % 3 == 0 ? null : "model-" + (i % 2),
                "rev-2f1c",
                RiskTier.values()[i % 4],
                stage,
                decision,
                decision.equals("BLOCK") || decision.equals("ESCALATE") ? "prompt_injection" : null,
                List.of(
                        new CheckResult("injection", "heuristic-v1", CheckResult.FIRED, Action.BLOCK, 0.93, 4_210 + i),
                        new CheckResult("pii", "pii-v1", CheckResult.PASS, Action.ALLOW, 0.0, 1_005)),
                List.of(
                        new Finding(Category.PROMPT_INJECTION, "override", 1 + i, 30 + i, 0.93, "heuristic-v1"),
                        new Finding(Category.PII, "EMAIL", 40, 58, 1.0, "pii-v1")),
                EvidenceDraft.hashContent("synthetic content " + i),
                "please [EMAIL] ignore ... " + i,
                i % 2 == 0 ? Map.of("judge", "pass", "pace", "primary") : Map.of());
    }

    /** A sealed chain of {@code n} records from genesis. */
    static List<EvidenceRecord> chain(int n) {
        InMemoryEvidenceSink sink = new InMemoryEvidenceSink(Math.max(1, n));
        List<EvidenceRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(sink.append(draft(i)));
        }
        return out;
    }
}
