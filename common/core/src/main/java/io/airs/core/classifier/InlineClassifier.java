package io.airs.core.classifier;

import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inline judge: the distilled classifier as a {@link Guardrail}. Each label whose probability
 * reaches its threshold yields one finding over the whole text, category from
 * {@link ClassifierLabel#category()}, type {@code classifier:<label>}, score the probability.
 *
 * <pre>{@code
 * InlineClassifier judge = InlineClassifier.loadDefault();          // the shipped model
 * judge.scan(normalisedText, findings);
 * InlineClassifier strict = judge.withThreshold(ClassifierLabel.INJECTION, 0.3);
 * InlineClassifier toxicity = judge.reporting(Set.of("classifier:toxicity"));   // scores one label
 * }</pre>
 *
 * <p>Only the labels that can be reported (those with a threshold) are scored, so a check that
 * reports one label pays for one label's weights.
 */
public final class InlineClassifier implements Guardrail {

    /** The detector id reported in findings. */
    public static final String ID = "inline_classifier";

    /** Where the shipped model lives on the classpath. */
    public static final String RESOURCE_DIR = "/io/airs/core/classifier/";

    private final LinearModel model;
    private final float[] thresholds;
    private final String[] types;
    /** The labels with a threshold, as indices into the model's labels. */
    private final int[] reported;

    /**
     * @param model the model
     * @param thresholds per label, a probability in (0, 1]; a label of the model without one is
     *     never reported
     */
    public InlineClassifier(LinearModel model, Map<ClassifierLabel, Double> thresholds) {
        this.model = model;
        List<ClassifierLabel> labels = model.labels();
        this.thresholds = new float[labels.size()];
        this.types = new String[labels.size()];
        for (int l = 0; l < labels.size(); l++) {
            Double t = thresholds.get(labels.get(l));
            if (t != null && !(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("threshold " + t + " outside (0, 1]");
            }
            this.thresholds[l] = t == null ? Float.POSITIVE_INFINITY : t.floatValue();
            this.types[l] = "classifier:" + labels.get(l).wireName();
        }
        int[] r = new int[labels.size()];
        int k = 0;
        for (int l = 0; l < labels.size(); l++) {
            if (Float.isFinite(this.thresholds[l])) {
                r[k++] = l;
            }
        }
        this.reported = java.util.Arrays.copyOf(r, k);
    }

    /**
     * Loads the model shipped on the classpath, with the thresholds stored in it. Only
     * {@code model.bin} is read (its CRC-32C checked); {@code manifest.json} documents it, and a build
     * test checks that the two agree.
     */
    public static InlineClassifier loadDefault() {
        try (InputStream modelIn = resource("model.bin")) {
            ModelIo.Loaded m = ModelIo.read(modelIn);
            return new InlineClassifier(m.model(), m.thresholds());
        } catch (IOException e) {
            throw new UncheckedIOException("the shipped classifier model cannot be loaded", e);
        }
    }

    /**
     * Loads {@code model.bin} from a directory as {@code TrainMain} writes it, with the thresholds
     * stored in it, after checking that the {@code manifest.json} beside it records its SHA-256.
     */
    public static InlineClassifier load(Path dir) throws IOException {
        ModelManifest manifest;
        try (InputStream in = Files.newInputStream(dir.resolve("manifest.json"))) {
            manifest = ModelManifest.read(in);
        }
        byte[] file = Files.readAllBytes(dir.resolve("model.bin"));
        String sha = ModelIo.sha256(file);
        if (!sha.equalsIgnoreCase(manifest.sha256())) {
            throw new IOException("model file SHA-256 " + sha + " differs from the manifest's " + manifest.sha256());
        }
        ModelIo.Loaded m = ModelIo.read(file);
        return new InlineClassifier(m.model(), m.thresholds());
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = InlineClassifier.class.getResourceAsStream(RESOURCE_DIR + name);
        if (in == null) {
            throw new IOException("classpath resource " + RESOURCE_DIR + name + " is missing");
        }
        return in;
    }

    /** This classifier with another threshold for one label. */
    public InlineClassifier withThreshold(ClassifierLabel label, double threshold) {
        Map<ClassifierLabel, Double> t = thresholds();
        t.put(label, threshold);
        return new InlineClassifier(model, t);
    }

    /**
     * This classifier reporting only the finding types in {@code types} ({@code classifier:<label>}),
     * so it scores only those labels; all of its labels when {@code types} is empty.
     */
    public InlineClassifier reporting(Set<String> types) {
        if (types.isEmpty()) {
            return this;
        }
        Map<ClassifierLabel, Double> t = thresholds();
        t.keySet().removeIf(label -> !types.contains("classifier:" + label.wireName()));
        return new InlineClassifier(model, t);
    }

    /** The thresholds in force, per label. */
    public Map<ClassifierLabel, Double> thresholds() {
        Map<ClassifierLabel, Double> t = new EnumMap<>(ClassifierLabel.class);
        for (int l = 0; l < thresholds.length; l++) {
            if (Float.isFinite(thresholds[l])) {
                t.put(model.labels().get(l), (double) thresholds[l]);
            }
        }
        return t;
    }

    /** The underlying model. */
    public LinearModel model() {
        return model;
    }

    /** The probability of {@code label} for {@code text}; 0 when the model lacks the label. */
    public double score(String text, ClassifierLabel label) {
        int i = model.indexOf(label);
        return i < 0 ? 0.0 : model.scores(text)[i];
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void scan(String text, List<Finding> out) {
        if (reported.length == 1) {
            report(reported[0], model.score(text, reported[0]), text, out);
        } else if (reported.length > 1) {
            float[] p = new float[reported.length];
            model.scores(text, reported, p);
            for (int i = 0; i < reported.length; i++) {
                report(reported[i], p[i], text, out);
            }
        }
    }

    private void report(int label, float p, String text, List<Finding> out) {
        if (p >= thresholds[label]) {
            double score = Math.min(1.0, Math.max(0.0, p));
            out.add(new Finding(model.labels().get(label).category(), types[label], 0, text.length(), score, ID));
        }
    }
}
