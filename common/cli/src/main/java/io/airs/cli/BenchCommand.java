package io.airs.cli;

import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Stage;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.oversight.InMemoryEscalationStore;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.pipeline.StandardPayloads;
import io.airs.core.policy.Policy;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code airs bench}: latency percentiles and throughput of the enforcement path on the standard
 * payloads (input stage on a 2 KB prompt, output stage on a 4 KB response), one thread, with
 * evidence recorded in memory as in production.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measures p50/p90/p99/p99.9 latency and throughput of the enforcement path on the standard"
                + " payloads (2 KB prompt at input, 4 KB response at output), one thread.")
final class BenchCommand implements Callable<Integer> {

    @Mixin
    PolicyOption policy = new PolicyOption();

    @Option(
            names = "--warmup",
            defaultValue = "20000",
            description = "Warm-up evaluations per stage (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(
            names = "--iterations",
            defaultValue = "50000",
            description = "Measured evaluations per stage (default ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--json", description = "Print the figures as one JSON object per stage")
    boolean json;

    /** Figures for one stage. */
    record Result(String stage, int bytes, long p50, long p90, long p99, long p999, long max, double opsPerSec) {}

    @Override
    public Integer call() {
        if (warmup < 0 || iterations < 100) {
            throw new UsageException("--iterations must be at least 100 and --warmup not negative");
        }
        Policy p = policy.load();
        Enforcer enforcer =
                Enforcer.builder(p).evidence(new InMemoryEvidenceSink(4096)).build();
        if (!json) {
            System.out.printf(
                    "airs bench: policy %s (revision %s), %d warm-up + %d measured evaluations per stage, 1 thread%n",
                    p.name(), p.revision(), warmup, iterations);
            System.out.println("stage   payload   p50 µs   p90 µs   p99 µs  p99.9 µs   max µs    ops/s");
        }
        print(run("input", ev -> enforcer.evaluate(ev), Stage.INPUT, StandardPayloads.prompt2k()));
        print(run("output", ev -> enforcer.evaluate(ev), Stage.OUTPUT, StandardPayloads.response4k()));
        // The same payloads through every layer the local runner applies: breakers, guardrails, the
        // classifier judge, PACE and evidence (no LLM judge: it is a network call, judged async).
        try (Gateway gateway = Gateway.builder(p)
                .evidence(new InMemoryEvidenceSink(4096))
                .escalations(new InMemoryEscalationStore(LayerConfigs.oversight(p)))
                .build()) {
            print(run(
                    "input+",
                    ev -> gateway.check(ev, "bench", null).decision(),
                    Stage.INPUT,
                    StandardPayloads.prompt2k()));
            print(run(
                    "output+",
                    ev -> gateway.check(ev, "bench", null).decision(),
                    Stage.OUTPUT,
                    StandardPayloads.response4k()));
        }
        if (!json) {
            System.out.println("input/output: guardrails and evidence; input+/output+: all layers of airs serve");
        }
        return 0;
    }

    Result run(String name, java.util.function.Function<Evaluation, Decision> path, Stage stage, String payload) {
        Evaluation ev = Evaluation.of(stage, payload);
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += path.apply(ev).findings().size();
        }
        long[] nanos = new long[iterations];
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            Decision d = path.apply(ev);
            nanos[i] = System.nanoTime() - t0;
            sink += d.findings().size();
        }
        long total = System.nanoTime() - start;
        if (sink == Long.MIN_VALUE) {
            System.out.print("");
        }
        Arrays.sort(nanos);
        return new Result(
                name,
                payload.length(),
                pct(nanos, 0.50),
                pct(nanos, 0.90),
                pct(nanos, 0.99),
                pct(nanos, 0.999),
                nanos[nanos.length - 1],
                iterations / (total / 1e9));
    }

    private static long pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    private void print(Result r) {
        if (json) {
            System.out.printf(
                    Locale.ROOT,
                    "{\"stage\":\"%s\",\"bytes\":%d,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"p999_us\":%.1f,"
                            + "\"max_us\":%.1f,\"ops_per_sec\":%.0f}%n",
                    r.stage(),
                    r.bytes(),
                    r.p50() / 1e3,
                    r.p90() / 1e3,
                    r.p99() / 1e3,
                    r.p999() / 1e3,
                    r.max() / 1e3,
                    r.opsPerSec());
        } else {
            System.out.printf(
                    Locale.ROOT,
                    "%-7s %5d B %8.1f %8.1f %8.1f %9.1f %8.1f %8.0f%n",
                    r.stage(),
                    r.bytes(),
                    r.p50() / 1e3,
                    r.p90() / 1e3,
                    r.p99() / 1e3,
                    r.p999() / 1e3,
                    r.max() / 1e3,
                    r.opsPerSec());
        }
    }
}
