package io.airs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    /**
     * Runs {@code airs train} with seed 42 on the shared data (plus {@code extra} arguments) and
     * asserts that {@code file} equals the shipped {@code resource} byte for byte.
     */
    private static void reproduces(Path out, String file, String resource, String... extra) throws Exception {
        String shared = System.getProperty("airs.shared.dir");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "data")), "shared/data is absent");
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(List.of(extra));
        args.addAll(List.of("--data", Path.of(shared, "data").toString(), "--out", out.toString(), "--seed", "42"));
        assertThat(Airs.run(args.toArray(String[]::new))).isZero();
        byte[] shipped;
        try (InputStream in = TrainCommandTest.class.getResourceAsStream(resource)) {
            shipped = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(out.resolve(file))).isEqualTo(shipped);
    }

    @Test
    void airsTrainReproducesTheShippedModelByteForByte(@TempDir Path out) throws Exception {
        reproduces(out, "model.bin", "/io/airs/core/classifier/model.bin");
        assertThat(Files.readString(out.resolve("manifest.json")))
                .contains("\"seed\"")
                .contains("license");
    }

    @Test
    void airsTrainReproducesTheShippedPiiTaggerByteForByte(@TempDir Path out) throws Exception {
        reproduces(out, "tagger.bin", "/io/airs/core/guardrail/pii/tagger.bin", "--model", "pii-tagger");
        assertThat(Files.readString(out.resolve("tagger-manifest.json")))
                .contains("\"seed\" : 42")
                .contains("microsoft/presidio-research")
                .contains("license");
    }

    @Test
    void anUnknownModelIsAUsageError(@TempDir Path out) {
        assertThat(Airs.run("train", "--model", "tagger", "--data", out.toString(), "--out", out.toString()))
                .isEqualTo(2);
    }
}
