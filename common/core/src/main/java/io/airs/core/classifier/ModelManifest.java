package io.airs.core.classifier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@code manifest.json} beside a model file: how it was trained (command, seed, date, feature and
 * trainer settings), from which rows (per-source counts, sources and licences, with the attribution
 * and share-alike obligations the weights inherit), how well it does (leave-one-source-out and
 * out-of-fold figures), the features of each label, the per-label thresholds (the model file carries
 * the same ones), and the SHA-256 of the model file.
 *
 * <p>Loading the shipped model does not read the manifest (the model file holds all it needs); a
 * build test checks that the two agree. Reading it takes only the fields needed with a streaming
 * parser; {@link #json()} gives the whole document on demand.
 *
 * @param sha256 hex SHA-256 of the whole model file
 * @param thresholds the decision threshold per label, a probability in (0, 1]
 * @param seed the training seed
 * @param created the training date (ISO-8601)
 * @param text the manifest as written
 */
public record ModelManifest(
        String sha256, Map<ClassifierLabel, Double> thresholds, long seed, String created, String text) {

    public ModelManifest {
        thresholds = Map.copyOf(thresholds);
    }

    /** The whole manifest as a JSON tree. */
    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a manifest; a missing or malformed digest, or a threshold of an unknown label, is an error. */
    public static ModelManifest read(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String sha = null;
        long seed = 0;
        String created = "";
        Map<ClassifierLabel, Double> t = new EnumMap<>(ClassifierLabel.class);
        try (JsonParser p = new JsonFactory().createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("manifest is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "sha256" -> sha = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "seed" -> seed = p.getValueAsLong();
                    case "created" -> created = p.getValueAsString("");
                    case "thresholds" -> readThresholds(p, value, t);
                    default -> p.skipChildren();
                }
            }
        }
        if (sha == null || !sha.matches("[0-9a-fA-F]{64}")) {
            throw new IOException("manifest has no valid sha256");
        }
        return new ModelManifest(sha, t, seed, created, text);
    }

    private static void readThresholds(JsonParser p, JsonToken start, Map<ClassifierLabel, Double> out)
            throws IOException {
        if (start != JsonToken.START_OBJECT) {
            throw new IOException("manifest thresholds is not an object");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String label = p.currentName();
            p.nextToken();
            double v = p.currentToken().isNumeric() ? p.getDoubleValue() : Double.NaN;
            if (!(v > 0 && v <= 1)) {
                throw new IOException("threshold of " + label + " outside (0, 1]");
            }
            try {
                out.put(ClassifierLabel.fromWire(label), v);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
    }
}
