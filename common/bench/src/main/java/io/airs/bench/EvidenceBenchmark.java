package io.airs.bench;

import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.InMemoryEvidenceSink;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Sealing one evidence record (canonical JSON and SHA-256 chaining) into an in-memory sink. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EvidenceBenchmark {

    private InMemoryEvidenceSink sink;
    private EvidenceDraft draft;

    @Setup
    public void setup() {
        sink = new InMemoryEvidenceSink(4096);
        draft = new EvidenceDraft(
                "5f0c1d2e-0000-4000-8000-000000000001",
                "req-1",
                Instant.parse("2026-01-01T00:00:00Z"),
                new Identities("user-1", "agent-1", "session-1", null),
                "model-1",
                "0123456789abcdef",
                RiskTier.MEDIUM,
                Stage.INPUT,
                "MODIFY",
                null,
                List.of(
                        new CheckResult("injection", "injection", CheckResult.PASS, Action.ALLOW, 0, 12_000),
                        new CheckResult("pii", "pii", CheckResult.FIRED, Action.REDACT, 0.99, 4_000)),
                List.of(new Finding(Category.PII, "EMAIL_ADDRESS", 10, 30, 0.99, "pii")),
                "0".repeat(64),
                "Please send the report to [EMAIL_ADDRESS] before Friday.",
                Map.of());
    }

    @Benchmark
    public EvidenceRecord append() {
        return sink.append(draft);
    }
}
