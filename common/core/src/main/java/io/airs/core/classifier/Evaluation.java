package io.airs.core.classifier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Leave-one-source-out evaluation: for each label and each source, train on the label's other
 * sources, choose the threshold on their out-of-fold scores (never on the held-out source), and
 * measure recall, false-positive rate and F1 on the held-out source. This estimates quality on
 * sources the model has never seen, which is what the shipped model faces.
 *
 * <p>A label whose rows all come from one source is held out by {@link TrainingRow#subgroup()}
 * instead (context type for BIPIA, target group for HateCheck); such figures share phrasing across
 * folds and so are optimistic. A held-out source with only positives yields no false-positive rate,
 * one with only negatives no recall; when the remaining sources have no negatives the threshold
 * falls back to 0.5, which is reported as it is.
 *
 * <pre>{@code
 * Evaluation.Report r = new Evaluation(FeaturePlan.defaults(), new Trainer(TrainConfig.defaults()), 42L)
 *         .leaveOneSourceOut(rows);
 * }</pre>
 */
public final class Evaluation {

    private final FeaturePlan plan;
    private final Trainer trainer;
    private final long seed;

    public Evaluation(FeaturePlan plan, Trainer trainer, long seed) {
        this.plan = plan;
        this.trainer = trainer;
        this.seed = seed;
    }

    /**
     * Counts on one held-out group.
     *
     * @param label the label evaluated
     * @param heldOut the source (or {@code source:subgroup}) left out of training
     * @param threshold the threshold chosen on the training sources
     */
    public record Fold(
            ClassifierLabel label,
            String heldOut,
            double threshold,
            int positives,
            int negatives,
            int truePositives,
            int falsePositives) {

        /** Recall on the held-out group; NaN when it has no positives. */
        public double recall() {
            return positives == 0 ? Double.NaN : truePositives / (double) positives;
        }

        /** False-positive rate on the held-out group; NaN when it has no negatives. */
        public double falsePositiveRate() {
            return negatives == 0 ? Double.NaN : falsePositives / (double) negatives;
        }

        /** F1 on the held-out group; NaN when it has no positives. */
        public double f1() {
            return f1(truePositives, falsePositives, positives);
        }

        static double f1(int tp, int fp, int pos) {
            if (pos == 0) {
                return Double.NaN;
            }
            return tp == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + (pos - tp));
        }
    }

    /**
     * The folds of one label pooled: every row scored by a model that did not see its group.
     *
     * @param groupedBy {@code source}, or {@code subgroup} for a single-source label
     */
    public record Summary(
            ClassifierLabel label,
            String groupedBy,
            int positives,
            int negatives,
            int truePositives,
            int falsePositives) {

        public double recall() {
            return positives == 0 ? Double.NaN : truePositives / (double) positives;
        }

        public double falsePositiveRate() {
            return negatives == 0 ? Double.NaN : falsePositives / (double) negatives;
        }

        public double f1() {
            return Fold.f1(truePositives, falsePositives, positives);
        }
    }

    /** All folds and per-label pooled figures. */
    public record Report(List<Fold> folds, Map<ClassifierLabel, Summary> summaries) {
        public Report {
            folds = List.copyOf(folds);
            summaries = Map.copyOf(summaries);
        }

        /** The folds of one label. */
        public List<Fold> folds(ClassifierLabel label) {
            return folds.stream().filter(f -> f.label() == label).toList();
        }
    }

    /** Runs leave-one-source-out for every label present in {@code rows}. */
    public Report leaveOneSourceOut(List<TrainingRow> rows) {
        TextFeatures.Scratch scratch = new TextFeatures.Scratch();
        Map<String, Integer> clusters = new java.util.HashMap<>();
        Map<ClassifierLabel, List<TrainingRow>> byLabel = new LinkedHashMap<>();
        for (ClassifierLabel l : ClassifierLabel.values()) {
            List<TrainingRow> r = rows.stream().filter(x -> x.label() == l).toList();
            if (!r.isEmpty()) {
                byLabel.put(l, r);
            }
        }
        List<Fold> folds = new ArrayList<>();
        Map<ClassifierLabel, Summary> summaries = new LinkedHashMap<>();
        for (var entry : byLabel.entrySet()) {
            ClassifierLabel label = entry.getKey();
            List<TrainingRow> labelRows = entry.getValue();
            FeatureConfig featureConfig = plan.forLabel(label);
            TextFeatures features = new TextFeatures(featureConfig);
            // A label whose positives all come from one source cannot leave that source out (nothing
            // would be left to learn from): its rows are held out by subgroup instead, and the other
            // sources (negatives only) still by source.
            List<String> positiveSources = labelRows.stream()
                    .filter(TrainingRow::positive)
                    .map(TrainingRow::source)
                    .distinct()
                    .toList();
            boolean bySource = positiveSources.size() > 1;
            List<String> groups = new ArrayList<>();
            List<Trainer.Example> examples = new ArrayList<>();
            for (TrainingRow row : labelRows) {
                groups.add(
                        bySource || !positiveSources.contains(row.source())
                                ? row.source()
                                : row.source() + ":" + row.subgroup());
                examples.add(Trainer.example(features, scratch, row, clusters));
            }
            int tpAll = 0, fpAll = 0, posAll = 0, negAll = 0;
            int g = 0;
            for (String held : new TreeSet<>(groups)) {
                g++;
                List<Trainer.Example> train = new ArrayList<>();
                List<Trainer.Example> test = new ArrayList<>();
                for (int i = 0; i < examples.size(); i++) {
                    (groups.get(i).equals(held) ? test : train).add(examples.get(i));
                }
                long foldSeed = Trainer.mix(Trainer.mix(seed, label.ordinal() + 1), g);
                int dims = featureConfig.dimensions();
                float[] inner = trainer.outOfFoldScores(train, dims, Trainer.mix(foldSeed, 0x0F));
                double threshold = Trainer.calibrate(
                                train,
                                inner,
                                trainer.config().maxFalsePositiveRate(label),
                                trainer.config().minThreshold())
                        .threshold();
                Trainer.LabelWeights lw = Trainer.quantized(trainer.trainLabel(train, dims, foldSeed));
                int tp = 0, fp = 0, pos = 0, neg = 0;
                for (Trainer.Example e : test) {
                    boolean flagged = Trainer.score(lw, e) >= threshold;
                    if (e.positive()) {
                        pos++;
                        tp += flagged ? 1 : 0;
                    } else {
                        neg++;
                        fp += flagged ? 1 : 0;
                    }
                }
                folds.add(new Fold(label, held, threshold, pos, neg, tp, fp));
                tpAll += tp;
                fpAll += fp;
                posAll += pos;
                negAll += neg;
            }
            summaries.put(label, new Summary(label, bySource ? "source" : "subgroup", posAll, negAll, tpAll, fpAll));
        }
        return new Report(folds, summaries);
    }
}
