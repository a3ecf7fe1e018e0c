package io.airs.core.pipeline;

import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.Identities;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.normalize.NormalizedText;
import io.airs.core.normalize.Normalizer;
import io.airs.core.normalize.TextView;
import io.airs.core.policy.Policy;
import io.airs.core.redact.PseudonymVault;
import io.airs.core.redact.Redaction;
import io.airs.core.redact.Redactor;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The enforcement pipeline for one policy: normalise the content, run the stage's guardrails over
 * the normalised text and every decoded payload, combine what fired (block beats escalate beats
 * modify beats allow), redact when the policy says so, and record one evidence record per decision.
 *
 * <p>A guardrail that throws never escapes: it becomes a finding and the policy's fail posture. An
 * instance is immutable and thread-safe; build one per policy and share it.
 *
 * <pre>{@code
 * Enforcer enforcer = Enforcer.builder(PolicyLoader.defaultPolicy()).evidence(sink).build();
 * Decision d = enforcer.evaluate(Evaluation.of(Stage.INPUT, prompt));
 * }</pre>
 */
public final class Enforcer {

    private static final String LIMIT_DETECTOR = "limit";
    private static final String EVIDENCE_FAILURE = "evidence_unavailable";

    private final Policy policy;
    private final Normalizer normalizer;
    private final Map<Stage, CompiledCheck[]> checks;
    private final Redactor redactor;
    private final ExcerptBuilder excerpts;
    private final EvidenceSink evidence;
    private final Clock clock;
    private final Supplier<String> ids;
    private final LongSupplier nanoTime;

    private record CompiledCheck(
            Policy.CheckConfig config, Guardrail guardrail, Category errorCategory, Set<String> types) {

        boolean admits(Finding f) {
            return f.score() >= config.threshold() && (types.isEmpty() || types.contains(f.type()));
        }
    }

    private Enforcer(Builder b) {
        this.policy = b.policy;
        this.evidence = Objects.requireNonNull(b.evidence, "evidence sink");
        this.clock = b.clock;
        this.ids = b.ids;
        this.nanoTime = b.nanoTime;
        this.normalizer = Guardrails.normalizer(policy);
        this.redactor = Guardrails.redactor(policy, b.vault);
        Map<String, Guardrail> detectors = Guardrails.forPolicy(policy, b.overrides);
        this.checks = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            this.checks.put(
                    stage,
                    policy.checks(stage).stream()
                            .map(c -> new CompiledCheck(
                                    c,
                                    Guardrails.forCheck(c, detectors, normalizer),
                                    Guardrails.categoryOf(c.detector()),
                                    Set.copyOf(c.types())))
                            .toArray(CompiledCheck[]::new));
        }
        this.excerpts = new ExcerptBuilder(detectors.get("pii"), detectors.get("secret"));
    }

    /** Starts building an enforcer for {@code policy}. */
    public static Builder builder(Policy policy) {
        return new Builder(policy);
    }

    /** The policy this enforcer applies. */
    public Policy policy() {
        return policy;
    }

    /** Checks one piece of content and records the evidence. Never throws for any content. */
    public Decision evaluate(Evaluation evaluation) {
        return record(evaluation, assess(evaluation), Map.of());
    }

    /**
     * Checks one piece of content without recording evidence, for callers that add later layers
     * (judge, oversight) to the decision and then {@link #record} it once. Never throws for any content.
     */
    public Decision assess(Evaluation evaluation) {
        String decisionId = ids.get();
        String content = evaluation.content();
        Stage stage = evaluation.stage();
        List<Finding> fired = new ArrayList<>();
        List<CheckResult> results = new ArrayList<>();
        List<Finding> toRedact = new ArrayList<>();
        Action strongest = Action.ALLOW;
        Finding reasonFinding = null;

        if (content.length() > policy.limits().maxContentChars()) {
            Finding f = new Finding(Category.LIMIT, "max_content_chars", 0, content.length(), 1.0, LIMIT_DETECTOR);
            fired.add(f);
            results.add(new CheckResult(LIMIT_DETECTOR, LIMIT_DETECTOR, CheckResult.FIRED, Action.BLOCK, 1.0, 0));
            strongest = Action.BLOCK;
            reasonFinding = f;
        } else {
            NormalizedText text = normalizer.normalize(content);
            for (CompiledCheck check : checks.get(stage)) {
                long start = nanoTime.getAsLong();
                Action action = Action.ALLOW;
                String verdict = CheckResult.PASS;
                double score = 0;
                int before = fired.size();
                try {
                    List<Finding> found = scan(check, text);
                    for (Finding f : found) {
                        if (check.admits(f)) {
                            fired.add(f);
                            score = Math.max(score, f.score());
                        }
                    }
                    if (fired.size() > before) {
                        verdict = CheckResult.FIRED;
                        action = check.config().action();
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    fired.subList(before, fired.size()).clear();
                    fired.add(new Finding(
                            check.errorCategory(),
                            "detector_error",
                            0,
                            0,
                            1.0,
                            check.guardrail().id()));
                    verdict = CheckResult.ERROR;
                    action = policy.failPosture();
                    score = 1.0;
                }
                results.add(new CheckResult(
                        check.config().name(),
                        check.guardrail().id(),
                        verdict,
                        action,
                        score,
                        nanoTime.getAsLong() - start));
                if (action == Action.REDACT) {
                    toRedact.addAll(fired.subList(before, fired.size()));
                }
                if (action.ordinal() > strongest.ordinal()
                        || (action == strongest && action != Action.ALLOW && reasonFinding == null)) {
                    strongest = action;
                    reasonFinding = top(fired, before);
                }
            }
        }

        return decide(decisionId, stage, content, fired, results, toRedact, strongest, reasonFinding, evaluation);
    }

    private static Finding top(List<Finding> fired, int from) {
        Finding best = null;
        for (int i = from; i < fired.size(); i++) {
            if (best == null || fired.get(i).score() > best.score()) {
                best = fired.get(i);
            }
        }
        return best;
    }

    private List<Finding> scan(CompiledCheck check, NormalizedText text) {
        List<Finding> out = new ArrayList<>(4);
        scanView(check.guardrail(), text.primary(), out);
        for (TextView view : text.decoded()) {
            scanView(check.guardrail(), view, out);
        }
        if (check.errorCategory() == Category.PROMPT_INJECTION) {
            out.addAll(text.signals());
        }
        return out;
    }

    private static void scanView(Guardrail guardrail, TextView view, List<Finding> out) {
        int from = out.size();
        guardrail.scan(view.text(), out);
        int kept = from;
        for (int i = from; i < out.size(); i++) {
            Finding f = out.get(i);
            int s = view.originalStart(f.start());
            int e = Math.max(s, view.originalEnd(f.end()));
            if (s != f.start() || e != f.end()) {
                f = f.withSpan(s, e);
            }
            // a view that keeps most of the text (leetspeak read as letters) finds again what the
            // views before it found; the same finding on the same span is reported once
            if (!seen(out, from, f)) {
                out.set(kept++, f);
            }
        }
        out.subList(kept, out.size()).clear();
    }

    private static boolean seen(List<Finding> out, int before, Finding f) {
        for (int i = 0; i < before; i++) {
            Finding g = out.get(i);
            if (g.start() == f.start()
                    && g.end() == f.end()
                    && g.category() == f.category()
                    && g.type().equals(f.type())) {
                return true;
            }
        }
        return false;
    }

    private Decision decide(
            String id,
            Stage stage,
            String content,
            List<Finding> fired,
            List<CheckResult> results,
            List<Finding> toRedact,
            Action strongest,
            Finding reason,
            Evaluation evaluation) {
        String rev = policy.revision();
        String reasonCode = reason == null ? null : reason.category().wireName();
        return switch (strongest) {
            case ALLOW -> new Decision.Allow(id, rev, stage, fired, results);
            case REDACT -> {
                // Without a session, placeholders and pseudonyms are scoped to this one decision.
                String session = evaluation.context().session();
                Redaction r = redactor.redact(content, toRedact, session == null ? id : session);
                yield new Decision.Modify(id, rev, stage, fired, results, r.text());
            }
            case ESCALATE -> new Decision.Escalate(id, rev, stage, fired, results, reasonCode);
            case BLOCK -> new Decision.Block(id, rev, stage, fired, results, reasonCode);
        };
    }

    /** The redacted excerpt evidence and reviewers see instead of {@code content}. */
    public String excerpt(String content, List<Finding> findings) {
        return excerpts.excerpt(content, findings, policy.evidence().excerptChars());
    }

    /**
     * Records the evidence of {@code decision} about {@code evaluation}, with layer-specific fields in
     * {@code extra}. Returns the decision, or the policy's fail posture when it cannot be recorded.
     */
    public Decision record(Evaluation evaluation, Decision decision, Map<String, String> extra) {
        RequestContext ctx = evaluation.context();
        String requestId = ctx.requestId() == null ? decision.decisionId() : ctx.requestId();
        try {
            evidence.append(EvidenceDraft.fromDecision(
                    decision,
                    requestId,
                    clock.instant(),
                    new Identities(ctx.user(), ctx.agent(), ctx.session(), ctx.tenant()),
                    ctx.model(),
                    policy.riskTier(),
                    EvidenceDraft.hashContent(evaluation.content()),
                    excerpt(evaluation.content(), decision.findings()),
                    extra));
            return decision;
        } catch (RuntimeException e) {
            // Evidence is part of the control: a decision that cannot be recorded takes the fail posture.
            return switch (policy.failPosture()) {
                case ALLOW, REDACT -> decision;
                case ESCALATE ->
                    new Decision.Escalate(
                            decision.decisionId(),
                            decision.policyRevision(),
                            decision.stage(),
                            decision.findings(),
                            decision.checks(),
                            EVIDENCE_FAILURE);
                case BLOCK ->
                    new Decision.Block(
                            decision.decisionId(),
                            decision.policyRevision(),
                            decision.stage(),
                            decision.findings(),
                            decision.checks(),
                            EVIDENCE_FAILURE);
            };
        }
    }

    /** Builds an {@link Enforcer}; only the evidence sink is required. */
    public static final class Builder {
        private final Policy policy;
        private EvidenceSink evidence;
        private Clock clock = Clock.systemUTC();
        private Supplier<String> ids = () -> UUID.randomUUID().toString();
        private LongSupplier nanoTime = System::nanoTime;
        private PseudonymVault vault;
        private final Map<String, Guardrail> overrides = new java.util.HashMap<>();

        private Builder(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Where evidence records go (required). */
        public Builder evidence(EvidenceSink sink) {
            this.evidence = sink;
            return this;
        }

        /** The clock for evidence timestamps. */
        public Builder clock(Clock c) {
            this.clock = c;
            return this;
        }

        /** Supplies decision ids. */
        public Builder ids(Supplier<String> s) {
            this.ids = s;
            return this;
        }

        /** The monotonic time source for check latencies. */
        public Builder nanoTime(LongSupplier s) {
            this.nanoTime = s;
            return this;
        }

        /** The vault that holds reversible pseudonyms (one in memory by default). */
        public Builder vault(PseudonymVault v) {
            this.vault = v;
            return this;
        }

        /** Replaces the detector that checks named {@code detector} use. */
        public Builder guardrail(String detector, Guardrail g) {
            overrides.put(detector, g);
            return this;
        }

        public Enforcer build() {
            return new Enforcer(this);
        }
    }
}
