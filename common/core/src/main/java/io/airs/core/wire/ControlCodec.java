package io.airs.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Finding;
import io.airs.core.breaker.BreakerView;
import io.airs.core.evidence.Identities;
import io.airs.core.gateway.Gateway;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.Outcome;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.ReviewQuality;
import io.airs.core.pace.LayerReport;
import io.airs.core.pace.PaceReport;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The wire form of the control layers: escalation tickets and their outcomes, reviewer decisions,
 * breaker and PACE status. Shared by every entry point, like {@link WireCodec}.
 */
public final class ControlCodec {

    private static final Set<String> DECISION_FIELDS = Set.of("decision", "reviewer", "note", "content");

    private final ObjectMapper mapper;

    public ControlCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A ticket as reviewers see it: findings and the redacted excerpt, never held content unless allowed. */
    public ObjectNode escalation(Escalation e) {
        ObjectNode n = mapper.createObjectNode();
        n.put("ticket", e.ticket());
        n.put("queue", e.queue().wireName());
        n.put("status", e.status().name().toLowerCase(Locale.ROOT));
        n.put("created_at", e.createdAt().toString());
        n.put("deadline", e.deadline().toString());
        n.put("stage", e.stage().wireName());
        n.put("decision_id", e.decisionId());
        putIfSet(n, "request_id", e.requestId());
        putIfSet(n, "reason", e.reason());
        putIfSet(n, "policy_revision", e.policyRevision());
        n.put("risk_tier", e.riskTier().name());
        n.set("findings", findings(e.findings()));
        putIfSet(n, "redacted_excerpt", e.redactedExcerpt());
        Identities ids = e.identities();
        if (ids != null) {
            ObjectNode i = n.putObject("identities");
            putIfSet(i, "user", ids.user());
            putIfSet(i, "agent", ids.agent());
            putIfSet(i, "session", ids.session());
            putIfSet(i, "tenant", ids.tenant());
        }
        putIfSet(n, "reviewer", e.reviewer());
        putIfSet(n, "note", e.note());
        if (e.decidedAt() != null) {
            n.put("decided_at", e.decidedAt().toString());
        }
        putIfSet(n, "outcome_content", e.outcomeContent());
        putIfSet(n, "held_content", e.heldContent());
        return n;
    }

    /**
     * Adds what the other layers did to a native decision: the ticket and where to poll it, a
     * sampling review, an open breaker's fallback, the judge's verdict.
     */
    public void addControl(ObjectNode out, Gateway.Result r) {
        if (r.ticket() != null) {
            out.put("ticket", r.ticket().ticket());
            out.put("queue", r.ticket().queue().wireName());
            out.put("deadline", r.ticket().deadline().toString());
            out.put("poll", "/v1/escalations/" + r.ticket().ticket());
        }
        if (r.review() != null) {
            out.put("review_ticket", r.review().ticket());
        }
        if (r.circuitOpen()) {
            out.put("fallback", r.fallback());
            out.put("breaker_scope", r.admission().scope().wire());
        }
        if (r.judge() != null) {
            ObjectNode j = out.putObject("judge");
            j.put("verdict", r.judge().verdict().verdict().wireName());
            j.put("mode", r.judge().mode().name().toLowerCase(Locale.ROOT));
            j.put("trigger", r.judge().trigger().name().toLowerCase(Locale.ROOT));
        }
    }

    /** What the caller waiting on a ticket receives. */
    public ObjectNode outcome(Outcome o) {
        ObjectNode n = mapper.createObjectNode();
        switch (o) {
            case Outcome.Pending p -> {
                n.put("ticket", p.ticket());
                n.put("status", "pending");
                n.put("queue", p.queue().wireName());
                n.put("deadline", p.deadline().toString());
            }
            case Outcome.Approved a -> {
                n.put("ticket", a.ticket());
                n.put("status", "approved");
                n.put("content", a.content());
            }
            case Outcome.Modified m -> {
                n.put("ticket", m.ticket());
                n.put("status", "modified");
                n.put("content", m.content());
            }
            case Outcome.Denied d -> {
                n.put("ticket", d.ticket());
                n.put("status", "denied");
                n.put("reason", d.reason());
                n.put("message", d.message());
            }
        }
        return n;
    }

    /**
     * Reads {@code {"decision": "approve|deny|modify|escalate", "reviewer", "note"?, "content"?}}.
     *
     * @throws WireException naming the field that is missing or wrong
     */
    public ReviewDecision readReviewDecision(JsonNode n) {
        if (!n.isObject()) {
            throw new WireException("", "expected a JSON object, got " + WireCodec.kind(n));
        }
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
            String f = names.next();
            if (!DECISION_FIELDS.contains(f)) {
                throw new WireException(f, "unknown field (expected content, decision, note, reviewer)");
            }
        }
        String decision = text(n, "decision");
        if (decision == null) {
            throw new WireException("decision", "required (approve, deny, modify or escalate)");
        }
        ReviewDecision.Kind kind;
        try {
            kind = ReviewDecision.Kind.valueOf(decision.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new WireException("decision", "'" + decision + "' is not one of approve, deny, modify, escalate");
        }
        try {
            return new ReviewDecision(kind, text(n, "reviewer"), text(n, "note"), text(n, "content"));
        } catch (InvalidReviewException e) {
            throw new WireException(e.field(), e.getMessage());
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new WireException(field, "expected a string, got " + WireCodec.kind(v));
        }
        return v.asText();
    }

    /** Every breaker scope with its state and window counts. */
    public ArrayNode breakers(List<BreakerView> views) {
        ArrayNode a = mapper.createArrayNode();
        for (BreakerView v : views) {
            ObjectNode n = a.addObject();
            n.put("scope", v.scope().wire());
            n.put("state", v.state().name().toLowerCase(Locale.ROOT));
            n.put("source", v.source().name().toLowerCase(Locale.ROOT));
            putIfSet(n, "reason", v.reason());
            if (v.since() != null) {
                n.put("since", v.since().toString());
            }
            ObjectNode c = n.putObject("window");
            c.put("total", v.counts().total());
            c.put("blocked", v.counts().blocked());
            c.put("upstream_errors", v.counts().upstreamErrors());
            c.put("judge_failures", v.counts().judgeFailures());
            c.put("agent_blocks", v.counts().agentBlocks());
        }
        return a;
    }

    /** PACE state per layer. */
    public ObjectNode pace(PaceReport r) {
        ObjectNode n = mapper.createObjectNode();
        n.put("global_trip", r.globalTrip());
        ObjectNode layers = n.putObject("layers");
        for (LayerReport l : r.layers()) {
            ObjectNode x = layers.putObject(l.layer().name().toLowerCase(Locale.ROOT));
            x.put("state", l.state().name().toLowerCase(Locale.ROOT));
            if (l.since() != null) {
                x.put("since", l.since().toString());
            }
            putIfSet(x, "reason", l.reason());
            x.put("verdict", l.verdict().name().toLowerCase(Locale.ROOT));
            x.put("calls", l.calls());
            x.put("error_rate", round(l.errorRate()));
            x.put("mean_latency_ms", millis(l.meanLatency()));
            x.put("baseline_ms", millis(l.baseline()));
            x.put("latency_ratio", round(l.latencyRatio()));
        }
        return n;
    }

    /** The review-quality signals per reviewer. */
    public ObjectNode reviewQuality(ReviewQuality.Report r) {
        ObjectNode n = mapper.createObjectNode();
        ArrayNode a = n.putArray("reviewers");
        for (ReviewQuality.ReviewerStats s : r.reviewers()) {
            ObjectNode x = a.addObject();
            x.put("reviewer", s.reviewer());
            x.put("decisions", s.decisions());
            x.put("approval_rate", round(s.approvalRate()));
            x.put("median_decision_s", seconds(s.medianDecisionTime()));
            x.put("p10_decision_s", seconds(s.p10DecisionTime()));
            x.put("flagged", s.flagged());
            putIfSet(x, "reason", s.reason());
        }
        return n;
    }

    private ArrayNode findings(List<Finding> findings) {
        ArrayNode a = mapper.createArrayNode();
        for (Finding f : findings) {
            ObjectNode x = a.addObject();
            x.put("category", f.category().wireName());
            x.put("type", f.type());
            x.put("start", f.start());
            x.put("end", f.end());
            x.put("score", round(f.score()));
            x.put("detector", f.detector());
        }
        return a;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static double round(double d) {
        return Double.isFinite(d) ? Math.round(d * 1000) / 1000.0 : 0.0;
    }

    private static double millis(Duration d) {
        return d == null ? 0.0 : round(d.toNanos() / 1e6);
    }

    private static double seconds(Duration d) {
        return d == null ? 0.0 : round(d.toMillis() / 1000.0);
    }
}
