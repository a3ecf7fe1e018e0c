package io.airs.databricks.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.classifier.InlineClassifier;
import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.judge.ClassifierJudge;
import io.airs.core.judge.FindingsScorer;
import io.airs.core.judge.Judge;
import io.airs.core.judge.JudgeCascade;
import io.airs.core.judge.JudgeConfig;
import io.airs.core.judge.JudgeOutcome;
import io.airs.core.judge.JudgeRequest;
import io.airs.core.judge.JudgeSampler;
import io.airs.core.judge.JudgeSamplerConfig;
import io.airs.core.judge.JudgeVerdict;
import io.airs.core.judge.Mode;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.Oversight;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.Policy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Judges inference-table rows with the core, one partition at a time: the guardrails (and the inline
 * classifier when the policy runs it) on the request's messages and the response's choices, the
 * judge cascade (the findings classifier, then the LLM judge on a different endpoint for the sampled
 * and flagged), and oversight, which opens a ticket for what the guardrails blocked or escalated and
 * what the judge escalated, and a sampling review for what it was unsure of. The content was already
 * served, so a block here is an incident for a person, not a refusal.
 *
 * <p>Built once per partition (policy, detectors, classifier model, judge client), never per row.
 * Nothing it emits holds raw text: findings carry offsets and scores, excerpts are redacted by the
 * policy, and evidence keeps content hashes.
 */
final class RowJudge {

    private static final String SOURCE = "inference_table";

    private final JobSettings settings;
    private final Policy policy;
    private final RiskTier tier;
    private final Clock clock;
    private final StableIds ids = new StableIds();
    private final Enforcer enforcer;
    private final JudgeCascade cascade;
    private final Oversight oversight;
    private final TableEscalations store = new TableEscalations();
    private final InMemoryEvidenceSink drafts;
    private final EvidenceCodec codec = new EvidenceCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final String criteria;

    /**
     * @param settings the run's settings
     * @param llm the LLM judge, or null when the policy turns the judge layer off
     * @param clock the time of verdicts, tickets and evidence
     * @param seed the seed of this partition's sampling draws
     */
    RowJudge(JobSettings settings, Judge llm, Clock clock, long seed) {
        this.settings = settings;
        this.policy = settings.policy();
        this.tier = policy.riskTier();
        this.clock = clock;
        this.criteria = policy.description() == null ? "" : policy.description();
        // Drafts are sealed provisionally here and chained for real on the driver.
        this.drafts = new InMemoryEvidenceSink(64);
        this.enforcer = Enforcer.builder(policy)
                .evidence(drafts)
                .clock(clock)
                .ids(ids::decision)
                .build();
        boolean judgeOn = policy.judge().enabled() == null || policy.judge().enabled();
        if (judgeOn) {
            JudgeSamplerConfig sc = LayerConfigs.sampler(policy);
            if (settings.sampleRate() != null) {
                sc = sc.withRate(tier, settings.sampleRate());
            }
            // The job is itself the asynchronous judge: whatever it selects is judged now.
            for (Stage s : Stage.values()) {
                sc = sc.withMode(s, Mode.INLINE);
            }
            JudgeConfig jc = LayerConfigs.judge(policy);
            JudgeCascade.Builder cb = JudgeCascade.builder(
                            new ClassifierJudge(new FindingsScorer(), jc),
                            new JudgeSampler(sc, clock, new SplittableRandom(seed)))
                    .config(jc);
            if (llm != null) {
                cb.llm(llm);
            }
            this.cascade = cb.build();
        } else {
            this.cascade = null;
        }
        this.oversight = Oversight.builder(store, drafts)
                .config(LayerConfigs.oversight(policy))
                .clock(clock)
                .tickets(ids::ticket)
                .recordIds(ids::record)
                .build();
    }

    private record StageVerdict(Decision decision, JudgeOutcome judge, Escalation ticket) {}

    /** Judges one inference-table row into one row of {@link JobSchemas#judged()}. */
    Row judge(Row in) {
        String requestId = in.getAs("databricks_request_id");
        String served = in.getAs("served_entity_id");
        String requester = in.getAs("requester");
        Timestamp requestTime = in.getAs("request_time");
        Integer status = in.getAs("status_code");
        ChatTexts texts = ChatTexts.of(json, in.getAs("request"), in.getAs("response"));
        RequestContext ctx = new RequestContext(requestId, requester, null, null, null, null, served);
        Instant now = clock.instant();
        List<String> evidence = new ArrayList<>();

        StageVerdict input = stage(Stage.INPUT, texts.input(), ctx, evidence);
        StageVerdict context = texts.context() == null ? null : stage(Stage.CONTEXT, texts.context(), ctx, evidence);
        StageVerdict output = texts.output() == null ? null : stage(Stage.OUTPUT, texts.output(), ctx, evidence);

        // The request's action covers what the user sent and the tool output it carried.
        Action inAction = context == null
                ? action(input.decision())
                : action(input.decision()).max(action(context.decision()));
        Action outAction = output == null ? Action.ALLOW : action(output.decision());
        Action all = inAction.max(outAction);
        ArrayNode findings = json.createArrayNode();
        Double classifierScore = null;
        boolean sampled = false;
        JudgeVerdict llm = null;
        String judgeReason = null;
        String ticket = null;
        List<Row> escalations = new ArrayList<>();
        List<StageVerdict> verdicts = new ArrayList<>(3);
        verdicts.add(input);
        if (context != null) {
            verdicts.add(context);
        }
        if (output != null) {
            verdicts.add(output);
        }
        for (StageVerdict v : verdicts) {
            for (Finding f : v.decision().findings()) {
                findings.addObject()
                        .put("category", f.category().wireName())
                        .put("type", f.type())
                        .put("stage", v.decision().stage().wireName())
                        .put("start", f.start())
                        .put("end", f.end())
                        .put("score", f.score())
                        .put("detector", f.detector());
                if (InlineClassifier.ID.equals(f.detector())) {
                    classifierScore = Math.max(classifierScore == null ? 0.0 : classifierScore, f.score());
                }
            }
            JudgeOutcome o = v.judge();
            if (o != null
                    && (o.llmStep() == JudgeOutcome.LlmStep.JUDGED || o.llmStep() == JudgeOutcome.LlmStep.FAILED)) {
                sampled = true;
                if (o.llm() != null && (llm == null || o.llm().minScore() < llm.minScore())) {
                    llm = o.llm();
                }
                if (o.failure() != null) {
                    judgeReason = "judge_failed:" + o.failure().wireName();
                }
            }
            if (o != null && o.verdict().verdict() != JudgeVerdict.Verdict.PASS) {
                all = all.max(Action.ESCALATE);
            }
            if (v.ticket() != null) {
                if (ticket == null) {
                    ticket = v.ticket().ticket();
                }
                escalations.add(escalationRow(v.ticket()));
            }
        }
        if (java.util.stream.Stream.of(Stage.INPUT, Stage.CONTEXT, Stage.OUTPUT)
                .anyMatch(st -> policy.checks(st).stream().anyMatch(c -> "classifier".equals(c.detector())))) {
            classifierScore = classifierScore == null ? 0.0 : classifierScore;
        }
        String judgeAction = null;
        Double judgeScore = null;
        if (llm != null) {
            judgeAction = llm.verdict() == JudgeVerdict.Verdict.PASS ? "allow" : "escalate";
            judgeScore = llm.minScore();
            judgeReason = "judge_" + llm.verdict().wireName().toLowerCase(Locale.ROOT);
        }
        return RowFactory.create(
                requestId,
                settings.endpoint(),
                served,
                requestTime,
                status,
                inAction.wireName(),
                outAction.wireName(),
                all.wireName(),
                findings.toString(),
                classifierScore,
                sampled,
                judgeAction,
                judgeScore,
                judgeReason,
                ticket,
                policy.revision(),
                Timestamp.from(now),
                escalations.toArray(),
                evidence.toArray(String[]::new));
    }

    private StageVerdict stage(Stage stage, String content, RequestContext ctx, List<String> evidence) {
        ids.at(settings.endpoint(), ctx.requestId(), stage.wireName());
        Evaluation evaluation = new Evaluation(stage, content, ctx);
        Decision d = enforcer.assess(evaluation);
        JudgeOutcome o = cascade == null
                ? null
                : cascade.evaluate(tier, d, new JudgeRequest(stage, content, d.findings(), criteria, ctx));
        String excerpt = enforcer.excerpt(content, d.findings());
        Escalation ticket = null;
        int before = drafts.records().size();
        long appended = drafts.appendedCount();
        switch (d) {
            case Decision.Escalate e -> ticket = oversight.escalate(e, ctx, tier, content, excerpt);
            case Decision.Block b ->
                ticket = oversight.escalate(asEscalation(b, b.findings(), b.reason()), ctx, tier, content, excerpt);
            default -> {
                if (o != null && o.humanNeeded()) {
                    List<Finding> fs = new ArrayList<>(d.findings());
                    fs.add(judgeFinding(o, content));
                    ticket = oversight.escalate(asEscalation(d, fs, "judge"), ctx, tier, content, excerpt);
                } else if (o != null && o.verdict().verdict() == JudgeVerdict.Verdict.REVIEW) {
                    ticket = oversight.sample(d, ctx, tier, content, excerpt);
                }
            }
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("source", SOURCE);
        extra.put("endpoint", settings.endpoint());
        if (o != null) {
            extra.putAll(o.toEvidenceExtra());
        }
        if (ticket != null) {
            extra.put("ticket", ticket.ticket());
        }
        drafts.append(EvidenceDraft.fromDecision(
                d,
                ctx.requestId(),
                clock.instant(),
                new Identities(ctx.user(), ctx.agent(), ctx.session(), ctx.tenant()),
                ctx.model(),
                tier,
                EvidenceDraft.hashContent(content),
                excerpt,
                extra));
        List<EvidenceRecord> held = drafts.records();
        long added = drafts.appendedCount() - appended;
        for (int i = (int) Math.max(0, held.size() - added); i < held.size(); i++) {
            evidence.add(codec.write(held.get(i)));
        }
        return new StageVerdict(d, o, ticket);
    }

    private static Decision.Escalate asEscalation(Decision d, List<Finding> findings, String reason) {
        return new Decision.Escalate(d.decisionId(), d.policyRevision(), d.stage(), findings, d.checks(), reason);
    }

    private static Finding judgeFinding(JudgeOutcome o, String content) {
        return new Finding(
                Category.JUDGE,
                "judge_escalate",
                0,
                content.length(),
                Math.max(0.0, Math.min(1.0, 1.0 - o.verdict().minScore())),
                o.verdict().judge());
    }

    private Row escalationRow(Escalation e) {
        ArrayNode fs = json.createArrayNode();
        for (Finding f : e.findings()) {
            fs.addObject()
                    .put("category", f.category().wireName())
                    .put("type", f.type())
                    .put("stage", e.stage().wireName())
                    .put("start", f.start())
                    .put("end", f.end())
                    .put("score", f.score())
                    .put("detector", f.detector());
        }
        return RowFactory.create(
                e.ticket(),
                e.requestId(),
                settings.endpoint(),
                e.queue().wireName(),
                e.reason() == null ? "unspecified" : e.reason(),
                fs.toString(),
                e.redactedExcerpt(),
                Timestamp.from(e.createdAt()),
                Timestamp.from(e.deadline()),
                "pending",
                null,
                null,
                null,
                null,
                null);
    }

    private static Action action(Decision d) {
        return switch (d) {
            case Decision.Allow a -> Action.ALLOW;
            case Decision.Modify m -> Action.REDACT;
            case Decision.Escalate e -> Action.ESCALATE;
            case Decision.Block b -> Action.BLOCK;
        };
    }
}
