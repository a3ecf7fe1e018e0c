package io.airs.core.gateway;

import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.breaker.Admission;
import io.airs.core.breaker.Breakers;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.Outcome;
import io.airs.core.breaker.Scope;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.judge.AsyncJudgeQueue;
import io.airs.core.judge.AsyncJudgeQueueConfig;
import io.airs.core.judge.AsyncJudgeResult;
import io.airs.core.judge.AsyncJudgeSubmitter;
import io.airs.core.judge.ClassifierJudge;
import io.airs.core.judge.FindingsScorer;
import io.airs.core.judge.Judge;
import io.airs.core.judge.JudgeCascade;
import io.airs.core.judge.JudgeConfig;
import io.airs.core.judge.JudgeException;
import io.airs.core.judge.JudgeOutcome;
import io.airs.core.judge.JudgeRequest;
import io.airs.core.judge.JudgeSampler;
import io.airs.core.judge.JudgeSamplerConfig;
import io.airs.core.judge.JudgeVerdict;
import io.airs.core.judge.Mode;
import io.airs.core.judge.SamplingDecision;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.Oversight;
import io.airs.core.pace.Layer;
import io.airs.core.pace.PaceMonitor;
import io.airs.core.pace.PacePolicy;
import io.airs.core.pace.Posture;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.Policy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The four AIRS layers around one piece of content: "guardrails prevent, the judge detects, humans
 * decide, circuit breakers contain".
 *
 * <ol>
 *   <li>Circuit breakers admit the request (human kill switches first, then automatic trips); an open
 *       breaker answers with the policy's non-AI fallback and the model is never called.
 *   <li>The guardrails check the content ({@link Enforcer#assess}).
 *   <li>The judge cascade (classifier, then the LLM judge when sampled, flagged, adaptive or a tool
 *       call) evaluates it, inline or asynchronously, as the judge layer's PACE state allows: a
 *       degraded judge uses its alternate (the in-process classifier) and, at tiers that fail closed,
 *       content that needed judging is blocked or escalated.
 *   <li>An escalation is held on a review queue with its SLA; a REVIEW verdict opens a sampling
 *       review without holding.
 *   <li>One evidence record carries the decision with the judge's verdict, the ticket and the layers'
 *       states; the breakers and PACE learn from the outcome.
 * </ol>
 *
 * <p>Thread-safe. Periodic work (SLA expiry, breaker and PACE clocks) runs when the caller calls
 * {@link #tick()}.
 *
 * <pre>{@code
 * Gateway g = Gateway.builder(policy).evidence(sink).escalations(store).flags(flags).build();
 * Gateway.Result r = g.check(new Evaluation(Stage.OUTPUT, answer, ctx), "chat", answerJson);
 * }</pre>
 */
public final class Gateway implements AutoCloseable {

    /** Reason code of a request refused by an open breaker. */
    public static final String CIRCUIT_OPEN = "circuit_open";
    /** Reason code when the judge layer is degraded and the tier fails closed. */
    public static final String JUDGE_UNAVAILABLE = "judge_unavailable";
    /** Reason code when an escalation cannot be held. */
    public static final String OVERSIGHT_UNAVAILABLE = "oversight_unavailable";
    /** Reason code of content the judge escalated. */
    public static final String JUDGE_ESCALATED = "judge";

    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);
    private static final int MAX_PENDING_ASYNC = 10_000;

    private final Policy policy;
    private final Enforcer enforcer;
    private final Oversight oversight;
    private final Breakers breakers;
    private final PaceMonitor pace;
    private final PacePolicy pacePolicy;
    private final JudgeSampler sampler;
    private final JudgeCascade full;
    private final JudgeCascade alternate;
    private final AsyncJudgeQueue asyncQueue;
    private final boolean judgeEnabled;
    private final boolean hasLlm;
    private final Clock clock;
    private final Supplier<String> ids;
    private final LongSupplier nanoTime;
    private final GatewayListener listener;
    private final ExternalScreen screen;
    private final Action screenAction;
    private final AtomicLong lastProbeMillis = new AtomicLong(0);
    /** Decisions waiting for the in-process async judge, bounded: a dropped job never calls back. */
    private final Map<String, Pending> pendingAsync =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(64, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
                    return size() > MAX_PENDING_ASYNC;
                }
            });

    private record Pending(Decision decision, RequestContext context, String content, long submittedNanos) {}

    /**
     * What the gateway decided about one piece of content.
     *
     * @param decision the final decision (after breakers, guardrails, judge and oversight)
     * @param ticket the escalation holding it, when the decision is {@link Decision.Escalate}
     * @param review a non-blocking sampling review opened for it, if any
     * @param admission the breaker's answer; not allowed means {@link #fallback()} is the response
     * @param judge what the judge concluded, or null when it did not run
     * @param fallback the policy's non-AI answer when a breaker is open, else null
     */
    public record Result(
            Decision decision,
            Escalation ticket,
            Escalation review,
            Admission admission,
            JudgeOutcome judge,
            String fallback) {

        /** Whether an open breaker refused the request. */
        public boolean circuitOpen() {
            return admission != null && !admission.allowed();
        }
    }

    private static final long TICK_EVERY_MILLIS = 1000;
    private final java.util.concurrent.atomic.AtomicLong lastTick = new java.util.concurrent.atomic.AtomicLong();

    private Gateway(Builder b) {
        this.policy = b.policy;
        this.clock = b.clock;
        this.ids = b.ids;
        this.nanoTime = b.nanoTime;
        this.listener = b.listener;
        this.screen = b.screen;
        this.screenAction = b.screenAction;
        EvidenceSink evidence = Objects.requireNonNull(b.evidence, "evidence sink");
        Enforcer.Builder eb = Enforcer.builder(policy)
                .evidence(evidence)
                .clock(clock)
                .ids(ids)
                .nanoTime(nanoTime);
        b.guardrails.forEach(eb::guardrail);
        this.enforcer = eb.build();
        EvidenceStamp stamp = new EvidenceStamp(policy.revision(), policy.riskTier(), ids);
        this.breakers = new Breakers(LayerConfigs.breakers(policy), b.flags, evidence, stamp);
        this.pace = new PaceMonitor(LayerConfigs.pace(policy), evidence, stamp, breakers, clock);
        this.pacePolicy = PacePolicy.defaults();
        this.oversight = Oversight.builder(Objects.requireNonNull(b.escalations, "escalation store"), evidence)
                .config(LayerConfigs.oversight(policy))
                .clock(clock)
                .recordIds(ids)
                .build();
        JudgeSamplerConfig samplerConfig = LayerConfigs.sampler(policy);
        this.sampler = new JudgeSampler(samplerConfig, clock, b.random);
        JudgeConfig judgeConfig = LayerConfigs.judge(policy);
        Judge classifier = new ClassifierJudge(new FindingsScorer(), judgeConfig, nanoTime);
        this.judgeEnabled = policy.judge().enabled() == null || policy.judge().enabled();
        this.hasLlm = b.llmJudge != null;
        JudgeCascade.Builder fb =
                JudgeCascade.builder(classifier, sampler).config(judgeConfig).nanoTime(nanoTime);
        AsyncJudgeQueue queue = null;
        if (b.llmJudge != null) {
            fb.llm(new ObservedJudge(b.llmJudge));
            boolean anyAsync = samplerConfig.modes().values().contains(Mode.ASYNC);
            if (b.asyncJudge != null) {
                // A platform queue judges elsewhere (its consumer opens the reviews).
                fb.queue(b.asyncJudge);
            } else if (anyAsync) {
                queue = new AsyncJudgeQueue(
                        new ObservedJudge(b.llmJudge), AsyncJudgeQueueConfig.defaults(), this::onAsyncResult);
                queue.start();
                fb.queue(queue);
            }
        }
        this.asyncQueue = queue;
        this.full = fb.build();
        this.alternate = JudgeCascade.builder(classifier, sampler)
                .config(judgeConfig)
                .nanoTime(nanoTime)
                .build();
    }

    /** Starts building a gateway for {@code policy}. */
    public static Builder builder(Policy policy) {
        return new Builder(policy);
    }

    public Policy policy() {
        return policy;
    }

    public Enforcer enforcer() {
        return enforcer;
    }

    public Oversight oversight() {
        return oversight;
    }

    public Breakers breakers() {
        return breakers;
    }

    public PaceMonitor pace() {
        return pace;
    }

    /** Whether an LLM judge is configured. */
    public boolean hasLlmJudge() {
        return hasLlm;
    }

    /** The breaker scopes a request belongs to. */
    public static List<Scope> scopes(String endpoint, RequestContext ctx) {
        List<Scope> scopes = new ArrayList<>(4);
        scopes.add(Scope.global());
        if (endpoint != null) {
            scopes.add(Scope.endpoint(endpoint));
        }
        if (ctx.agent() != null && !ctx.agent().isBlank()) {
            scopes.add(Scope.agent(ctx.agent()));
        }
        if (ctx.tool() != null && !ctx.tool().isBlank()) {
            scopes.add(Scope.tool(ctx.tool()));
        }
        return scopes;
    }

    /**
     * Checks content through every layer.
     *
     * @param evaluation the content, its stage and identities
     * @param endpoint the endpoint scope for breakers (e.g. {@code evaluate}, {@code chat})
     * @param held what to hold for release if the content is escalated (e.g. the whole model answer),
     *     given the guardrails' decision (a {@link Decision.Modify} carries the redacted content); null
     *     holds the content as the guardrails left it
     */
    public Result check(Evaluation evaluation, String endpoint, Function<Decision, String> held) {
        Instant now = clock.instant();
        RequestContext ctx = evaluation.context();
        List<Scope> scopes = scopes(endpoint, ctx);
        Admission admission = breakers.admit(scopes, now);
        if (!admission.allowed()) {
            Decision.Block refused = new Decision.Block(
                    ids.get(), policy.revision(), evaluation.stage(), List.of(), List.of(), CIRCUIT_OPEN);
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("breaker_scope", admission.scope().wire());
            extra.put("breaker_source", admission.source().name().toLowerCase(java.util.Locale.ROOT));
            extra.put("breaker_reason", admission.reason() == null ? "" : admission.reason());
            Decision recorded = enforcer.record(evaluation, refused, extra);
            return notify(
                    endpoint,
                    ctx,
                    new Result(
                            recorded,
                            null,
                            null,
                            admission,
                            null,
                            policy.breakers().fallback()));
        }

        long t0 = nanoTime.getAsLong();
        Decision decision = enforcer.assess(evaluation);
        Decision guardrails = decision;
        String heldContent = held != null
                ? held.apply(guardrails)
                : guardrails instanceof Decision.Modify m ? m.content() : evaluation.content();
        boolean guardrailsOk = decision.checks().stream().noneMatch(c -> CheckResult.ERROR.equals(c.verdict()));
        pace.observe(Layer.GUARDRAILS, Duration.ofNanos(nanoTime.getAsLong() - t0), guardrailsOk, now);
        if (screen != null && !(decision instanceof Decision.Block)) {
            decision = screened(evaluation, decision, now);
        }

        Map<String, String> extra = new LinkedHashMap<>();
        JudgeOutcome judged = null;
        boolean needsReview = false;
        if (judgeEnabled) {
            Judgement j = judge(evaluation, decision, now);
            judged = j.outcome();
            decision = j.decision();
            needsReview = j.review();
            if (judged != null) {
                extra.putAll(judged.toEvidenceExtra());
            }
            if (j.posture() != Posture.NORMAL) {
                extra.put("judge_posture", j.posture().name().toLowerCase(java.util.Locale.ROOT));
            }
        }

        Escalation ticket = null;
        Escalation review = null;
        if (decision instanceof Decision.Escalate esc) {
            String excerpt = enforcer.excerpt(evaluation.content(), decision.findings());
            long o0 = nanoTime.getAsLong();
            try {
                ticket = oversight.escalate(esc, ctx, policy.riskTier(), heldContent, excerpt);
                pace.observe(Layer.OVERSIGHT, Duration.ofNanos(nanoTime.getAsLong() - o0), true, now);
                extra.put("ticket", ticket.ticket());
                extra.put("queue", ticket.queue().wireName());
            } catch (RuntimeException e) {
                pace.observe(Layer.OVERSIGHT, Duration.ofNanos(nanoTime.getAsLong() - o0), false, now);
                // A request that cannot be held for a person must not go through.
                decision = new Decision.Block(
                        decision.decisionId(),
                        decision.policyRevision(),
                        decision.stage(),
                        decision.findings(),
                        decision.checks(),
                        OVERSIGHT_UNAVAILABLE);
            }
        } else if (needsReview && !(decision instanceof Decision.Block)) {
            String excerpt = enforcer.excerpt(evaluation.content(), decision.findings());
            try {
                review = oversight.sample(decision, ctx, policy.riskTier(), heldContent, excerpt);
                extra.put("review_ticket", review.ticket());
            } catch (RuntimeException e) {
                pace.observe(Layer.OVERSIGHT, Duration.ZERO, false, now);
            }
        }
        extra.put("pace_judge", pace.state(Layer.JUDGE).name().toLowerCase(java.util.Locale.ROOT));

        Decision recorded = enforcer.record(evaluation, decision, extra);
        sampler.observe(recorded, ctx);
        breakers.record(
                scopes.subList(1, scopes.size()),
                recorded instanceof Decision.Block && !isOwnReason(recorded)
                        ? Outcome.BLOCKED_BY_GUARDRAIL
                        : judged != null && judged.failure() != null ? Outcome.JUDGE_FAILURE : Outcome.SUCCESS,
                now);
        return notify(endpoint, ctx, new Result(recorded, ticket, review, admission, judged, null));
    }

    private Result notify(String endpoint, RequestContext ctx, Result r) {
        if (listener != null) {
            try {
                listener.decided(endpoint, ctx, r);
            } catch (RuntimeException e) {
                // Metrics never decide a request.
            }
        }
        return r;
    }

    /** The platform's own guardrail service as one more check; its failure takes the fail posture. */
    private Decision screened(Evaluation evaluation, Decision decision, Instant now) {
        long t0 = nanoTime.getAsLong();
        List<Finding> found;
        String verdict;
        Action action;
        try {
            found = screen.screen(evaluation.stage(), evaluation.content());
            verdict = found.isEmpty() ? CheckResult.PASS : CheckResult.FIRED;
            action = found.isEmpty() ? Action.ALLOW : screenAction;
        } catch (RuntimeException e) {
            // The check's error verdict is the record of it; the content itself showed nothing.
            found = List.of();
            verdict = CheckResult.ERROR;
            action = policy.failPosture();
        }
        long took = nanoTime.getAsLong() - t0;
        pace.observe(Layer.GUARDRAILS, Duration.ofNanos(took), !CheckResult.ERROR.equals(verdict), now);
        double score = found.stream().mapToDouble(Finding::score).max().orElse(0.0);
        List<CheckResult> checks = new ArrayList<>(decision.checks());
        checks.add(new CheckResult(screen.id(), screen.id(), verdict, action, score, took));
        List<Finding> findings = new ArrayList<>(decision.findings());
        findings.addAll(found);
        String reason = CheckResult.ERROR.equals(verdict)
                ? "screen_unavailable"
                : found.isEmpty() ? null : found.get(0).category().wireName();
        return switch (action) {
            case BLOCK ->
                new Decision.Block(
                        decision.decisionId(), decision.policyRevision(), decision.stage(), findings, checks, reason);
            case ESCALATE ->
                decision instanceof Decision.Escalate e
                        ? new Decision.Escalate(
                                e.decisionId(), e.policyRevision(), e.stage(), findings, checks, e.reason())
                        : new Decision.Escalate(
                                decision.decisionId(),
                                decision.policyRevision(),
                                decision.stage(),
                                findings,
                                checks,
                                reason);
            case ALLOW, REDACT ->
                switch (decision) {
                    case Decision.Allow a ->
                        new Decision.Allow(a.decisionId(), a.policyRevision(), a.stage(), findings, checks);
                    case Decision.Modify m ->
                        new Decision.Modify(
                                m.decisionId(), m.policyRevision(), m.stage(), findings, checks, m.content());
                    case Decision.Escalate e ->
                        new Decision.Escalate(
                                e.decisionId(), e.policyRevision(), e.stage(), findings, checks, e.reason());
                    case Decision.Block b -> b;
                };
        };
    }

    private static boolean isOwnReason(Decision d) {
        String r = ((Decision.Block) d).reason();
        return OVERSIGHT_UNAVAILABLE.equals(r)
                || JUDGE_UNAVAILABLE.equals(r)
                || "evidence_unavailable".equals(r)
                || "screen_unavailable".equals(r);
    }

    private record Judgement(Decision decision, JudgeOutcome outcome, boolean review, Posture posture) {}

    private Judgement judge(Evaluation evaluation, Decision decision, Instant now) {
        Posture posture = pacePolicy.posture(policy.riskTier(), pace.state(Layer.JUDGE));
        // The judge sees what will actually go on: redacted content needs no second verdict on what the
        // guardrails already removed.
        JudgeRequest request = decision instanceof Decision.Modify m
                ? new JudgeRequest(evaluation.stage(), m.content(), List.of(), null, evaluation.context())
                : new JudgeRequest(
                        evaluation.stage(), evaluation.content(), decision.findings(), null, evaluation.context());
        boolean probe = posture != Posture.NORMAL && probeDue(now);
        JudgeCascade cascade = hasLlm && (posture == Posture.NORMAL || probe) ? full : alternate;
        if (posture == Posture.FAIL_CLOSED && !probe && hasLlm && !(decision instanceof Decision.Block)) {
            SamplingDecision s = sampler.decide(policy.riskTier(), decision, evaluation.context());
            if (s.judge()) {
                Finding f = new Finding(
                        Category.JUDGE,
                        JUDGE_UNAVAILABLE,
                        0,
                        evaluation.content().length(),
                        1.0,
                        "judge");
                Decision closed = failClosed(decision, f, pacePolicy.failClosedAction());
                return new Judgement(closed, null, false, posture);
            }
        }
        JudgeOutcome outcome = cascade.evaluate(policy.riskTier(), decision, request);
        if (asyncQueue != null && outcome.mode() == Mode.ASYNC && outcome.llmStep() == JudgeOutcome.LlmStep.QUEUED) {
            pendingAsync.put(
                    decision.decisionId(),
                    new Pending(decision, evaluation.context(), evaluation.content(), nanoTime.getAsLong()));
        }
        if (decision instanceof Decision.Block) {
            return new Judgement(decision, outcome, false, posture);
        }
        return switch (outcome.verdict().verdict()) {
            case PASS -> new Judgement(decision, outcome, false, posture);
            case REVIEW -> new Judgement(decision, outcome, true, posture);
            case ESCALATE -> {
                double score = 1.0 - outcome.verdict().minScore();
                Finding f = new Finding(
                        Category.JUDGE,
                        "judge_escalate",
                        0,
                        evaluation.content().length(),
                        Math.max(0.0, Math.min(1.0, score)),
                        outcome.verdict().judge());
                yield new Judgement(escalate(decision, f, JUDGE_ESCALATED), outcome, false, posture);
            }
        };
    }

    private boolean probeDue(Instant now) {
        long ms = now.toEpochMilli();
        long last = lastProbeMillis.get();
        return ms - last >= PROBE_INTERVAL.toMillis() && lastProbeMillis.compareAndSet(last, ms);
    }

    private static Decision failClosed(Decision d, Finding f, Action action) {
        return action == Action.ESCALATE
                ? escalate(d, f, JUDGE_UNAVAILABLE)
                : new Decision.Block(
                        d.decisionId(),
                        d.policyRevision(),
                        d.stage(),
                        with(d.findings(), f),
                        d.checks(),
                        JUDGE_UNAVAILABLE);
    }

    private static Decision escalate(Decision d, Finding f, String reason) {
        return new Decision.Escalate(
                d.decisionId(), d.policyRevision(), d.stage(), with(d.findings(), f), d.checks(), reason);
    }

    private static List<Finding> with(List<Finding> findings, Finding f) {
        List<Finding> out = new ArrayList<>(findings.size() + 1);
        out.addAll(findings);
        out.add(f);
        return out;
    }

    /** An async LLM verdict arrived: content already released, so REVIEW or ESCALATE opens a review. */
    private void onAsyncResult(AsyncJudgeResult r) {
        Pending p = pendingAsync.remove(r.decisionId());
        if (p == null || r.status() != AsyncJudgeResult.Status.JUDGED) {
            if (r.status() == AsyncJudgeResult.Status.FAILED && p != null) {
                breakers.record(
                        scopes(null, p.context())
                                .subList(1, scopes(null, p.context()).size()),
                        Outcome.JUDGE_FAILURE,
                        clock.instant());
            }
            return;
        }
        if (r.verdict().verdict() == JudgeVerdict.Verdict.PASS) {
            return;
        }
        Finding f = new Finding(
                Category.JUDGE,
                r.verdict().verdict() == JudgeVerdict.Verdict.ESCALATE ? "judge_escalate" : "judge_review",
                0,
                p.content().length(),
                Math.max(0.0, Math.min(1.0, 1.0 - r.verdict().minScore())),
                r.verdict().judge());
        Decision flagged = escalate(p.decision(), f, JUDGE_ESCALATED);
        try {
            oversight.sample(
                    flagged,
                    p.context(),
                    policy.riskTier(),
                    p.content(),
                    enforcer.excerpt(p.content(), flagged.findings()));
        } catch (RuntimeException e) {
            pace.observe(Layer.OVERSIGHT, Duration.ZERO, false, clock.instant());
        }
    }

    /** Feeds an upstream model call's outcome to the breakers of its scopes. */
    public void recordUpstream(String endpoint, RequestContext ctx, boolean ok) {
        List<Scope> scopes = scopes(endpoint, ctx);
        breakers.record(
                scopes.subList(1, scopes.size()), ok ? Outcome.SUCCESS : Outcome.UPSTREAM_ERROR, clock.instant());
        if (listener != null) {
            try {
                listener.upstream(endpoint, ctx, ok);
            } catch (RuntimeException e) {
                // Metrics never decide a request.
            }
        }
    }

    /** Periodic work: expires tickets past their SLA, moves breaker and PACE clocks, forgets old watches. */
    /**
     * {@link #tick()} at most once a second, for serverless entry points that have no timer of their
     * own between invocations: every request calls it.
     */
    public void tickIfDue() {
        long now = clock.millis();
        long last = lastTick.get();
        if (now - last >= TICK_EVERY_MILLIS && lastTick.compareAndSet(last, now)) {
            tick();
        }
    }

    public List<Escalation> tick() {
        Instant now = clock.instant();
        List<Escalation> expired = oversight.sweep(now);
        breakers.tick(now);
        pace.tick(now);
        sampler.sweep(now);
        return expired;
    }

    @Override
    public void close() {
        if (asyncQueue != null) {
            asyncQueue.close();
        }
    }

    /** Reports every LLM judge call to PACE, so a slow or failing judge moves the layer's state. */
    private final class ObservedJudge implements Judge {
        private final Judge inner;

        ObservedJudge(Judge inner) {
            this.inner = inner;
        }

        @Override
        public String id() {
            return inner.id();
        }

        @Override
        public JudgeVerdict judge(JudgeRequest request) {
            long t0 = nanoTime.getAsLong();
            try {
                JudgeVerdict v = inner.judge(request);
                pace.observe(Layer.JUDGE, Duration.ofNanos(nanoTime.getAsLong() - t0), true, clock.instant());
                return v;
            } catch (JudgeException e) {
                pace.observe(Layer.JUDGE, Duration.ofNanos(nanoTime.getAsLong() - t0), false, clock.instant());
                throw e;
            }
        }
    }

    /** Builds a {@link Gateway}; the evidence sink and the escalation store are required. */
    public static final class Builder {
        private final Policy policy;
        private EvidenceSink evidence;
        private EscalationStore escalations;
        private FlagSource flags = FlagSnapshot::empty;
        private Judge llmJudge;
        private AsyncJudgeSubmitter asyncJudge;
        private GatewayListener listener;
        private ExternalScreen screen;
        private Action screenAction = Action.BLOCK;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();
        private LongSupplier nanoTime = System::nanoTime;
        private RandomGenerator random = new java.util.SplittableRandom();
        private final Map<String, Guardrail> guardrails = new LinkedHashMap<>();

        private Builder(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        public Builder evidence(EvidenceSink s) {
            this.evidence = s;
            return this;
        }

        public Builder escalations(EscalationStore s) {
            this.escalations = s;
            return this;
        }

        /** The human kill switches (none by default). */
        public Builder flags(FlagSource f) {
            this.flags = f;
            return this;
        }

        /** The LLM judge (none by default: the cascade ends at the in-process classifier). */
        public Builder llmJudge(Judge j) {
            this.llmJudge = j;
            return this;
        }

        /**
         * Sends asynchronously judged content to a platform queue instead of the in-process queue
         * (needs an LLM judge too: tool calls and inline stages are judged here, before they act).
         */
        public Builder asyncJudge(AsyncJudgeSubmitter s) {
            this.asyncJudge = s;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        public Builder ids(Supplier<String> s) {
            this.ids = s;
            return this;
        }

        public Builder nanoTime(LongSupplier n) {
            this.nanoTime = n;
            return this;
        }

        /**
         * A platform's own guardrail service screening every content after the core's guardrails, and
         * what its findings do ({@code BLOCK}, {@code ESCALATE}, or {@code ALLOW} to record them only).
         */
        public Builder screen(ExternalScreen s, Action onFindings) {
            if (onFindings == Action.REDACT) {
                throw new IllegalArgumentException(
                        "a screen's findings cannot be redacted: it gives no spans to trust");
            }
            this.screen = Objects.requireNonNull(s, "screen");
            this.screenAction = Objects.requireNonNull(onFindings, "onFindings");
            return this;
        }

        /** Learns of every decision and upstream call (for metrics); none by default. */
        public Builder listener(GatewayListener l) {
            this.listener = l;
            return this;
        }

        /** The randomness of judge sampling. */
        public Builder random(RandomGenerator r) {
            this.random = r;
            return this;
        }

        /** Replaces a detector (for tests and custom detectors). */
        public Builder guardrail(String detector, Guardrail g) {
            guardrails.put(detector, g);
            return this;
        }

        public Gateway build() {
            return new Gateway(this);
        }
    }
}
