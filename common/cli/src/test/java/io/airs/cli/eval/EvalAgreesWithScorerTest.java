package io.airs.cli.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.cli.Airs;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.PolicyLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code airs eval} and {@code score.py} over {@code airs scan} output report the same figures. */
class EvalAgreesWithScorerTest {

    @TempDir
    Path dir;

    private static Path shared() {
        String prop = System.getProperty("airs.shared.dir");
        return prop == null ? null : Path.of(prop);
    }

    @ParameterizedTest
    @ValueSource(strings = {"injection_dev.jsonl", "secrets_dev.jsonl"})
    void evalAndTheScorerAgree(String file) throws Exception {
        Path shared = shared();
        assumeTrue(
                shared != null && Files.isRegularFile(shared.resolve("data").resolve(file)), "shared/data is absent");
        assumeTrue(
                Files.isExecutable(Path.of("/usr/bin/python3"))
                        || Files.isExecutable(Path.of("/usr/local/bin/python3")),
                "python3 is absent");
        Path data = shared.resolve("data").resolve(file);
        EvalTask task = EvalTask.forFile(file).orElseThrow();

        Path out = dir.resolve("scan.jsonl");
        assertThat(Airs.run(
                        "scan", "--stage", task.stage().wireName(), "--in", data.toString(), "--out", out.toString()))
                .isZero();
        Process p = new ProcessBuilder(
                        "python3",
                        shared.resolve("tools/score.py").toString(),
                        data.toString(),
                        out.toString(),
                        "--json")
                .redirectErrorStream(true)
                .start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(text).isZero();
        JsonNode scored =
                new ObjectMapper().readTree(text.lines().reduce((a, b) -> b).orElseThrow());

        Enforcer enforcer = Enforcer.builder(PolicyLoader.defaultPolicy())
                .evidence(new InMemoryEvidenceSink(16))
                .build();
        TaskResult r = new Evaluator(enforcer, null).run(task, data);
        assertThat(r.counts().rows()).isEqualTo(scored.path("rows").asLong());
        assertThat(r.counts().tp).isEqualTo(scored.path("tp").asLong());
        assertThat(r.counts().fp).isEqualTo(scored.path("fp").asLong());
        assertThat(r.counts().recall())
                .isCloseTo(scored.path("recall").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(r.counts().fpr())
                .isCloseTo(scored.path("fpr").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        if (task.spans()) {
            assertThat(r.spanF1())
                    .isCloseTo(scored.path("span_f1").asDouble(), org.assertj.core.data.Offset.offset(1e-4));
        }
    }
}
