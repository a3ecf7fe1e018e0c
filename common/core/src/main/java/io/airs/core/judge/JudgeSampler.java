package io.airs.core.judge;

import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides when the LLM judge runs, and whether inline or async.
 *
 * <p>In order of precedence: a tool call is judged inline before it acts ({@code tool_pre_action})
 * when the config says so; a user or agent that attacked recently is judged on every request
 * ({@code adaptive}); content the guardrails flagged is judged ({@code flagged}); anything else is
 * drawn at its risk tier's rate ({@code sampled}).
 *
 * <p>An attack is a {@link Decision.Block} with a finding in {@link
 * JudgeSamplerConfig#adaptiveCategories()}. {@link #decide} notices it by itself; {@link #observe}
 * records decisions the sampler was not asked about. The watch list is an LRU map bounded by {@link
 * JudgeSamplerConfig#adaptiveCapacity()}; entries expire on their own and {@link #sweep} purges them.
 * The sampler is thread-safe.
 *
 * <pre>{@code
 * JudgeSampler sampler = new JudgeSampler(JudgeSamplerConfig.defaults(), clock, new SplittableRandom());
 * SamplingDecision s = sampler.decide(RiskTier.HIGH, decision, context);
 * }</pre>
 */
public final class JudgeSampler {

    private final JudgeSamplerConfig config;
    private final Clock clock;
    private final RandomGenerator random;
    private final LinkedHashMap<String, Instant> watched;

    /**
     * @param config sampling settings
     * @param clock the time source for adaptive triggers
     * @param random the sampling draws; used under the sampler's lock, so any generator will do
     */
    public JudgeSampler(JudgeSamplerConfig config, Clock clock, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        int capacity = config.adaptiveCapacity();
        this.watched = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The config this sampler applies. */
    public JudgeSamplerConfig config() {
        return config;
    }

    /**
     * Whether and how to judge content the guardrails decided on. An attack in {@code guardrails}
     * then starts an adaptive trigger for the context's user and agent, which applies from their
     * next request on (the attack itself is judged as flagged).
     */
    public SamplingDecision decide(RiskTier tier, Decision guardrails, RequestContext context) {
        SamplingDecision s = decide(tier, guardrails.stage(), guardrails.findings(), context);
        observe(guardrails, context);
        return s;
    }

    /** Whether and how to judge content at {@code stage} with these guardrail {@code findings}. */
    public SamplingDecision decide(RiskTier tier, Stage stage, List<Finding> findings, RequestContext context) {
        Objects.requireNonNull(tier, "tier");
        Mode mode = config.mode(stage);
        if (stage == Stage.TOOL_CALL && config.toolCallsPreAction()) {
            return new SamplingDecision(true, Mode.INLINE, Trigger.TOOL_PRE_ACTION);
        }
        if (config.adaptive() && context != null && isWatched(context, clock.instant())) {
            return new SamplingDecision(true, mode, Trigger.ADAPTIVE);
        }
        if (config.alwaysWhenFlagged() && !findings.isEmpty()) {
            return new SamplingDecision(true, mode, Trigger.FLAGGED);
        }
        double rate = config.rate(tier);
        if (rate >= 1.0 || draw() < rate) {
            return new SamplingDecision(true, mode, Trigger.SAMPLED);
        }
        return SamplingDecision.skip(mode);
    }

    /**
     * Records a decision: when it blocked an attack, the context's user and agent are watched for
     * {@link JudgeSamplerConfig#adaptivePeriod()} from now.
     *
     * @return whether an adaptive trigger started (or was extended)
     */
    public boolean observe(Decision decision, RequestContext context) {
        if (!config.adaptive() || context == null || !(decision instanceof Decision.Block)) {
            return false;
        }
        boolean attack = false;
        for (Finding f : decision.findings()) {
            if (config.adaptiveCategories().contains(f.category())) {
                attack = true;
                break;
            }
        }
        return attack && watch(context);
    }

    /**
     * Watches the context's user and agent from now on, as after an attack.
     *
     * @return whether there was an identity to watch
     */
    public boolean watch(RequestContext context) {
        Instant until = clock.instant().plus(config.adaptivePeriod());
        boolean any = false;
        synchronized (watched) {
            if (context.user() != null) {
                watched.put(userKey(context.user()), until);
                any = true;
            }
            if (context.agent() != null) {
                watched.put(agentKey(context.agent()), until);
                any = true;
            }
        }
        return any;
    }

    /** Whether the context's user or agent is under an adaptive trigger at {@code now}. */
    public boolean isWatched(RequestContext context, Instant now) {
        if (context.user() == null && context.agent() == null) {
            return false;
        }
        synchronized (watched) {
            return (context.user() != null && live(userKey(context.user()), now))
                    | (context.agent() != null && live(agentKey(context.agent()), now));
        }
    }

    /**
     * Forgets every adaptive trigger that has expired at {@code now}; the caller schedules it.
     *
     * @return how many were removed
     */
    public int sweep(Instant now) {
        int removed = 0;
        synchronized (watched) {
            for (Iterator<Instant> it = watched.values().iterator(); it.hasNext(); ) {
                if (!it.next().isAfter(now)) {
                    it.remove();
                    removed++;
                }
            }
        }
        return removed;
    }

    /** How many users and agents are watched (expired entries not yet swept included). */
    public int watchedCount() {
        synchronized (watched) {
            return watched.size();
        }
    }

    private boolean live(String key, Instant now) {
        Instant until = watched.get(key);
        if (until == null) {
            return false;
        }
        if (!until.isAfter(now)) {
            watched.remove(key);
            return false;
        }
        return true;
    }

    private double draw() {
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private static String userKey(String user) {
        return "user:" + user;
    }

    private static String agentKey(String agent) {
        return "agent:" + agent;
    }
}
