package io.airs.cli;

import io.airs.cli.eval.EvalReport;
import io.airs.cli.eval.EvalTask;
import io.airs.cli.eval.Evaluator;
import io.airs.cli.eval.TaskResult;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code airs eval}: detection quality on labelled JSON Lines sets, per task, with breakdowns. */
@Command(
        name = "eval",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the scan over labelled JSON Lines sets ({\"id\", \"text\", \"label\", \"entities\"?, \"source\"?})",
            "and prints per task: recall, false-positive rate, precision, F1, balanced accuracy, and span",
            "precision/recall/F1 where spans exist, with a breakdown by source (or --by category|lang).",
            "The task comes from the file name, as shared/tools/score.py guesses it."
        })
final class EvalCommand implements Callable<Integer> {

    @Option(
            names = "--data",
            paramLabel = "PATH",
            description = "A labelled .jsonl file or a folder of them (default: ../shared/data, searched upward)")
    Path data;

    @Mixin
    PolicyOption policy = new PolicyOption();

    @Option(
            names = "--by",
            defaultValue = "source",
            description = "Breakdown field: source, category or lang (default ${DEFAULT-VALUE})")
    String by;

    @Option(
            names = "--report",
            paramLabel = "FILE",
            description = "Also write the tables and precision-recall curves as HTML")
    Path report;

    @Override
    public Integer call() throws IOException {
        if (!List.of("source", "category", "lang").contains(by)) {
            throw new UsageException("--by must be source, category or lang");
        }
        List<Path> files = files();
        Policy p = policy.load();
        Enforcer enforcer =
                Enforcer.builder(p).evidence(new InMemoryEvidenceSink(16)).build();
        Evaluator evaluator = new Evaluator(enforcer, System.err);
        List<TaskResult> results = new ArrayList<>();
        for (Path f : files) {
            Optional<EvalTask> task = EvalTask.forFile(f.getFileName().toString());
            if (task.isEmpty()) {
                System.err.println("airs eval: skipping " + f + " (no task for this file name)");
                continue;
            }
            results.add(evaluator.run(task.get(), f));
        }
        if (results.isEmpty()) {
            throw new UsageException("no labelled files found in " + data);
        }
        System.out.print(EvalReport.table(results, by));
        if (report != null) {
            Files.writeString(
                    report,
                    EvalReport.html(results, p.name() + " (revision " + p.revision() + ")"),
                    StandardCharsets.UTF_8);
            System.err.println("airs eval: report written to " + report);
        }
        return 0;
    }

    private List<Path> files() throws IOException {
        Path where = data;
        if (where == null) {
            where = DataFolder.find()
                    .orElseThrow(
                            () -> new UsageException("no ../shared/data found above the current folder; pass --data"));
            data = where;
        }
        if (Files.isRegularFile(where)) {
            return List.of(where);
        }
        if (!Files.isDirectory(where)) {
            throw new UsageException("--data: " + where + " is neither a file nor a folder");
        }
        try (Stream<Path> s = Files.list(where)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".jsonl"))
                    .sorted()
                    .toList();
        }
    }
}
