package io.airs.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the findings scorer counts against the criteria. */
class FindingsScorerTest {

    private final FindingsScorer scorer = new FindingsScorer();

    @Test
    void aNameAloneDoesNotMakeContentUnsafeButOtherPersonalDataDoes() {
        double[] name = scorer.scoreFindings(List.of(new Finding(Category.PII, "PERSON", 0, 8, 0.7, "pii")));
        assertThat(name).containsOnly(0.0);
        double[] card = scorer.scoreFindings(List.of(new Finding(Category.PII, "CREDIT_CARD", 0, 16, 0.95, "pii")));
        assertThat(card[Criterion.POLICY.ordinal()]).isGreaterThan(0.4);
        double[] both = scorer.scoreFindings(List.of(
                new Finding(Category.PII, "PERSON", 0, 8, 0.7, "pii"),
                new Finding(Category.PII, "CREDIT_CARD", 10, 26, 0.95, "pii")));
        assertThat(both).containsExactly(card);
    }
}
