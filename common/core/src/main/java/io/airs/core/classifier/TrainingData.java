package io.airs.core.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads labelled JSON Lines ({@code text}, {@code label}, {@code source}, {@code license}) into
 * {@link TrainingRow}s, mapping each development file to the classifier label it teaches.
 */
public final class TrainingData {

    /**
     * One data file and how its rows map onto a label.
     *
     * @param fileName the file name in the data folder
     * @param label the label its rows are examples for
     * @param positiveLabels the row labels that are positives; {@code benign} rows are negatives and
     *     any other label is skipped
     */
    public record DataFile(String fileName, ClassifierLabel label, Set<String> positiveLabels) {
        public DataFile {
            positiveLabels = Set.copyOf(positiveLabels);
        }
    }

    /** The development files the shipped model is trained from. */
    public static final List<DataFile> DEFAULT_FILES = List.of(
            new DataFile("injection_dev.jsonl", ClassifierLabel.INJECTION, Set.of("injection", "jailbreak")),
            new DataFile("indirect_injection_dev.jsonl", ClassifierLabel.INDIRECT_INJECTION, Set.of("injection")),
            new DataFile("harmful_dev.jsonl", ClassifierLabel.HARMFUL, Set.of("harmful")),
            new DataFile("toxicity_dev.jsonl", ClassifierLabel.TOXICITY, Set.of("toxic")));

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingData() {}

    /** Loads every {@link #DEFAULT_FILES} file present in {@code dir}. */
    public static List<TrainingRow> load(Path dir) throws IOException {
        return load(dir, DEFAULT_FILES);
    }

    /**
     * Loads the given files from {@code dir}; a missing file is an error. A {@code benign} row is
     * benign for every label, not only its own file's: it is also a negative of each other label the
     * files train (a clean email is no harmful request, a benign prompt no toxic one). Without this a
     * label whose negatives come from one source learns that source's style instead of the label.
     * Indirect injection is the exception: its examples are documents, where an instruction is the
     * attack, so benign prompts (which are instructions) are no negatives for it.
     */
    public static List<TrainingRow> load(Path dir, List<DataFile> files) throws IOException {
        List<TrainingRow> own = loadOwn(dir, files);
        java.util.Set<ClassifierLabel> labels = java.util.EnumSet.noneOf(ClassifierLabel.class);
        files.forEach(f -> labels.add(f.label()));
        List<TrainingRow> rows = new ArrayList<>(own);
        for (TrainingRow r : own) {
            if (r.positive()) {
                continue;
            }
            for (ClassifierLabel other : labels) {
                if (other != r.label() && other != ClassifierLabel.INDIRECT_INJECTION) {
                    rows.add(new TrainingRow(
                            r.id(), r.text(), other, false, r.source(), r.license(), r.subgroup(), r.cluster()));
                }
            }
        }
        return rows;
    }

    private static List<TrainingRow> loadOwn(Path dir, List<DataFile> files) throws IOException {
        List<TrainingRow> rows = new ArrayList<>();
        for (DataFile f : files) {
            try (BufferedReader in = Files.newBufferedReader(dir.resolve(f.fileName()), StandardCharsets.UTF_8)) {
                String line;
                int lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    TrainingRow row = parse(JSON.readTree(line), f);
                    if (row == null) {
                        continue;
                    }
                    rows.add(row);
                }
                if (lineNo == 0) {
                    throw new IOException(f.fileName() + " is empty");
                }
            }
        }
        return rows;
    }

    /** Maps one JSON row of {@code file}; null when its label is neither benign nor a positive. */
    static TrainingRow parse(JsonNode n, DataFile file) throws IOException {
        String text = n.path("text").asText(null);
        String label = n.path("label").asText(null);
        String source = n.path("source").asText(null);
        if (text == null || label == null || source == null) {
            throw new IOException(file.fileName() + ": a row lacks text, label or source");
        }
        boolean positive;
        if ("benign".equals(label)) {
            positive = false;
        } else if (file.positiveLabels().contains(label)) {
            positive = true;
        } else {
            return null;
        }
        String subgroup = subgroup(n);
        return new TrainingRow(
                n.path("id").asText(""),
                text,
                file.label(),
                positive,
                source,
                n.path("license").asText(""),
                subgroup,
                n.path("meta").path("user_task").asText(""));
    }

    /**
     * The subgroup a labelled row is held out with when its source is the only one with positives:
     * the document kind, the targeted group, or the category; empty when the row names none.
     */
    public static String subgroup(JsonNode row) {
        JsonNode meta = row.path("meta");
        return firstText(meta.path("context_type"), meta.path("target_ident"), row.path("category"));
    }

    private static String firstText(JsonNode... nodes) {
        for (JsonNode node : nodes) {
            if (node.isTextual() && !node.asText().isBlank()) {
                return node.asText();
            }
        }
        return "";
    }
}
