package io.airs.cli;

import io.airs.cli.eval.EvalReport;
import io.airs.cli.eval.EvalTask;
import io.airs.cli.eval.Evaluator;
import io.airs.cli.eval.TaskResult;
import io.airs.core.classifier.FeaturePlan;
import io.airs.core.classifier.InlineClassifier;
import io.airs.core.classifier.TrainConfig;
import io.airs.core.classifier.Trainer;
import io.airs.core.classifier.TrainingData;
import io.airs.core.classifier.TrainingRow;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.guardrail.pii.PiiConfig;
import io.airs.core.guardrail.pii.PiiGuardrail;
import io.airs.core.guardrail.pii.PiiTagger;
import io.airs.core.guardrail.pii.PiiTaggerTrainer;
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
            names = "--holdout-by",
            paramLabel = "FIELD",
            description = {
                "source: leave one source out. The inline classifier is retrained (seeded, as airs train does)",
                "on every labelled row of the data folder except one source's and scans that source; a file",
                "whose positives come from one source is held out by its subgroups. Estimates quality on",
                "sources never seen. The rules are not trained, so only classifier checks change."
            })
    String holdoutBy;

    @Option(
            names = "--seed",
            defaultValue = "42",
            description = "Seed of the retrained classifiers (default ${DEFAULT-VALUE})")
    long seed;

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
        Holdout holdout = holdout(p, files);
        List<TaskResult> results = new ArrayList<>();
        for (Path f : files) {
            Optional<EvalTask> task = EvalTask.forFile(f.getFileName().toString());
            if (task.isEmpty()) {
                System.err.println("airs eval: skipping " + f + " (no task for this file name)");
                continue;
            }
            if (holdout == null) {
                results.add(evaluator.run(task.get(), f));
            } else {
                List<String> groups = new ArrayList<>();
                results.add(evaluator.run(task.get(), f, holdout::enforcerWithout, groups));
                System.err.println(
                        "airs eval: " + f.getFileName() + ": " + groups.size() + " held-out groups " + groups);
            }
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

    /**
     * Builds, per held-out group, an enforcer whose trained parts never saw the group's rows: the
     * inline classifier (when the policy runs one) and the PII tagger (when the group holds PII rows).
     */
    private final class Holdout {
        private final Policy policy;
        private final List<TrainingRow> rows;
        private final List<PiiTaggerTrainer.Example> taggerRows;
        private final boolean classifier;
        private final Trainer trainer = new Trainer(TrainConfig.defaults());

        Holdout(Policy policy, List<TrainingRow> rows, List<PiiTaggerTrainer.Example> taggerRows) {
            this.policy = policy;
            this.rows = rows;
            this.taggerRows = taggerRows;
            this.classifier = usesClassifier(policy);
        }

        Enforcer enforcerWithout(java.util.Set<String> heldIds) {
            Enforcer.Builder b = Enforcer.builder(policy).evidence(new InMemoryEvidenceSink(16));
            if (classifier) {
                List<TrainingRow> train =
                        rows.stream().filter(r -> !heldIds.contains(r.id())).toList();
                Trainer.Result r = trainer.train(train, FeaturePlan.defaults(), seed);
                b.guardrail("classifier", new InlineClassifier(r.model(), r.thresholds()));
            }
            if (taggerRows.stream().anyMatch(e -> heldIds.contains(e.id()))) {
                PiiTagger tagger = PiiTaggerTrainer.train(taggerRows, e -> !heldIds.contains(e.id()), seed);
                b.guardrail("pii", new PiiGuardrail(PiiConfig.defaults(), tagger));
            }
            return b.build();
        }
    }

    private Holdout holdout(Policy p, List<Path> files) throws IOException {
        if (holdoutBy == null) {
            return null;
        }
        if (!"source".equals(holdoutBy)) {
            throw new UsageException("--holdout-by must be source");
        }
        Path dir = Files.isDirectory(data) ? data : data.toAbsolutePath().getParent();
        List<TrainingRow> rows;
        try {
            rows = TrainingData.load(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("--holdout-by source needs the classifier's training files in " + dir
                    + " (missing " + e.getFile() + ")");
        }
        List<PiiTaggerTrainer.Example> taggerRows;
        try {
            taggerRows = PiiTaggerTrainer.load(dir);
        } catch (java.nio.file.NoSuchFileException e) {
            taggerRows = List.of();
        }
        if (!usesClassifier(p)) {
            System.err.println("airs eval: the policy runs no classifier check; only the PII tagger is retrained"
                    + " (the rules are not trained)");
        }
        System.err.println("airs eval: leave-one-source-out over " + rows.size() + " training rows from " + dir);
        return new Holdout(p, rows, taggerRows);
    }

    private static boolean usesClassifier(Policy p) {
        for (io.airs.core.Stage stage : io.airs.core.Stage.values()) {
            for (Policy.CheckConfig c : p.stages().forStage(stage)) {
                if ("classifier".equals(c.detector())) {
                    return true;
                }
            }
        }
        return false;
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
