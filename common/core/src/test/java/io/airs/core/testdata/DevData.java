package io.airs.core.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the labelled development sets in {@code shared/data} (beside the repository) for tests that
 * measure detectors on data. The folder comes from the {@code airs.shared.dir} system property, set by
 * the build, or from {@code ../shared} relative to the repository.
 */
public final class DevData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DevData() {}

    /** A labelled span; offsets are Unicode code points into the row's text, as in the data files. */
    public record Entity(String type, Integer start, Integer end) {}

    /** One labelled row. */
    public record Row(
            String id,
            String text,
            String label,
            String source,
            String category,
            String lang,
            List<Entity> entities,
            JsonNode raw) {

        public boolean positive() {
            return !"benign".equals(label);
        }

        /** The entity's span as UTF-16 offsets into {@link #text()}. */
        public int[] utf16Span(Entity e) {
            return new int[] {text.offsetByCodePoints(0, e.start()), text.offsetByCodePoints(0, e.end())};
        }
    }

    /** The data folder, if it is there. */
    public static Optional<Path> dir() {
        String prop = System.getProperty("airs.shared.dir");
        List<Path> candidates = new ArrayList<>();
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop, "data"));
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            candidates.add(p.resolve("../shared/data").normalize());
        }
        return candidates.stream().filter(Files::isDirectory).findFirst();
    }

    /** Loads one development file by name, such as {@code pii_dev.jsonl}. */
    public static List<Row> load(String fileName) {
        Path dir = dir().orElseThrow(() -> new IllegalStateException("shared/data not found"));
        List<Row> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(dir.resolve(fileName))) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode n = JSON.readTree(line);
                List<Entity> ents = new ArrayList<>();
                for (JsonNode e : n.path("entities")) {
                    ents.add(new Entity(
                            e.path("type").asText(),
                            e.path("start").isNumber() ? e.get("start").asInt() : null,
                            e.path("end").isNumber() ? e.get("end").asInt() : null));
                }
                rows.add(new Row(
                        n.path("id").asText(),
                        n.path("text").asText(),
                        n.path("label").asText(),
                        n.path("source").asText(null),
                        n.path("category").asText(null),
                        n.path("lang").asText(null),
                        List.copyOf(ents),
                        n));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
