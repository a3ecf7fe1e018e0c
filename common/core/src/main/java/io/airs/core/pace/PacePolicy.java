package io.airs.core.pace;

import io.airs.core.Action;
import io.airs.core.RiskTier;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a degraded layer behaves, by risk tier. One policy per layer.
 *
 * <table>
 *   <caption>Posture by tier and PACE state</caption>
 *   <tr><th>tier</th><th>PRIMARY</th><th>ALTERNATE</th><th>CONTINGENCY</th><th>EMERGENCY</th></tr>
 *   <tr><td>LOW</td><td>NORMAL</td><td>FAIL_OPEN_LOGGED</td><td>FAIL_OPEN_LOGGED</td><td>FAIL_OPEN_LOGGED</td></tr>
 *   <tr><td>MEDIUM</td><td>NORMAL</td><td colspan="3">from {@code medium} (default FAIL_OPEN_LOGGED,
 *       FAIL_CLOSED, FAIL_CLOSED)</td></tr>
 *   <tr><td>HIGH</td><td>NORMAL</td><td>FAIL_CLOSED</td><td>FAIL_CLOSED</td><td>FAIL_CLOSED</td></tr>
 *   <tr><td>CRITICAL</td><td>NORMAL</td><td>FAIL_CLOSED</td><td>FAIL_CLOSED</td><td>FAIL_CLOSED</td></tr>
 * </table>
 *
 * <pre>{@code
 * switch (judgePolicy.posture(policy.riskTier(), monitor.state(Layer.JUDGE))) {
 *     case FAIL_CLOSED -> decide(judgePolicy.failClosedAction());
 *     ...
 * }
 * }</pre>
 *
 * @param medium the MEDIUM tier's posture for ALTERNATE, CONTINGENCY and EMERGENCY (all three
 *     required; PRIMARY, if given, must be NORMAL); default ALTERNATE → FAIL_OPEN_LOGGED,
 *     CONTINGENCY and EMERGENCY → FAIL_CLOSED
 * @param failClosedAction what failing closed means: {@link Action#BLOCK} (default) or {@link
 *     Action#ESCALATE} to a human
 */
public record PacePolicy(Map<PaceState, Posture> medium, Action failClosedAction) {

    private static final PacePolicy DEFAULTS = new PacePolicy(
            Map.of(
                    PaceState.ALTERNATE, Posture.FAIL_OPEN_LOGGED,
                    PaceState.CONTINGENCY, Posture.FAIL_CLOSED,
                    PaceState.EMERGENCY, Posture.FAIL_CLOSED),
            Action.BLOCK);

    public PacePolicy {
        Objects.requireNonNull(medium, "medium");
        Objects.requireNonNull(failClosedAction, "failClosedAction");
        if (failClosedAction != Action.BLOCK && failClosedAction != Action.ESCALATE) {
            throw new IllegalArgumentException("failClosedAction must be block or escalate, was " + failClosedAction);
        }
        var copy = new EnumMap<PaceState, Posture>(PaceState.class);
        copy.putAll(medium);
        for (PaceState s : new PaceState[] {PaceState.ALTERNATE, PaceState.CONTINGENCY, PaceState.EMERGENCY}) {
            if (copy.get(s) == null) {
                throw new IllegalArgumentException("medium posture for " + s + " is missing");
            }
        }
        Posture primary = copy.get(PaceState.PRIMARY);
        if (primary != null && primary != Posture.NORMAL) {
            throw new IllegalArgumentException("a layer in PRIMARY always works normally");
        }
        copy.put(PaceState.PRIMARY, Posture.NORMAL);
        medium = Map.copyOf(copy);
    }

    /** The documented defaults. */
    public static PacePolicy defaults() {
        return DEFAULTS;
    }

    /** What a layer in {@code state} does at {@code tier} (see the table above). */
    public Posture posture(RiskTier tier, PaceState state) {
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(state, "state");
        if (state == PaceState.PRIMARY) {
            return Posture.NORMAL;
        }
        return switch (tier) {
            case LOW -> Posture.FAIL_OPEN_LOGGED;
            case MEDIUM -> medium.get(state);
            case HIGH, CRITICAL -> Posture.FAIL_CLOSED;
        };
    }
}
