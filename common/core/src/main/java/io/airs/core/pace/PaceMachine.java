package io.airs.core.pace;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The PACE state machine as one pure function of (status, signal, now, config). It reads no clock
 * and keeps no state; {@link PaceMonitor} applies it under a lock. Every result is checked against
 * {@link PaceTransition}, so an edge missing from that table can never be taken.
 *
 * <p>Each signal is first judged ({@link PaceVerdict}); an unbroken run of unhealthy verdicts moves
 * the layer forward, an unbroken run of healthy ones moves it back one step, and {@link
 * PaceVerdict#UNKNOWN} (no calls to judge) neither starts nor breaks a run. The latency baseline is
 * learnt only in PRIMARY from successful calls that are not themselves outliers (above the latency
 * factor), so a slow drift cannot teach the baseline to accept a degraded layer.
 */
public final class PaceMachine {

    private PaceMachine() {}

    /**
     * Applies {@code signal} to {@code current}.
     *
     * @throws IllegalStateException if the result would be a transition the table does not list
     */
    public static PaceStep next(PaceStatus current, PaceSignal signal, Instant now, PaceConfig cfg) {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(signal, "signal");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(cfg, "cfg");
        boolean observed = signal.type() == PaceSignal.Type.OBSERVATION;
        Instant failingSince = current.failingSince();
        if (observed) {
            failingSince = signal.ok() ? null : (failingSince == null ? now : failingSince);
        }
        double baseline = effectiveBaseline(current.baselineNanos(), cfg);
        PaceVerdict verdict = verdict(signal.health(), baseline, failingSince, now, cfg);
        Instant unhealthySince = current.unhealthySince();
        Instant healthySince = current.healthySince();
        if (verdict.unhealthy()) {
            unhealthySince = unhealthySince == null ? now : unhealthySince;
            healthySince = null;
        } else if (verdict == PaceVerdict.HEALTHY) {
            healthySince = healthySince == null ? now : healthySince;
            unhealthySince = null;
        }

        PaceState from = current.state();
        PaceState to = from;
        PaceTransition.Trigger trigger = PaceTransition.Trigger.NONE;
        String reason = "";
        switch (from) {
            case PRIMARY -> {
                if (verdict == PaceVerdict.UNRESPONSIVE) {
                    to = PaceState.CONTINGENCY;
                    trigger = PaceTransition.Trigger.UNRESPONSIVE;
                    reason = verdict.code();
                } else if (verdict.unhealthy() && lasted(unhealthySince, current.since(), now, cfg.sustainFor())) {
                    to = PaceState.ALTERNATE;
                    trigger = PaceTransition.Trigger.SUSTAINED_DEGRADATION;
                    reason = verdict.code();
                }
            }
            case ALTERNATE -> {
                if (verdict == PaceVerdict.UNRESPONSIVE) {
                    to = PaceState.CONTINGENCY;
                    trigger = PaceTransition.Trigger.UNRESPONSIVE;
                    reason = verdict.code();
                } else if (recovered(verdict, healthySince, current, now, cfg)) {
                    to = PaceState.PRIMARY;
                    trigger = PaceTransition.Trigger.RECOVERED;
                    reason = "recovered";
                }
            }
            case CONTINGENCY -> {
                if (verdict.unhealthy() && lasted(unhealthySince, current.since(), now, cfg.emergencyAfter())) {
                    to = PaceState.EMERGENCY;
                    trigger = PaceTransition.Trigger.STILL_FAILING;
                    reason = "still_failing";
                } else if (recovered(verdict, healthySince, current, now, cfg)) {
                    to = PaceState.ALTERNATE;
                    trigger = PaceTransition.Trigger.RECOVERED;
                    reason = "recovered";
                }
            }
            case EMERGENCY -> {
                if (recovered(verdict, healthySince, current, now, cfg)) {
                    to = PaceState.CONTINGENCY;
                    trigger = PaceTransition.Trigger.RECOVERED;
                    reason = "recovered";
                }
            }
        }
        PaceState target = to;
        PaceTransition.Trigger why = trigger;
        PaceTransition edge = PaceTransition.find(from, why, target)
                .orElseThrow(() ->
                        new IllegalStateException("illegal PACE transition " + from + " --" + why + "--> " + target));

        double learnt = current.baselineNanos();
        if (observed
                && signal.ok()
                && from == PaceState.PRIMARY
                && !verdict.unhealthy()
                && (learnt == 0.0 || signal.latency().toNanos() <= cfg.latencyFactor() * baseline)) {
            double sample = signal.latency().toNanos();
            learnt = learnt == 0.0 ? sample : learnt + cfg.baselineAlpha() * (sample - learnt);
        }
        boolean changed = target != from;
        PaceStatus next = new PaceStatus(
                target,
                changed ? now : current.since(),
                changed ? reason : current.reason(),
                unhealthySince,
                healthySince,
                failingSince,
                learnt);
        return new PaceStep(next, edge, verdict, changed, reason);
    }

    /**
     * How the layer looks given its window figures: unresponsive first, then (with enough calls)
     * error rate and latency, then healthy when there was at least one call and nothing worrying.
     *
     * @param baselineNanos the effective baseline, or 0 when none has been learnt
     */
    public static PaceVerdict verdict(
            LayerHealth health, double baselineNanos, Instant failingSince, Instant now, PaceConfig cfg) {
        if (failingSince != null
                && health.failures() > 0
                && !now.isBefore(failingSince.plus(cfg.unresponsiveAfter()))) {
            return PaceVerdict.UNRESPONSIVE;
        }
        boolean errors = health.errorRate() > cfg.errorRateThreshold();
        boolean slow = baselineNanos > 0 && health.meanLatency().toNanos() > cfg.latencyFactor() * baselineNanos;
        if (health.calls() >= cfg.minVolume()) {
            if (errors) {
                return PaceVerdict.ERROR_RATE;
            }
            if (slow) {
                return PaceVerdict.LATENCY;
            }
        }
        if (health.calls() == 0 || errors || slow) {
            return PaceVerdict.UNKNOWN;
        }
        return PaceVerdict.HEALTHY;
    }

    /** The baseline the latency rule compares with: the learnt one raised to the floor, or 0 if none. */
    public static double effectiveBaseline(double learntNanos, PaceConfig cfg) {
        return learntNanos == 0.0
                ? 0.0
                : Math.max(learntNanos, cfg.baselineFloor().toNanos());
    }

    private static boolean recovered(
            PaceVerdict verdict, Instant healthySince, PaceStatus current, Instant now, PaceConfig cfg) {
        return verdict == PaceVerdict.HEALTHY && lasted(healthySince, current.since(), now, cfg.recoveryWindow());
    }

    /** Whether a run that began at {@code runStart}, counted from no earlier than {@code stateSince}, lasted {@code d}. */
    private static boolean lasted(Instant runStart, Instant stateSince, Instant now, Duration d) {
        if (runStart == null) {
            return false;
        }
        Instant start = runStart.isAfter(stateSince) ? runStart : stateSince;
        return !now.isBefore(start.plus(d));
    }
}
