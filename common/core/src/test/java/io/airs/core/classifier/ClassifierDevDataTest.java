package io.airs.core.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.airs.core.testdata.DevData;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Leave-one-source-out figures of the classifier on the development files: for every label and
 * held-out source, a model trained on the other sources with a threshold chosen on them alone.
 * Prints counts and rates only. Floors sit a little under the measured figures, so a regression
 * fails the build; they are low where the data has few sources, which is the honest estimate.
 */
class ClassifierDevDataTest {

    @Test
    void reportsLeaveOneSourceOutFiguresAboveFloors() throws IOException {
        assumeTrue(DevData.dir().isPresent(), "shared/data is not beside the repository");
        List<TrainingRow> rows = TrainingData.load(DevData.dir().orElseThrow());
        Evaluation.Report report = new Evaluation(FeaturePlan.defaults(), new Trainer(TrainConfig.defaults()), 42L)
                .leaveOneSourceOut(rows);
        TrainMain.print(report, System.out);

        var injection = report.summaries().get(ClassifierLabel.INJECTION);
        assertThat(injection.recall()).isGreaterThanOrEqualTo(0.38);
        assertThat(injection.falsePositiveRate()).isLessThanOrEqualTo(0.18);
        assertThat(injection.f1()).isGreaterThanOrEqualTo(0.36);
        assertThat(fold(report, ClassifierLabel.INJECTION, "deepset/prompt-injections")
                        .falsePositiveRate())
                .isLessThanOrEqualTo(0.07);

        // Character n-grams carry over to held-out document kinds (words alone reached F1 0.46).
        var indirect = report.summaries().get(ClassifierLabel.INDIRECT_INJECTION);
        assertThat(indirect.recall()).isGreaterThanOrEqualTo(0.83);
        assertThat(indirect.falsePositiveRate()).isLessThanOrEqualTo(0.16);
        assertThat(indirect.f1()).isGreaterThanOrEqualTo(0.87);
        assertThat(fold(report, ClassifierLabel.INDIRECT_INJECTION, "microsoft/BIPIA:email")
                        .falsePositiveRate())
                .isLessThanOrEqualTo(0.05);

        // Benign rows of every set are negatives of every label, so a held-out benign source is
        // measured too (with one negative source only, every unseen benign prompt scored harmful).
        var harmful = report.summaries().get(ClassifierLabel.HARMFUL);
        assertThat(harmful.recall()).isGreaterThanOrEqualTo(0.45);
        assertThat(harmful.falsePositiveRate()).isLessThanOrEqualTo(0.38);
        assertThat(harmful.f1()).isGreaterThanOrEqualTo(0.37);
        assertThat(report.folds(ClassifierLabel.HARMFUL)).hasSizeGreaterThanOrEqualTo(6);

        var toxicity = report.summaries().get(ClassifierLabel.TOXICITY);
        // at the manifest's threshold (0.5); the example policy's check raises it to 0.62
        assertThat(toxicity.recall()).isGreaterThanOrEqualTo(0.90);
        assertThat(toxicity.falsePositiveRate()).isLessThanOrEqualTo(0.07);
        assertThat(toxicity.f1()).isGreaterThanOrEqualTo(0.90);
    }

    private static Evaluation.Fold fold(Evaluation.Report report, ClassifierLabel label, String heldOut) {
        return report.folds(label).stream()
                .filter(f -> f.heldOut().equals(heldOut))
                .findFirst()
                .orElseThrow();
    }
}
