package io.airs.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class FindingsScorerProperties {

    private final FindingsScorer scorer = new FindingsScorer();

    @Provide
    Arbitrary<Finding> findings() {
        return Combinators.combine(
                        Arbitraries.of(Category.class), Arbitraries.doubles().between(0.0, 1.0))
                .as((c, s) -> new Finding(c, "t", 0, 1, s, "d"));
    }

    @Property(tries = 500)
    void unsafeProbabilitiesStayWithinZeroAndOne(@ForAll("listOfFindings") List<Finding> found) {
        for (double p : scorer.scoreFindings(found)) {
            assertThat(p).isBetween(0.0, 1.0);
        }
    }

    @Property(tries = 500)
    void addingAFindingNeverMakesContentLookSafer(
            @ForAll("listOfFindings") List<Finding> found, @ForAll("findings") Finding extra) {
        double[] before = scorer.scoreFindings(found);
        List<Finding> more = new ArrayList<>(found);
        more.add(extra);
        double[] after = scorer.scoreFindings(more);

        for (int k = 0; k < before.length; k++) {
            assertThat(after[k]).isGreaterThanOrEqualTo(before[k] - 1e-12);
        }
    }

    @Provide
    Arbitrary<List<Finding>> listOfFindings() {
        return findings().list().ofMaxSize(12);
    }
}
