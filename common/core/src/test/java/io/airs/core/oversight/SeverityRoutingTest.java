package io.airs.core.oversight;

import static io.airs.core.oversight.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Category;
import io.airs.core.RiskTier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SeverityRoutingTest {

    private final SeverityRouting routing = SeverityRouting.defaults();

    @Test
    void theMostUrgentFindingDecides() {
        assertThat(routing.route(List.of(finding(Category.PII), finding(Category.SECRET)), "pii", RiskTier.LOW))
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void aListedReasonOverridesTheFindings() {
        assertThat(routing.route(List.of(finding(Category.JUDGE)), "judge_sampling", RiskTier.MEDIUM))
                .isEqualTo(Severity.SAMPLING);
    }

    @Test
    void noFindingAndUnknownReasonFallsBackToStandard() {
        assertThat(routing.route(List.of(), "whatever", RiskTier.LOW)).isEqualTo(Severity.STANDARD);
        assertThat(routing.route(List.of(), null, null)).isEqualTo(Severity.STANDARD);
    }

    @Test
    void criticalTierBumpsOneLevelAndCriticalStays() {
        assertThat(routing.route(List.of(finding(Category.PII)), null, RiskTier.CRITICAL))
                .isEqualTo(Severity.HIGH);
        assertThat(routing.route(List.of(), "judge_sampling", RiskTier.CRITICAL))
                .isEqualTo(Severity.STANDARD);
        assertThat(routing.route(List.of(finding(Category.SECRET)), null, RiskTier.CRITICAL))
                .isEqualTo(Severity.CRITICAL);
        assertThat(routing.route(List.of(finding(Category.SECRET)), null, RiskTier.HIGH))
                .isEqualTo(Severity.HIGH);
    }

    @Test
    void theMappingIsConfigurable() {
        SeverityRouting custom = new SeverityRouting(
                Map.of(Category.PII, Severity.CRITICAL), Map.of(), Severity.SAMPLING, Set.of(RiskTier.HIGH));
        assertThat(custom.route(List.of(finding(Category.PII)), null, RiskTier.LOW))
                .isEqualTo(Severity.CRITICAL);
        assertThat(custom.route(List.of(finding(Category.SECRET)), null, RiskTier.LOW))
                .isEqualTo(Severity.SAMPLING);
        assertThat(custom.route(List.of(), null, RiskTier.HIGH)).isEqualTo(Severity.STANDARD);
    }

    @Test
    void queuesOrderByUrgency() {
        assertThat(Severity.SAMPLING.higher()).isEqualTo(Severity.STANDARD);
        assertThat(Severity.STANDARD.higher()).isEqualTo(Severity.HIGH);
        assertThat(Severity.HIGH.higher()).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.CRITICAL.higher()).isEqualTo(Severity.CRITICAL);
        assertThat(Severity.fromWire("High")).isEqualTo(Severity.HIGH);
    }
}
