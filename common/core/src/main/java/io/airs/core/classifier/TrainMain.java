package io.airs.core.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains the shipped model: {@code TrainMain <data dir> <output dir> <seed> [<yyyy-mm-dd>]}. Reads
 * the labelled development files, runs the leave-one-source-out evaluation, trains on every row,
 * and writes {@code model.bin}, {@code manifest.json} and {@code NOTICE} to the output directory.
 * Only counts and rates are printed, never row text. The same data and seed give the same
 * {@code model.bin}, byte for byte.
 */
public final class TrainMain {

    /** The command recorded in the manifest; the data and output folders are its arguments. */
    static final String COMMAND = "java -cp common/core/target/classes io.airs.core.classifier.TrainMain";

    private TrainMain() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 3 || args.length > 4) {
            System.err.println("usage: TrainMain <data dir> <output dir> <seed> [<yyyy-mm-dd>]");
            System.exit(2);
        }
        LocalDate date = args.length == 4 ? LocalDate.parse(args[3]) : LocalDate.now(Clock.systemUTC());
        run(Path.of(args[0]), Path.of(args[1]), Long.parseLong(args[2]), date, System.out);
    }

    /** Trains, evaluates and writes the three files; returns the training result. */
    public static Trainer.Result run(Path dataDir, Path outDir, long seed, LocalDate date, PrintStream log)
            throws IOException {
        return write(TrainingData.load(dataDir), outDir, seed, date, FeaturePlan.defaults(), log);
    }

    /** Evaluates and trains on {@code rows} and writes the three files; returns the training result. */
    public static Trainer.Result write(
            List<TrainingRow> rows, Path outDir, long seed, LocalDate date, FeaturePlan plan, PrintStream log)
            throws IOException {
        Trainer trainer = new Trainer(TrainConfig.defaults());
        log.printf("rows: %d%n", rows.size());
        Evaluation.Report report = new Evaluation(plan, trainer, seed).leaveOneSourceOut(rows);
        print(report, log);
        Trainer.Result result = trainer.train(rows, plan, seed);
        result.calibration()
                .forEach((l, c) -> log.printf(
                        "threshold %-18s %.4f  out-of-fold recall %.4f FPR %.4f%n",
                        l.wireName(), c.threshold(), c.recall(), c.falsePositiveRate()));
        byte[] model = ModelIo.toBytes(result);
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("model.bin"), model);
        String sha = ModelIo.sha256(model);
        ObjectNode manifest = manifest(rows, report, result, trainer.config(), seed, date, sha, model.length);
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Files.writeString(
                outDir.resolve("manifest.json"), json.writeValueAsString(manifest) + "\n", StandardCharsets.UTF_8);
        Files.writeString(outDir.resolve("NOTICE"), notice(rows), StandardCharsets.UTF_8);
        log.printf("model.bin: %d bytes, sha256 %s%n", model.length, sha);
        return result;
    }

    static void print(Evaluation.Report report, PrintStream log) {
        log.println("leave-one-source-out (held out, threshold, pos, neg, recall, FPR, F1)");
        for (Evaluation.Fold f : report.folds()) {
            log.printf(
                    "  %-18s %-52s %.3f %4d %4d %s %s %s%n",
                    f.label().wireName(),
                    f.heldOut(),
                    f.threshold(),
                    f.positives(),
                    f.negatives(),
                    fmt(f.recall()),
                    fmt(f.falsePositiveRate()),
                    fmt(f.f1()));
        }
        report.summaries()
                .values()
                .forEach(s -> log.printf(
                        "  pooled %-18s by %-8s recall %s FPR %s F1 %s%n",
                        s.label().wireName(), s.groupedBy(), fmt(s.recall()), fmt(s.falsePositiveRate()), fmt(s.f1())));
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "  n/a" : String.format("%.3f", v);
    }

    private static ObjectNode manifest(
            List<TrainingRow> rows,
            Evaluation.Report report,
            Trainer.Result result,
            TrainConfig tc,
            long seed,
            LocalDate date,
            String sha,
            int size) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode root = m.createObjectNode();
        root.put("format", "airs-linear-int8");
        root.put("format_version", ModelIo.VERSION);
        root.put("model_file", "model.bin");
        root.put("model_bytes", size);
        root.put("sha256", sha);
        root.put("training_command", COMMAND + " <data dir> <output dir> " + seed);
        root.put("seed", seed);
        root.put("created", date.toString());
        root.put(
                "integrity",
                "model.bin ends with a CRC-32C of the bytes before it, checked on every load; sha256 is"
                        + " of the whole file");
        ObjectNode f = root.putObject("features");
        f.put("hash", "murmur3-32 over lower-cased UTF-16 units, signed buckets");
        LinearModel lm = result.model();
        for (int l = 0; l < lm.labels().size(); l++) {
            FeatureConfig fc = lm.featureConfig(l);
            ObjectNode o = f.putObject(lm.labels().get(l).wireName());
            o.put("summary", fc.describe());
            o.put("dimension_bits", fc.dimensionBits());
            o.put("weight_bytes", fc.dimensions());
            o.put("hash_seed", fc.hashSeed());
            o.put("char_ngrams", fc.minCharGram() == 0 ? "none" : fc.minCharGram() + "-" + fc.maxCharGram());
            o.put("word_bigrams", fc.wordBigrams());
            o.put("max_chars", fc.maxChars());
            o.put(
                    "weighting",
                    fc.weighting() == FeatureConfig.Weighting.SQRT_OCCURRENCES
                            ? "tf / sqrt(feature occurrences in the text), scored by streaming"
                            : "1 + ln tf, L2-normalised");
        }
        ObjectNode t = root.putObject("trainer");
        t.put("algorithm", "AdaGrad, class-weighted logistic loss, L2");
        t.put("epochs", tc.epochs());
        t.put("learning_rate", tc.learningRate());
        t.put("l2", tc.l2());
        t.put("balance_classes", tc.balanceClasses());
        t.put("threshold_folds", tc.thresholdFolds());
        ObjectNode thresholds = root.putObject("thresholds");
        ObjectNode calib = root.putObject("threshold_calibration");
        result.calibration().forEach((l, c) -> {
            thresholds.put(l.wireName(), c.threshold());
            ObjectNode o = calib.putObject(l.wireName());
            o.put("max_false_positive_rate", tc.maxFalsePositiveRate(l));
            o.put("method", tc.thresholdFolds() + "-fold stratified out-of-fold scores");
            o.put("positives", c.positives());
            o.put("negatives", c.negatives());
            putRate(o, "recall", c.recall());
            putRate(o, "false_positive_rate", c.falsePositiveRate());
        });
        ArrayNode data = root.putArray("data");
        Map<String, int[]> counts = new TreeMap<>();
        for (TrainingRow r : rows) {
            int[] c = counts.computeIfAbsent(
                    r.label().wireName() + "\t" + r.source() + "\t" + r.license(), k -> new int[2]);
            c[r.positive() ? 0 : 1]++;
        }
        counts.forEach((k, c) -> {
            String[] p = k.split("\t", -1);
            ObjectNode o = data.addObject();
            o.put("label", p[0]);
            o.put("source", p[1]);
            o.put("license", p[2]);
            o.put("positives", c[0]);
            o.put("negatives", c[1]);
        });
        ArrayNode sources = root.putArray("sources");
        licences(rows).forEach((src, lic) -> {
            ObjectNode o = sources.addObject();
            o.put("source", src);
            o.put("license", lic);
            o.put("obligation", obligation(src, lic));
        });
        root.put(
                "licence_note",
                "The weights are derived from the data listed above. Those derived from BIPIA table and code contexts"
                        + " (CC-BY-SA-4.0) carry attribution and share-alike obligations; those derived from HateCheck"
                        + " (CC-BY-4.0) carry an attribution obligation. See NOTICE.");
        ObjectNode ev = root.putObject("evaluation");
        ev.put(
                "method",
                "leave-one-source-out: per label and held-out source, train on the other sources, choose the"
                        + " threshold on their out-of-fold scores, measure on the held-out source; single-source labels"
                        + " hold out a subgroup (BIPIA context type, HateCheck target group) and are optimistic");
        ArrayNode folds = ev.putArray("folds");
        for (Evaluation.Fold fo : report.folds()) {
            ObjectNode o = folds.addObject();
            o.put("label", fo.label().wireName());
            o.put("held_out", fo.heldOut());
            o.put("threshold", fo.threshold());
            o.put("positives", fo.positives());
            o.put("negatives", fo.negatives());
            putRate(o, "recall", fo.recall());
            putRate(o, "false_positive_rate", fo.falsePositiveRate());
            putRate(o, "f1", fo.f1());
        }
        ObjectNode pooled = ev.putObject("pooled");
        report.summaries().values().stream()
                .sorted((a, b) -> a.label().compareTo(b.label()))
                .forEach(s -> {
                    ObjectNode o = pooled.putObject(s.label().wireName());
                    o.put("grouped_by", s.groupedBy());
                    o.put("positives", s.positives());
                    o.put("negatives", s.negatives());
                    putRate(o, "recall", s.recall());
                    putRate(o, "false_positive_rate", s.falsePositiveRate());
                    putRate(o, "f1", s.f1());
                });
        return root;
    }

    private static void putRate(ObjectNode o, String name, double v) {
        if (Double.isNaN(v)) {
            o.putNull(name);
        } else {
            o.put(name, Math.round(v * 10000) / 10000.0);
        }
    }

    private static Map<String, String> licences(List<TrainingRow> rows) {
        Map<String, java.util.TreeSet<String>> by = new TreeMap<>();
        for (TrainingRow r : rows) {
            by.computeIfAbsent(r.source(), k -> new java.util.TreeSet<>()).add(r.license());
        }
        Map<String, String> out = new TreeMap<>();
        by.forEach((k, v) -> out.put(k, String.join(" | ", v)));
        return out;
    }

    private static String obligation(String source, String licence) {
        if (licence.contains("CC-BY-SA")) {
            return "attribution and share-alike: the weights derived from the CC-BY-SA-4.0 contexts are shared under"
                    + " CC-BY-SA-4.0";
        }
        if (licence.contains("CC-BY-4.0")) {
            return "attribution required"
                    + (source.contains("hatecheck")
                            ? ": Röttger et al. 2021, \"HateCheck: Functional Tests for Hate Speech Detection Models\""
                            : "");
        }
        if (licence.contains("CC0")) {
            return "none (public-domain dedication); attribution kept as a courtesy";
        }
        return "keep the copyright and licence notice (attribution)";
    }

    private static String notice(List<TrainingRow> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("AIRS Enforcer inline classifier model (model.bin)\n\n");
        sb.append("The weights in model.bin were trained from the following openly licensed data sets.\n");
        sb.append("They are a derived work of that data and carry its obligations:\n\n");
        licences(rows)
                .forEach((src, lic) -> sb.append("- ")
                        .append(src)
                        .append(" (https://github.com/")
                        .append(src)
                        .append("), ")
                        .append(lic)
                        .append(": ")
                        .append(obligation(src, lic))
                        .append('\n'));
        sb.append("\nShare-alike: BIPIA's table contexts (from WikiTableQuestions) and code contexts (from Stack\n");
        sb.append("Overflow) are licensed CC-BY-SA-4.0 (https://creativecommons.org/licenses/by-sa/4.0/). The\n");
        sb.append("weights derived from them are distributed under CC-BY-SA-4.0; redistributors must keep this\n");
        sb.append("attribution and license any adaptation of the weights under the same terms.\n");
        sb.append("\nAttribution: HateCheck (https://github.com/paul-rottger/hatecheck-data) is licensed CC-BY-4.0\n");
        sb.append("(https://creativecommons.org/licenses/by/4.0/). Cite: Paul Röttger, Bertie Vidgen, Dong Nguyen,\n");
        sb.append("Zeerak Waseem, Helen Margetts and Janet Pierrehumbert. 2021. \"HateCheck: Functional Tests for\n");
        sb.append("Hate Speech Detection Models\". ACL 2021.\n");
        sb.append("\nNo training text is stored in model.bin: it holds hashed-feature weights only. See\n");
        sb.append("manifest.json for row counts per source, the training command, seed and evaluation.\n");
        return sb.toString();
    }
}
