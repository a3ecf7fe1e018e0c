package io.airs.bench;

import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.guardrail.injection.InjectionConfig;
import io.airs.core.guardrail.injection.InjectionGuardrail;
import io.airs.core.guardrail.pii.PiiConfig;
import io.airs.core.guardrail.pii.PiiGuardrail;
import io.airs.core.guardrail.secret.SecretConfig;
import io.airs.core.guardrail.secret.SecretGuardrail;
import io.airs.core.normalize.NormalizedText;
import io.airs.core.normalize.Normalizer;
import io.airs.core.normalize.NormalizerConfig;
import io.airs.core.pipeline.StandardPayloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Each detector and the normaliser alone, on the standard 4 KB response: where the time goes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GuardrailBenchmark {

    @Param({"pii", "secret", "injection"})
    public String detector;

    private Guardrail guardrail;
    private Normalizer normalizer;
    private String text;
    private final List<Finding> out = new ArrayList<>();

    @Setup
    public void setup() {
        guardrail = switch (detector) {
            case "pii" -> new PiiGuardrail(PiiConfig.defaults());
            case "secret" -> new SecretGuardrail(SecretConfig.defaults());
            default -> new InjectionGuardrail(InjectionConfig.defaults());
        };
        normalizer = new Normalizer(NormalizerConfig.defaults());
        text = StandardPayloads.response4k();
    }

    @Benchmark
    public int scan() {
        out.clear();
        guardrail.scan(text, out);
        return out.size();
    }

    @Benchmark
    public NormalizedText normalize() {
        return normalizer.normalize(text);
    }
}
