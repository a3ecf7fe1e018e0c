package io.airs.core.breaker;

import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.Identities;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The breaker registry the pipeline calls: human kill switches first, then one automatic breaker
 * per scope with its sliding windows. Thread-safe: each scope has its own lock, under which the
 * pure {@link BreakerMachine} is applied and its evidence record appended, so a scope's records are
 * in the order of its transitions.
 *
 * <pre>{@code
 * List<Scope> scopes = List.of(Scope.endpoint("chat"), Scope.agent("ops-bot"));
 * Admission a = breakers.admit(scopes, now);
 * if (!a.allowed()) return fallback(a.reason());
 * Outcome o = callModel(...);
 * breakers.record(scopes, o, clock.instant());
 * }</pre>
 *
 * <p>{@link #admit} always consults the global scope as well, since it covers all traffic; {@link
 * #record} counts only the scopes it is given. A scope that has never recorded anything is closed
 * and costs no memory. When the flag source throws, the last flags read stay in force and {@link
 * #flagError()} says why.
 */
public final class Breakers {

    private static final int TOTAL = 0;
    private static final int BLOCKED = 1;
    private static final int ERRORS = 2;
    private static final int JUDGE = 3;

    private final BreakerConfig config;
    private final FlagSource flags;
    private final EvidenceSink evidence;
    private final EvidenceStamp stamp;
    private final ConcurrentHashMap<Scope, Entry> entries = new ConcurrentHashMap<>();
    private volatile FlagSnapshot lastFlags = FlagSnapshot.empty();
    private volatile String flagError;

    /**
     * @param config trip rules and timing
     * @param flags the human kill switches (wrap a remote source in a {@link CachedFlagSource})
     * @param evidence where every transition is recorded
     * @param stamp the policy revision, risk tier and ids for those records
     */
    public Breakers(BreakerConfig config, FlagSource flags, EvidenceSink evidence, EvidenceStamp stamp) {
        this.config = Objects.requireNonNull(config, "config");
        this.flags = Objects.requireNonNull(flags, "flags");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.stamp = Objects.requireNonNull(stamp, "stamp");
    }

    /** The configuration in force. */
    public BreakerConfig config() {
        return config;
    }

    /**
     * Whether a call covered by {@code scopes} (and the global scope) may pass at {@code now}. A flag
     * open on any of them stops it; then each automatic breaker is asked, and a half-open one lets
     * the call through as one of its probes.
     */
    public Admission admit(List<Scope> scopes, Instant now) {
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(now, "now");
        FlagSnapshot f = readFlags();
        Admission flagged = flagged(f, Scope.global());
        if (flagged != null) {
            return flagged;
        }
        for (int i = 0; i < scopes.size(); i++) {
            flagged = flagged(f, scopes.get(i));
            if (flagged != null) {
                return flagged;
            }
        }
        if (entries.isEmpty()) {
            return Admission.allow(false);
        }
        // First look without taking a probe, so a refusal by a later scope wastes no earlier probe.
        Entry global = entries.get(Scope.global());
        Admission refused = peek(global, now);
        for (int i = 0; refused == null && i < scopes.size(); i++) {
            Scope s = scopes.get(i);
            refused = s.isGlobal() ? null : peek(entries.get(s), now);
        }
        if (refused != null) {
            return refused;
        }
        boolean probe = false;
        Entry[] toAdmit = new Entry[scopes.size() + 1];
        toAdmit[0] = global;
        for (int i = 0; i < scopes.size(); i++) {
            toAdmit[i + 1] = scopes.get(i).isGlobal() ? null : entries.get(scopes.get(i));
        }
        for (Entry e : toAdmit) {
            if (e == null) {
                continue;
            }
            e.lock.lock();
            try {
                if (e.status.state() == BreakerState.CLOSED) {
                    continue;
                }
                BreakerStep step = apply(e, BreakerEvent.admit(), now);
                if (!step.admitted()) {
                    return Admission.open(
                            e.scope, step.status().source(), step.status().reason());
                }
                probe |= step.status().state() == BreakerState.HALF_OPEN;
            } finally {
                e.lock.unlock();
            }
        }
        return Admission.allow(probe);
    }

    /**
     * Counts one call's outcome against each of {@code scopes}, tripping any whose rules now fire,
     * and feeds half-open breakers their probe results.
     */
    public void record(List<Scope> scopes, Outcome outcome, Instant now) {
        Objects.requireNonNull(scopes, "scopes");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(now, "now");
        for (int i = 0; i < scopes.size(); i++) {
            Entry e = entry(scopes.get(i), false, now);
            if (e == null) {
                continue;
            }
            e.lock.lock();
            try {
                count(e, outcome, now);
                if (e.status.state() == BreakerState.CLOSED) {
                    String reason = tripReason(e, now);
                    if (reason != null) {
                        apply(e, BreakerEvent.trip(reason), now);
                    }
                } else {
                    apply(e, BreakerEvent.of(outcome), now);
                }
            } finally {
                e.lock.unlock();
            }
        }
    }

    /** A person opens {@code scope}'s breaker; it stays open until {@link #closeManually}. */
    public BreakerStatus openManually(Scope scope, String reason, Instant now) {
        return applyTo(scope, BreakerEvent.manualOpen(reason), now);
    }

    /** A person closes {@code scope}'s breaker, whatever opened it. Flags are not affected. */
    public BreakerStatus closeManually(Scope scope, String reason, Instant now) {
        return applyTo(scope, BreakerEvent.manualClose(reason), now);
    }

    /**
     * Another control (PACE) opens {@code scope}'s breaker and holds it open, without the timed
     * half-open, until {@link #release}. The source reads {@code automatic}.
     */
    public BreakerStatus hold(Scope scope, String reason, Instant now) {
        return applyTo(scope, BreakerEvent.hold(reason), now);
    }

    /** The holding control lets go: a held breaker closes; one opened otherwise is left alone. */
    public BreakerStatus release(Scope scope, String reason, Instant now) {
        return applyTo(scope, BreakerEvent.release(reason), now);
    }

    /** Lets time pass for every breaker (open ones whose time is over start probing); schedule it. */
    public void tick(Instant now) {
        for (Entry e : entries.values()) {
            e.lock.lock();
            try {
                apply(e, BreakerEvent.tick(), now);
            } finally {
                e.lock.unlock();
            }
        }
    }

    /** The automatic breaker's status for {@code scope} (closed if never seen). */
    public BreakerStatus status(Scope scope) {
        Entry e = entries.get(scope);
        if (e == null) {
            return BreakerStatus.closed(Instant.EPOCH);
        }
        e.lock.lock();
        try {
            return e.status;
        } finally {
            e.lock.unlock();
        }
    }

    /**
     * Every known scope (with a breaker or a flag), sorted by wire name, for {@code GET
     * /v1/breakers}. Reads the flags; changes no state.
     */
    public List<BreakerView> snapshot(Instant now) {
        FlagSnapshot f = readFlags();
        Map<Scope, BreakerView> views = new HashMap<>();
        for (Entry e : entries.values()) {
            e.lock.lock();
            try {
                BreakerStatus s = e.status;
                views.put(
                        e.scope,
                        new BreakerView(e.scope, s.state(), s.source(), s.reason(), s.since(), counts(e, now)));
            } finally {
                e.lock.unlock();
            }
        }
        for (var fe : f.flags().entrySet()) {
            Scope scope = fe.getKey();
            Flag flag = fe.getValue();
            BreakerView existing = views.get(scope);
            if (flag.open()) {
                WindowCounts c = existing == null ? WindowCounts.ZERO : existing.counts();
                views.put(
                        scope,
                        new BreakerView(
                                scope, BreakerState.OPEN, BreakerSource.FLAG, flag.reason(), flag.updatedAt(), c));
            } else if (existing == null) {
                views.put(
                        scope,
                        new BreakerView(
                                scope,
                                BreakerState.CLOSED,
                                BreakerSource.FLAG,
                                flag.reason(),
                                flag.updatedAt(),
                                WindowCounts.ZERO));
            }
        }
        List<BreakerView> out = new ArrayList<>(views.values());
        out.sort(Comparator.comparing(v -> v.scope().wire()));
        return List.copyOf(out);
    }

    /** Why the flag source last failed, or empty when its last read succeeded. */
    public Optional<String> flagError() {
        return Optional.ofNullable(flagError);
    }

    private FlagSnapshot readFlags() {
        try {
            FlagSnapshot f = Objects.requireNonNull(flags.read(), "flag source returned null");
            lastFlags = f;
            flagError = null;
            return f;
        } catch (RuntimeException e) {
            flagError = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return lastFlags;
        }
    }

    private static Admission flagged(FlagSnapshot f, Scope scope) {
        Flag flag = f.flags().get(scope);
        return flag != null && flag.open() ? Admission.open(scope, BreakerSource.FLAG, flag.reason()) : null;
    }

    private Admission peek(Entry e, Instant now) {
        if (e == null) {
            return null;
        }
        e.lock.lock();
        try {
            if (e.status.state() == BreakerState.CLOSED) {
                return null;
            }
            apply(e, BreakerEvent.tick(), now);
            BreakerStep would = BreakerMachine.next(e.status, BreakerEvent.admit(), now, config);
            return would.admitted() ? null : Admission.open(e.scope, e.status.source(), e.status.reason());
        } finally {
            e.lock.unlock();
        }
    }

    private BreakerStatus applyTo(Scope scope, BreakerEvent event, Instant now) {
        Objects.requireNonNull(now, "now");
        Entry e = entry(Objects.requireNonNull(scope, "scope"), true, now);
        e.lock.lock();
        try {
            return apply(e, event, now).status();
        } finally {
            e.lock.unlock();
        }
    }

    /** Applies one event under the entry's lock, recording evidence when the state changes. */
    private BreakerStep apply(Entry e, BreakerEvent event, Instant now) {
        BreakerStatus from = e.status;
        BreakerStep step = BreakerMachine.next(from, event, now, config);
        if (step.status() == from) {
            return step;
        }
        e.status = step.status();
        if (step.changed()) {
            if (step.status().state() == BreakerState.CLOSED) {
                // A closed breaker starts afresh, or the old counts would trip it again at once.
                e.windows.clear();
                if (e.agentBlocks != null) {
                    e.agentBlocks.clear();
                }
            }
            Map<String, String> extra = new HashMap<>();
            extra.put("event", "breaker_transition");
            extra.put("scope", e.scope.wire());
            extra.put("from", from.state().name());
            extra.put("to", step.status().state().name());
            extra.put("source", step.status().source().wireName());
            extra.put("trigger", event.type().name().toLowerCase(Locale.ROOT));
            extra.put("held", Boolean.toString(step.status().held()));
            Identities who = e.scope.kind() == Scope.Kind.AGENT
                    ? new Identities(null, e.scope.name(), null, null)
                    : Identities.none();
            evidence.append(stamp.draft(now, step.status().state() == BreakerState.OPEN, step.reason(), who, extra));
        }
        return step;
    }

    private void count(Entry e, Outcome outcome, Instant now) {
        e.windows.add(now, TOTAL, 1);
        switch (outcome) {
            case BLOCKED_BY_GUARDRAIL -> {
                e.windows.add(now, BLOCKED, 1);
                if (e.agentBlocks != null) {
                    e.agentBlocks.add(now, 0, 1);
                }
            }
            case UPSTREAM_ERROR -> e.windows.add(now, ERRORS, 1);
            case JUDGE_FAILURE -> e.windows.add(now, JUDGE, 1);
            case SUCCESS -> {}
        }
    }

    /** The first trip rule that fires for this scope, or null. */
    private String tripReason(Entry e, Instant now) {
        if (e.agentBlocks != null
                && config.agentBlockCount() > 0
                && e.agentBlocks.sum(now, 0) >= config.agentBlockCount()) {
            return "agent_blocks";
        }
        long judge = e.windows.sum(now, JUDGE);
        if (config.judgeFailureThreshold() > 0 && judge >= config.judgeFailureThreshold()) {
            return "judge_failures";
        }
        long total = e.windows.sum(now, TOTAL);
        if (total >= config.minVolume()) {
            if (e.windows.sum(now, ERRORS) >= config.errorRateThreshold() * total) {
                return "error_rate";
            }
            if (e.windows.sum(now, BLOCKED) >= config.blockRateThreshold() * total) {
                return "block_rate";
            }
        }
        return null;
    }

    private static WindowCounts counts(Entry e, Instant now) {
        long[] s = e.windows.sums(now);
        long agent = e.agentBlocks == null ? 0 : e.agentBlocks.sum(now, 0);
        return new WindowCounts(s[TOTAL], s[BLOCKED], s[ERRORS], s[JUDGE], agent);
    }

    /** The scope's entry, created on first use while under {@code maxScopes} (or when forced). */
    private Entry entry(Scope scope, boolean force, Instant now) {
        Entry e = entries.get(scope);
        if (e != null) {
            return e;
        }
        if (!force && !scope.isGlobal() && entries.size() >= config.maxScopes()) {
            return null;
        }
        return entries.computeIfAbsent(scope, s -> new Entry(s, config, now));
    }

    /** One scope's breaker status and windows, guarded by its lock. */
    private static final class Entry {
        final Scope scope;
        final ReentrantLock lock = new ReentrantLock();
        final SlidingCounters windows;
        final SlidingCounters agentBlocks;
        BreakerStatus status;

        Entry(Scope scope, BreakerConfig c, Instant created) {
            this.scope = scope;
            this.status = BreakerStatus.closed(created);
            this.windows = new SlidingCounters(c.window(), c.windowBuckets(), 4);
            this.agentBlocks = scope.kind() == Scope.Kind.AGENT
                    ? new SlidingCounters(c.agentBlockWindow(), c.agentBlockBuckets(), 1)
                    : null;
        }
    }
}
