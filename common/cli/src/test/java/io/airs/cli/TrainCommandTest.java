package io.airs.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    @Test
    void airsTrainReproducesTheShippedModelByteForByte(@TempDir Path out) throws Exception {
        String shared = System.getProperty("airs.shared.dir");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "data")), "shared/data is absent");
        assertThat(Airs.run(
                        "train", "--data", Path.of(shared, "data").toString(), "--out", out.toString(), "--seed", "42"))
                .isZero();
        byte[] shipped;
        try (InputStream in = getClass().getResourceAsStream("/io/airs/core/classifier/model.bin")) {
            shipped = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(out.resolve("model.bin"))).isEqualTo(shipped);
        assertThat(Files.readString(out.resolve("manifest.json")))
                .contains("\"seed\"")
                .contains("license");
    }

    @Test
    void airsTrainReproducesTheShippedPiiTaggerByteForByte(@TempDir Path out) throws Exception {
        String shared = System.getProperty("airs.shared.dir");
        assumeTrue(shared != null && Files.isDirectory(Path.of(shared, "data")), "shared/data is absent");
        assertThat(Airs.run(
                        "train",
                        "--model",
                        "pii-tagger",
                        "--data",
                        Path.of(shared, "data").toString(),
                        "--out",
                        out.toString(),
                        "--seed",
                        "42"))
                .isZero();
        byte[] shipped;
        try (InputStream in = getClass().getResourceAsStream("/io/airs/core/guardrail/pii/tagger.bin")) {
            shipped = in.readAllBytes();
        }
        assertThat(Files.readAllBytes(out.resolve("tagger.bin"))).isEqualTo(shipped);
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
