package io.airs.cli;

import io.airs.core.classifier.TrainMain;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code airs train}: trains the in-process classifier from labelled sets, reproducibly (seeded), and
 * writes {@code model.bin}, {@code manifest.json} (sources, licences, figures) and {@code NOTICE}.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Trains the in-process classifier from labelled JSON Lines sets (seeded: the same data and seed give",
            "the same bytes) and writes model.bin, manifest.json and NOTICE. The shipped model was made with",
            "the defaults below; copy the output into common/core/src/main/resources/io/airs/core/classifier/."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Folder of labelled sets (default: ../shared/data, searched upward)")
    Path data;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            defaultValue = "target/classifier",
            description = "Output folder (default ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "Date written in the manifest (default today)")
    LocalDate date;

    @Override
    public Integer call() throws IOException {
        Path where = data != null ? data : DataFolder.find().orElse(null);
        if (where == null || !Files.isDirectory(where)) {
            throw new UsageException("--data: no folder of labelled sets found; pass --data DIR");
        }
        Files.createDirectories(out);
        TrainMain.run(where, out, seed, date == null ? LocalDate.now() : date, System.err);
        System.err.println("airs train: model written to " + out);
        return 0;
    }
}
