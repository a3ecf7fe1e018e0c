package io.airs.cli.eval;

import io.airs.core.Category;
import io.airs.core.Stage;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A detection task: which findings count for it, the stage its rows are checked at, and whether its
 * rows carry spans. The names, categories and file-name guesses are those of {@code score.py}.
 *
 * @param name the task's name
 * @param categories the finding categories that flag a row for this task
 * @param stage the stage the rows are scanned at
 * @param spans whether span precision, recall and F1 are reported
 */
public record EvalTask(String name, Set<Category> categories, Stage stage, boolean spans) {

    public static final List<EvalTask> ALL = List.of(
            new EvalTask("injection", EnumSet.of(Category.PROMPT_INJECTION, Category.JAILBREAK), Stage.INPUT, false),
            new EvalTask(
                    "indirect",
                    EnumSet.of(Category.PROMPT_INJECTION, Category.JAILBREAK, Category.INDIRECT_INJECTION),
                    Stage.CONTEXT,
                    false),
            new EvalTask("pii", EnumSet.of(Category.PII), Stage.INPUT, true),
            new EvalTask("secrets", EnumSet.of(Category.SECRET), Stage.INPUT, true),
            new EvalTask("harmful", EnumSet.of(Category.HARMFUL, Category.JAILBREAK), Stage.INPUT, false),
            new EvalTask("toxicity", EnumSet.of(Category.TOXICITY, Category.HARMFUL), Stage.INPUT, false));

    /** The task a data file is for, guessed from its name as {@code score.py} does. */
    public static Optional<EvalTask> forFile(String fileName) {
        String[][] prefixes = {
            {"indirect", "indirect"}, {"injection", "injection"}, {"pii", "pii"},
            {"secret", "secrets"}, {"harmful", "harmful"}, {"toxic", "toxicity"}
        };
        for (String[] p : prefixes) {
            if (fileName.startsWith(p[0])) {
                return byName(p[1]);
            }
        }
        return Optional.empty();
    }

    public static Optional<EvalTask> byName(String name) {
        return ALL.stream().filter(t -> t.name.equals(name)).findFirst();
    }
}
