package io.airs.cli;

import io.airs.core.classifier.TrainMain;
import io.airs.core.guardrail.pii.PiiTaggerTrainer;
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
            "the defaults below; copy the output into common/core/src/main/resources/io/airs/core/classifier/.",
            "--model pii-tagger trains the PII detector's tagger of names, places and organisations instead and",
            "writes tagger.bin and tagger-manifest.json (shipped in .../io/airs/core/guardrail/pii/)."
        })
final class TrainCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "DIR",
            description = "Folder of labelled sets (default: ../shared/data, searched upward)")
    Path data;

    @Option(
            names = "--model",
            defaultValue = "classifier",
            description = "What to train: classifier or pii-tagger (default ${DEFAULT-VALUE})")
    String model;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output folder (default target/classifier or target/pii-tagger)")
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
        if (!"classifier".equals(model) && !"pii-tagger".equals(model)) {
            throw new UsageException("--model must be classifier or pii-tagger, not '" + model + "'");
        }
        Path dir = out != null ? out : Path.of("target", model);
        Files.createDirectories(dir);
        LocalDate day = date == null ? LocalDate.now() : date;
        if ("pii-tagger".equals(model)) {
            try {
                PiiTaggerTrainer.run(where, dir, seed, day, System.err);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new UsageException("--data: the PII tagger needs a labelled PII set (" + e.getFile() + ")");
            }
        } else {
            TrainMain.run(where, dir, seed, day, System.err);
        }
        System.err.println("airs train: model written to " + dir);
        return 0;
    }
}
