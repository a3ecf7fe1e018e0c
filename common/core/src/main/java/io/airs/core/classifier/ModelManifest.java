package io.airs.core.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code manifest.json} beside a model file: how it was trained (command, seed, date, feature and
 * trainer settings), from which rows (per-source counts, sources and licences, with the attribution
 * and share-alike obligations the weights inherit), how well it does (leave-one-source-out and
 * out-of-fold figures), the per-label thresholds, and the SHA-256 of the model file's payload.
 *
 * @param sha256 hex SHA-256 that {@link ModelIo} verifies the model file against
 * @param thresholds the decision threshold per label, a probability in (0, 1]
 * @param seed the training seed
 * @param created the training date (ISO-8601)
 * @param json the whole manifest, for the informative parts
 */
public record ModelManifest(
        String sha256, Map<ClassifierLabel, Double> thresholds, long seed, String created, JsonNode json) {

    public ModelManifest {
        thresholds = Map.copyOf(thresholds);
    }

    /** Parses a manifest; unknown labels in {@code thresholds} are an error. */
    public static ModelManifest read(InputStream in) throws IOException {
        JsonNode n = new ObjectMapper().readTree(in);
        if (n == null || !n.isObject()) {
            throw new IOException("manifest is not a JSON object");
        }
        String sha = n.path("sha256").asText("");
        if (!sha.matches("[0-9a-fA-F]{64}")) {
            throw new IOException("manifest has no valid sha256");
        }
        Map<ClassifierLabel, Double> t = new EnumMap<>(ClassifierLabel.class);
        var fields = n.path("thresholds").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            double v = e.getValue().asDouble(Double.NaN);
            if (!(v > 0 && v <= 1)) {
                throw new IOException("threshold of " + e.getKey() + " outside (0, 1]");
            }
            try {
                t.put(ClassifierLabel.fromWire(e.getKey()), v);
            } catch (IllegalArgumentException ex) {
                throw new IOException(ex.getMessage(), ex);
            }
        }
        return new ModelManifest(
                sha, t, n.path("seed").asLong(), n.path("created").asText(""), n);
    }
}
