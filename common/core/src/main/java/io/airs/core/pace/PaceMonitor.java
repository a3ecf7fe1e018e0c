package io.airs.core.pace;

import io.airs.core.breaker.Breakers;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.SlidingCounters;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.Identities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Watches every layer's calls and keeps its PACE state. Thread-safe: each layer has its own lock,
 * under which its window is updated, {@link PaceMachine} applied and the evidence record of any
 * transition appended.
 *
 * <p>When two or more layers are in EMERGENCY the monitor reports {@link #globalTrip()} and, if it
 * was given the {@link Breakers}, holds the global breaker open (automatic source, reason {@code
 * pace_emergency}); when fewer than two remain it releases it. Nothing runs in the background: call
 * {@link #tick} on a schedule so a layer that has gone quiet still moves.
 *
 * <pre>{@code
 * var pace = new PaceMonitor(PaceMonitor.defaultConfigs(), sink, stamp, breakers, clock);
 * long t0 = System.nanoTime();
 * boolean ok = callJudge(...);
 * pace.observe(Layer.JUDGE, Duration.ofNanos(System.nanoTime() - t0), ok, clock.instant());
 * }</pre>
 */
public final class PaceMonitor {

    private static final int CALLS = 0;
    private static final int FAILURES = 1;
    private static final int LATENCY_NANOS = 2;

    private final Map<Layer, LayerEntry> layers = new EnumMap<>(Layer.class);
    private final EvidenceSink evidence;
    private final EvidenceStamp stamp;
    private final Breakers breakers;
    private final ReentrantLock edgeLock = new ReentrantLock();
    private boolean tripped;

    /** A monitor with the default thresholds per layer and no breakers to trip. */
    public PaceMonitor(EvidenceSink evidence, EvidenceStamp stamp, Clock clock) {
        this(defaultConfigs(), evidence, stamp, null, clock);
    }

    /**
     * @param configs thresholds per layer; every {@link Layer} must have one
     * @param evidence where every transition is recorded
     * @param stamp the policy revision, risk tier and ids for those records
     * @param breakers the breakers whose global scope two emergencies hold open, or null for none
     * @param clock gives the moment the layers start in PRIMARY
     */
    public PaceMonitor(
            Map<Layer, PaceConfig> configs,
            EvidenceSink evidence,
            EvidenceStamp stamp,
            Breakers breakers,
            Clock clock) {
        Objects.requireNonNull(configs, "configs");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.stamp = Objects.requireNonNull(stamp, "stamp");
        this.breakers = breakers;
        Instant start = Objects.requireNonNull(clock, "clock").instant();
        for (Layer layer : Layer.values()) {
            PaceConfig cfg = configs.get(layer);
            if (cfg == null) {
                throw new IllegalArgumentException("no PACE configuration for layer " + layer.wireName());
            }
            layers.put(layer, new LayerEntry(layer, cfg, start));
        }
    }

    /** {@link PaceConfig#defaults(Layer)} for every layer. */
    public static Map<Layer, PaceConfig> defaultConfigs() {
        Map<Layer, PaceConfig> m = new EnumMap<>(Layer.class);
        for (Layer l : Layer.values()) {
            m.put(l, PaceConfig.defaults(l));
        }
        return m;
    }

    /**
     * Records one call of {@code layer}: how long it took and whether it succeeded (a timeout is a
     * failure with the timeout as its latency).
     *
     * @return the layer's state after this call
     */
    public PaceState observe(Layer layer, Duration latency, boolean ok, Instant now) {
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(now, "now");
        LayerEntry e = layers.get(Objects.requireNonNull(layer, "layer"));
        boolean changed;
        PaceState state;
        e.lock.lock();
        try {
            e.window.add(now, CALLS, 1);
            if (!ok) {
                e.window.add(now, FAILURES, 1);
            }
            e.window.add(now, LATENCY_NANOS, Math.max(0, latency.toNanos()));
            changed = apply(
                    e, PaceSignal.observation(latency.isNegative() ? Duration.ZERO : latency, ok, health(e, now)), now);
            state = e.status.state();
        } finally {
            e.lock.unlock();
        }
        if (changed) {
            checkGlobal(now);
        }
        return state;
    }

    /** Lets time pass for every layer. */
    public void tick(Instant now) {
        Objects.requireNonNull(now, "now");
        boolean changed = false;
        for (LayerEntry e : layers.values()) {
            e.lock.lock();
            try {
                changed |= apply(e, PaceSignal.tick(health(e, now)), now);
            } finally {
                e.lock.unlock();
            }
        }
        if (changed) {
            checkGlobal(now);
        }
    }

    /** The current PACE state of {@code layer}. */
    public PaceState state(Layer layer) {
        return layers.get(Objects.requireNonNull(layer, "layer")).state;
    }

    /** Whether two or more layers are in EMERGENCY, which trips the global breaker. */
    public boolean globalTrip() {
        int emergencies = 0;
        for (LayerEntry e : layers.values()) {
            if (e.state == PaceState.EMERGENCY) {
                emergencies++;
            }
        }
        return emergencies >= 2;
    }

    /** Every layer's state, reason and current figures, for {@code GET /v1/status}. */
    public PaceReport status(Instant now) {
        List<LayerReport> out = new ArrayList<>(layers.size());
        for (LayerEntry e : layers.values()) {
            e.lock.lock();
            try {
                PaceStatus s = e.status;
                LayerHealth h = health(e, now);
                double baseline = PaceMachine.effectiveBaseline(s.baselineNanos(), e.config);
                PaceVerdict v = PaceMachine.verdict(h, baseline, s.failingSince(), now, e.config);
                double ratio = baseline > 0 && h.calls() > 0 ? h.meanLatency().toNanos() / baseline : 0.0;
                out.add(new LayerReport(
                        e.layer,
                        s.state(),
                        s.since(),
                        s.reason(),
                        v,
                        h.calls(),
                        h.errorRate(),
                        h.meanLatency(),
                        Duration.ofNanos((long) baseline),
                        ratio));
            } finally {
                e.lock.unlock();
            }
        }
        return new PaceReport(out, globalTrip());
    }

    private boolean apply(LayerEntry e, PaceSignal signal, Instant now) {
        PaceStatus from = e.status;
        PaceStep step = PaceMachine.next(from, signal, now, e.config);
        e.status = step.status();
        if (!step.changed()) {
            return false;
        }
        e.state = step.status().state();
        LayerHealth h = signal.health();
        Map<String, String> extra = new HashMap<>();
        extra.put("event", "pace_transition");
        extra.put("layer", e.layer.wireName());
        extra.put("from", from.state().name());
        extra.put("to", step.status().state().name());
        extra.put("verdict", step.verdict().code());
        extra.put("calls", Long.toString(h.calls()));
        extra.put("error_rate", String.format(Locale.ROOT, "%.4f", h.errorRate()));
        extra.put(
                "mean_latency_ms",
                String.format(Locale.ROOT, "%.3f", h.meanLatency().toNanos() / 1e6));
        extra.put(
                "baseline_ms",
                String.format(
                        Locale.ROOT,
                        "%.3f",
                        PaceMachine.effectiveBaseline(step.status().baselineNanos(), e.config) / 1e6));
        evidence.append(stamp.draft(now, false, step.reason(), Identities.none(), extra));
        return true;
    }

    /** Holds or releases the global breaker on the edges of "two layers in EMERGENCY". */
    private void checkGlobal(Instant now) {
        edgeLock.lock();
        try {
            boolean trip = globalTrip();
            if (trip == tripped) {
                return;
            }
            tripped = trip;
            if (breakers != null) {
                if (trip) {
                    breakers.hold(Scope.global(), "pace_emergency", now);
                } else {
                    breakers.release(Scope.global(), "pace_recovered", now);
                }
            }
        } finally {
            edgeLock.unlock();
        }
    }

    private static LayerHealth health(LayerEntry e, Instant now) {
        long calls = e.window.sum(now, CALLS);
        if (calls == 0) {
            return LayerHealth.NONE;
        }
        long failures = e.window.sum(now, FAILURES);
        long nanos = e.window.sum(now, LATENCY_NANOS);
        return new LayerHealth(calls, Math.min(failures, calls), Duration.ofNanos(nanos / calls));
    }

    /** One layer's window and status, guarded by its lock; {@code state} is readable without it. */
    private static final class LayerEntry {
        final Layer layer;
        final PaceConfig config;
        final ReentrantLock lock = new ReentrantLock();
        final SlidingCounters window;
        PaceStatus status;
        volatile PaceState state;

        LayerEntry(Layer layer, PaceConfig config, Instant start) {
            this.layer = layer;
            this.config = config;
            this.window = new SlidingCounters(config.window(), config.windowBuckets(), 3);
            this.status = PaceStatus.initial(start);
            this.state = PaceState.PRIMARY;
        }
    }
}
