package io.airs.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.classifier.TrainingData;
import io.airs.core.pipeline.Enforcer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs every row of a labelled file through the enforcement pipeline, as {@code airs scan} does, and
 * counts the results the way {@code score.py} counts them: a row is flagged when it has a finding of
 * one of the task's categories; a predicted span matches a gold span when they overlap.
 */
public final class Evaluator {

    private static final List<String> GROUP_FIELDS = List.of("source", "category", "lang");

    private final Enforcer enforcer;
    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream progress;

    /** @param progress where the progress bar goes (standard error), or null for none */
    public Evaluator(Enforcer enforcer, PrintStream progress) {
        this.enforcer = enforcer;
        this.progress = progress;
    }

    /** Scores one data file for {@code task}. */
    public TaskResult run(EvalTask task, Path file) throws IOException {
        return run(task, file, null, null);
    }

    /**
     * Scores one data file for {@code task} with leave-one-group-out: the file's rows fall into
     * held-out groups (by {@link #holdoutGroup}), and each group is scanned by the enforcer {@code
     * enforcerFor} builds without that group's row ids, so every row is checked by a classifier that
     * never saw it nor its source.
     *
     * @param enforcerFor the enforcer for one held-out group, given the ids of its rows; null to use
     *     this evaluator's one enforcer for every row
     * @param groupsOut receives the held-out group names (may be null)
     */
    public TaskResult run(
            EvalTask task,
            Path file,
            java.util.function.Function<Set<String>, Enforcer> enforcerFor,
            List<String> groupsOut)
            throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line : r.lines().filter(l -> !l.isBlank()).toList()) {
                rows.add(json.readTree(line));
            }
        }
        TaskResult result = new TaskResult(task, file.getFileName().toString());
        java.util.Map<String, List<JsonNode>> groups = new TreeMap<>();
        if (enforcerFor == null) {
            groups.put("", rows);
        } else {
            boolean single = positiveSources(rows).size() <= 1;
            for (JsonNode row : rows) {
                groups.computeIfAbsent(holdoutGroup(row, single), k -> new ArrayList<>())
                        .add(row);
            }
        }
        int done = 0;
        for (var g : groups.entrySet()) {
            Enforcer e = enforcer;
            if (enforcerFor != null) {
                Set<String> ids = new HashSet<>();
                g.getValue().forEach(row -> ids.add(row.path("id").asText("")));
                e = enforcerFor.apply(ids);
                if (groupsOut != null) {
                    groupsOut.add(g.getKey());
                }
            }
            for (JsonNode row : g.getValue()) {
                score(task, e, row, result);
                if (progress != null && (++done % 50 == 0 || done == rows.size())) {
                    bar(result.file, done, rows.size());
                }
            }
        }
        if (progress != null) {
            progress.print("\r" + " ".repeat(78) + "\r");
            progress.flush();
        }
        return result;
    }

    private static Set<String> positiveSources(List<JsonNode> rows) {
        Set<String> s = new TreeSet<>();
        for (JsonNode row : rows) {
            if (!"benign".equals(row.path("label").asText())) {
                s.add(row.path("source").asText(""));
            }
        }
        return s;
    }

    /**
     * The group a row is held out with: its source; or, in a file whose positives all come from one
     * source (leaving it out would leave nothing to learn from), that source's subgroup (the
     * document kind, the targeted group, or the category), as the classifier's own evaluation does.
     * Rows generated from templates are held out by fifths of their templates, as the PII tagger's
     * groups are, so that no template is seen both in training and in test.
     */
    static String holdoutGroup(JsonNode row, boolean singlePositiveSource) {
        if (row.path("meta").has("template_id")) {
            return io.airs.core.guardrail.pii.PiiTaggerTrainer.group(row);
        }
        String source = row.path("source").asText("");
        String subgroup = singlePositiveSource ? TrainingData.subgroup(row) : "";
        return subgroup.isEmpty() ? source : source + ":" + subgroup;
    }

    private void score(EvalTask task, Enforcer e, JsonNode row, TaskResult result) {
        if (!row.path("text").isTextual()) {
            result.errors++;
            return;
        }
        String text = row.get("text").asText();
        boolean positive = !"benign".equals(row.path("label").asText());
        Decision d = e.evaluate(new Evaluation(
                task.stage(),
                text,
                RequestContext.empty().withRequestId(row.path("id").asText(null))));
        List<Finding> found = new ArrayList<>();
        double best = 0;
        for (Finding f : d.findings()) {
            if (task.categories().contains(f.category())) {
                found.add(f);
                best = Math.max(best, f.score());
            }
        }
        boolean flagged = !found.isEmpty();
        result.counts.add(positive, flagged);
        result.scored.add(new double[] {positive ? 1 : 0, flagged ? Math.max(best, 1e-9) : 0});
        for (String field : GROUP_FIELDS) {
            JsonNode v = row.has(field) ? row.get(field) : row.path("meta").get(field);
            if (v != null && !v.isNull()) {
                result.groups
                        .computeIfAbsent(field, k -> new TreeMap<>())
                        .computeIfAbsent(v.asText(), k -> new TaskResult.Counts())
                        .add(positive, flagged);
            }
        }
        if (task.spans()) {
            countSpans(result, row, text, found);
        }
    }

    private static void countSpans(TaskResult result, JsonNode row, String text, List<Finding> found) {
        Set<Integer> matched = new HashSet<>();
        for (JsonNode e : row.path("entities")) {
            if (!e.path("start").isNumber() || !e.path("end").isNumber()) {
                continue;
            }
            // Gold offsets are code points; findings are UTF-16 indices.
            int gs = text.offsetByCodePoints(0, e.get("start").asInt());
            int ge = text.offsetByCodePoints(0, e.get("end").asInt());
            boolean hit = false;
            for (int i = 0; i < found.size(); i++) {
                Finding f = found.get(i);
                if (f.start() < ge && gs < f.end()) {
                    hit = true;
                    matched.add(i);
                }
            }
            String type = e.path("type").asText("?");
            long[] byType = result.spansByType.computeIfAbsent(type, k -> new long[2]);
            byType[0]++;
            result.goldSpans++;
            if (hit) {
                byType[1]++;
                result.goldSpansHit++;
            }
        }
        result.predictedSpans += found.size();
        result.predictedSpansHit += matched.size();
    }

    private void bar(String name, int done, int total) {
        int width = 30;
        int filled = (int) ((long) done * width / Math.max(1, total));
        progress.printf(
                "\r  %-28s [%s%s] %3d%% %d/%d",
                name.length() > 28 ? name.substring(0, 28) : name,
                "#".repeat(filled),
                "-".repeat(width - filled),
                done * 100 / Math.max(1, total),
                done,
                total);
        progress.flush();
    }
}
