package io.airs.core.pace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Action;
import io.airs.core.RiskTier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacePolicyTest {

    @ParameterizedTest
    @CsvSource({
        "LOW, PRIMARY, NORMAL",
        "LOW, ALTERNATE, FAIL_OPEN_LOGGED",
        "LOW, CONTINGENCY, FAIL_OPEN_LOGGED",
        "LOW, EMERGENCY, FAIL_OPEN_LOGGED",
        "MEDIUM, PRIMARY, NORMAL",
        "MEDIUM, ALTERNATE, FAIL_OPEN_LOGGED",
        "MEDIUM, CONTINGENCY, FAIL_CLOSED",
        "MEDIUM, EMERGENCY, FAIL_CLOSED",
        "HIGH, PRIMARY, NORMAL",
        "HIGH, ALTERNATE, FAIL_CLOSED",
        "HIGH, CONTINGENCY, FAIL_CLOSED",
        "HIGH, EMERGENCY, FAIL_CLOSED",
        "CRITICAL, PRIMARY, NORMAL",
        "CRITICAL, ALTERNATE, FAIL_CLOSED",
        "CRITICAL, CONTINGENCY, FAIL_CLOSED",
        "CRITICAL, EMERGENCY, FAIL_CLOSED"
    })
    void defaultPostureFollowsTheTierTable(RiskTier tier, PaceState state, Posture expected) {
        assertThat(PacePolicy.defaults().posture(tier, state)).isEqualTo(expected);
    }

    @Test
    void mediumIsConfigurableButHighAndCriticalAlwaysFailClosed() {
        PacePolicy p = new PacePolicy(
                Map.of(
                        PaceState.ALTERNATE, Posture.USE_ALTERNATE,
                        PaceState.CONTINGENCY, Posture.FAIL_OPEN_LOGGED,
                        PaceState.EMERGENCY, Posture.FAIL_CLOSED),
                Action.ESCALATE);
        assertThat(p.posture(RiskTier.MEDIUM, PaceState.ALTERNATE)).isEqualTo(Posture.USE_ALTERNATE);
        assertThat(p.posture(RiskTier.MEDIUM, PaceState.CONTINGENCY)).isEqualTo(Posture.FAIL_OPEN_LOGGED);
        assertThat(p.posture(RiskTier.HIGH, PaceState.ALTERNATE)).isEqualTo(Posture.FAIL_CLOSED);
        assertThat(p.posture(RiskTier.CRITICAL, PaceState.CONTINGENCY)).isEqualTo(Posture.FAIL_CLOSED);
        assertThat(p.failClosedAction()).isEqualTo(Action.ESCALATE);
    }

    @Test
    void rejectsIncompleteOrInconsistentConfiguration() {
        assertThatThrownBy(() -> new PacePolicy(Map.of(PaceState.ALTERNATE, Posture.FAIL_CLOSED), Action.BLOCK))
                .hasMessageContaining("CONTINGENCY is missing");
        assertThatThrownBy(() -> new PacePolicy(PacePolicy.defaults().medium(), Action.ALLOW))
                .hasMessageContaining("block or escalate");
        var withPrimary = new java.util.HashMap<>(PacePolicy.defaults().medium());
        withPrimary.put(PaceState.PRIMARY, Posture.FAIL_CLOSED);
        assertThatThrownBy(() -> new PacePolicy(withPrimary, Action.BLOCK)).hasMessageContaining("PRIMARY");
    }
}
