package io.airs.bench;

import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Stage;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.pipeline.StandardPayloads;
import io.airs.core.policy.PolicyLoader;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The enforcement path with the default policy: the input stage on the standard 2 KB prompt and the
 * output stage on the standard 4 KB response, evidence recorded in memory. Sample-time mode reports
 * p50, p90, p99 and p99.9; throughput mode reports operations per second on one thread.
 *
 * <pre>
 * java -jar common/bench/target/benchmarks.jar            # both modes
 * java -jar common/bench/target/benchmarks.jar -bm sample # percentiles only
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
public class EnforcementBenchmark {

    private Enforcer enforcer;
    private Evaluation input;
    private Evaluation output;

    @Setup
    public void setup() {
        enforcer = Enforcer.builder(PolicyLoader.defaultPolicy())
                .evidence(new InMemoryEvidenceSink(4096))
                .build();
        input = Evaluation.of(Stage.INPUT, StandardPayloads.prompt2k());
        output = Evaluation.of(Stage.OUTPUT, StandardPayloads.response4k());
    }

    @Benchmark
    public Decision inputStage2kPrompt() {
        return enforcer.evaluate(input);
    }

    @Benchmark
    public Decision outputStage4kResponse() {
        return enforcer.evaluate(output);
    }
}
