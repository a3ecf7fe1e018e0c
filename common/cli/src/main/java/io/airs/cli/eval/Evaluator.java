package io.airs.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
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
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().filter(l -> !l.isBlank()).toList();
        }
        TaskResult result = new TaskResult(task, file.getFileName().toString());
        int done = 0;
        for (String line : lines) {
            JsonNode row = json.readTree(line);
            if (!row.path("text").isTextual()) {
                result.errors++;
                continue;
            }
            String text = row.get("text").asText();
            boolean positive = !"benign".equals(row.path("label").asText());
            Decision d = enforcer.evaluate(new Evaluation(
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
            if (progress != null && (++done % 50 == 0 || done == lines.size())) {
                bar(result.file, done, lines.size());
            }
        }
        if (progress != null) {
            progress.print("\r" + " ".repeat(78) + "\r");
            progress.flush();
        }
        return result;
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
