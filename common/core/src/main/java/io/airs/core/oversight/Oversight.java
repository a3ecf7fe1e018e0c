package io.airs.core.oversight;

import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.RequestContext;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.Identities;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Human oversight: opens escalation tickets in the queue their severity calls for, applies reviewers'
 * decisions, denies what nobody decided in time, and answers the waiting caller. Every state change
 * is an evidence record: {@code event=escalation_opened}, {@code review_decision} (with the reviewer
 * and a hash of the note) and {@code escalation_expired}. Thread-safe.
 *
 * <p>Fail safe: a ticket past its deadline is never released. {@link #sweep} expires overdue
 * tickets; {@link #decide} and {@link #outcome} also expire an overdue ticket they meet before
 * anything else, so a late approval is refused (409, EXPIRED) and the caller sees {@code
 * sla_expired}.
 *
 * <p>The store changes first and the evidence record follows. If the evidence sink fails, the call
 * throws and the state change stands; the caller must treat the exception as an evidence gap.
 *
 * <pre>{@code
 * Oversight oversight = Oversight.builder(store, evidence).clock(clock).build();
 * if (decision instanceof Decision.Escalate e) {
 *     Escalation t = oversight.escalate(e, context, RiskTier.HIGH, response, excerpt);
 *     return accepted(t.ticket(), t.deadline());
 * }
 * // later, from a reviewer:
 * oversight.decide(ticket, ReviewDecision.deny("alice", "leaks a customer's address"));
 * // and the caller polling:
 * Outcome outcome = oversight.outcome(ticket);
 * }</pre>
 */
public final class Oversight {

    private final OversightConfig config;
    private final EscalationStore store;
    private final EvidenceSink evidence;
    private final Clock clock;
    private final Supplier<String> tickets;
    private final Supplier<String> recordIds;
    // Serialises decisions with expiry so that a ticket expired here always gets its evidence record.
    private final ReentrantLock decisions = new ReentrantLock();

    private Oversight(Builder b) {
        this.config = b.config;
        this.store = b.store;
        this.evidence = b.evidence;
        this.clock = b.clock;
        this.tickets = b.tickets;
        this.recordIds = b.recordIds;
    }

    /** A builder; the store and evidence sink are required. */
    public static Builder builder(EscalationStore store, EvidenceSink evidence) {
        return new Builder(store, evidence);
    }

    /** The configuration in force. */
    public OversightConfig config() {
        return config;
    }

    /**
     * Holds {@code heldContent} for review because the pipeline escalated it. The queue comes from
     * {@link OversightConfig#routing()} applied to the decision's findings, reason and {@code tier}.
     *
     * @param decision the escalating decision (its id links the ticket to its evidence record)
     * @param context the request's identities; its request id, if any, links the evidence records
     * @param tier the risk tier the policy applied
     * @param heldContent the request or response to release on approval
     * @param redactedExcerpt a masked excerpt reviewers may see, or null
     * @return the new ticket, PENDING
     */
    public Escalation escalate(
            Decision.Escalate decision,
            RequestContext context,
            RiskTier tier,
            String heldContent,
            String redactedExcerpt) {
        Objects.requireNonNull(decision, "decision");
        return open(decision, decision.reason(), context, tier, heldContent, redactedExcerpt);
    }

    /**
     * Queues {@code content} for a sampled review (reason {@link SeverityRouting#JUDGE_SAMPLING},
     * the SAMPLING queue under the default routing). The caller need not wait for the outcome.
     */
    public Escalation sample(
            Decision decision, RequestContext context, RiskTier tier, String content, String redactedExcerpt) {
        Objects.requireNonNull(decision, "decision");
        return open(decision, SeverityRouting.JUDGE_SAMPLING, context, tier, content, redactedExcerpt);
    }

    private Escalation open(
            Decision decision,
            String reason,
            RequestContext context,
            RiskTier tier,
            String heldContent,
            String redactedExcerpt) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(heldContent, "heldContent");
        Severity queue = config.routing().route(decision.findings(), reason, tier);
        Instant now = clock.instant();
        String requestId = context.requestId() == null ? decision.decisionId() : context.requestId();
        NewEscalation n = new NewEscalation(
                tickets.get(),
                queue,
                now,
                now.plus(config.sla(queue)),
                decision.stage(),
                decision.decisionId(),
                requestId,
                reason,
                decision.policyRevision(),
                tier,
                decision.findings(),
                redactedExcerpt,
                new Identities(context.user(), context.agent(), context.session(), context.tenant()));
        Escalation e = store.open(n, heldContent);
        Map<String, String> extra = base("escalation_opened", e);
        extra.put("sla_seconds", Long.toString(config.sla(queue).toSeconds()));
        record(e, "ESCALATE", reason, now, e.redactedExcerpt(), extra);
        return e;
    }

    /**
     * Applies a reviewer's decision now (see {@link EscalationStore#decide}); each accepted decision
     * is an evidence record. Repeating an identical final decision returns the ticket unchanged and
     * records nothing new.
     *
     * @throws UnknownTicketException when there is no such ticket (404)
     * @throws AlreadyDecidedException when it is final, or expired just now (409)
     * @throws InvalidReviewException when escalating a CRITICAL ticket (400)
     */
    public Escalation decide(String ticket, ReviewDecision decision) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(decision, "decision");
        decisions.lock();
        try {
            Instant now = clock.instant();
            Escalation before = store.get(ticket).orElseThrow(() -> new UnknownTicketException(ticket));
            if (before.isOverdue(now)) {
                sweepLocked(now);
                throw new AlreadyDecidedException(ticket, EscalationStatus.EXPIRED);
            }
            Escalation after = store.decide(ticket, decision, now);
            if (!before.isOpen()) {
                return after;
            }
            Map<String, String> extra = base("review_decision", after);
            extra.put("reviewer", decision.reviewer());
            extra.put("decision", decision.decision().wireName());
            if (decision.note() != null) {
                extra.put("note_hash", EvidenceDraft.hashContent(decision.note()));
            }
            extra.put(
                    "decision_time_ms",
                    Long.toString(Duration.between(before.createdAt(), now).toMillis()));
            String verdict;
            String reason = before.reason();
            switch (decision.decision()) {
                case APPROVE -> verdict = "ALLOW";
                case DENY -> {
                    verdict = "BLOCK";
                    reason = Outcome.REVIEWER_DENIED;
                }
                case MODIFY -> {
                    verdict = "MODIFY";
                    extra.put("outcome_hash", EvidenceDraft.hashContent(decision.content()));
                }
                case ESCALATE -> {
                    verdict = "ESCALATE";
                    extra.put("from", before.queue().wireName());
                    extra.put("to", after.queue().wireName());
                }
                default -> throw new IllegalStateException();
            }
            record(after, verdict, reason, now, null, extra);
            return after;
        } finally {
            decisions.unlock();
        }
    }

    /**
     * Denies every open ticket whose deadline is before {@code now}; each expiry is an evidence
     * record (decision BLOCK, reason {@code sla_expired}). Call it periodically (every minute is
     * plenty: a ticket can never be released after its deadline anyway).
     *
     * @return the expired tickets
     */
    public List<Escalation> sweep(Instant now) {
        Objects.requireNonNull(now, "now");
        decisions.lock();
        try {
            return sweepLocked(now);
        } finally {
            decisions.unlock();
        }
    }

    private List<Escalation> sweepLocked(Instant now) {
        List<Escalation> expired = store.expire(now);
        for (Escalation e : expired) {
            Map<String, String> extra = base("escalation_expired", e);
            extra.put(
                    "overdue_ms",
                    Long.toString(Duration.between(e.deadline(), now).toMillis()));
            record(e, "BLOCK", Outcome.SLA_EXPIRED, now, null, extra);
        }
        return expired;
    }

    /**
     * What the caller waiting on {@code ticket} gets now. Only an approval returns the held content.
     *
     * @throws UnknownTicketException when there is no such ticket (404)
     */
    public Outcome outcome(String ticket) {
        Objects.requireNonNull(ticket, "ticket");
        Instant now = clock.instant();
        Escalation e = store.get(ticket).orElseThrow(() -> new UnknownTicketException(ticket));
        if (e.isOverdue(now)) {
            sweep(now);
            e = store.get(ticket).orElseThrow(() -> new UnknownTicketException(ticket));
        }
        return switch (e.status()) {
            case PENDING, ESCALATED -> new Outcome.Pending(ticket, e.queue(), e.deadline());
            case APPROVED ->
                new Outcome.Approved(
                        ticket,
                        store.heldContent(ticket)
                                .orElseThrow(() ->
                                        new IllegalStateException("approved ticket " + ticket + " lost its content")));
            case MODIFIED -> new Outcome.Modified(ticket, e.outcomeContent());
            case DENIED ->
                new Outcome.Denied(
                        ticket, Outcome.REVIEWER_DENIED, "A reviewer declined this request, so it was not completed.");
            case EXPIRED ->
                new Outcome.Denied(
                        ticket,
                        Outcome.SLA_EXPIRED,
                        "No reviewer decided on this request before its deadline, so it was not completed.");
        };
    }

    /** The ticket as reviewers see it: with its held content only if {@code showRawContent}. */
    public Optional<Escalation> get(String ticket) {
        return store.get(ticket).map(this::forReviewer);
    }

    /** Tickets as reviewers see them, earliest deadline first (see {@link EscalationStore#list}). */
    public List<Escalation> list(EscalationFilter filter, int limit) {
        List<Escalation> found = store.list(filter, limit);
        return config.showRawContent() ? found.stream().map(this::forReviewer).toList() : found;
    }

    /** Review-quality signals per reviewer over the configured window ending at {@code now}. */
    public ReviewQuality.Report reviewQuality(Instant now) {
        return new ReviewQuality(store, config.rubberStamp()).report(now);
    }

    private Escalation forReviewer(Escalation e) {
        return config.showRawContent()
                ? e.withHeldContent(store.heldContent(e.ticket()).orElse(null))
                : e;
    }

    private static Map<String, String> base(String event, Escalation e) {
        Map<String, String> extra = new HashMap<>();
        extra.put("event", event);
        extra.put("ticket", e.ticket());
        extra.put("queue", e.queue().wireName());
        extra.put("status", e.status().name());
        extra.put("escalated_decision_id", e.decisionId());
        extra.put("deadline", e.deadline().toString());
        return extra;
    }

    private void record(
            Escalation e, String verdict, String reason, Instant at, String excerpt, Map<String, String> extra) {
        List<Finding> findings = e.findings();
        Stage stage = e.stage();
        evidence.append(new EvidenceDraft(
                recordIds.get(),
                e.requestId(),
                at,
                e.identities(),
                null,
                e.policyRevision(),
                e.riskTier(),
                stage,
                verdict,
                reason,
                List.of(),
                findings,
                e.contentHash(),
                excerpt,
                extra));
    }

    /** Builds an {@link Oversight}. */
    public static final class Builder {
        private final EscalationStore store;
        private final EvidenceSink evidence;
        private OversightConfig config = OversightConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private Supplier<String> tickets;
        private Supplier<String> recordIds;

        private Builder(EscalationStore store, EvidenceSink evidence) {
            this.store = Objects.requireNonNull(store, "store");
            this.evidence = Objects.requireNonNull(evidence, "evidence");
        }

        /** SLAs, routing, raw-content visibility and rubber-stamp thresholds; default {@link OversightConfig#defaults()}. */
        public Builder config(OversightConfig c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** The clock for creation, decision and deadline times; default the UTC system clock. */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Supplies ticket ids; default {@code esc_} + 20 base32 characters from a {@link SecureRandom}. */
        public Builder tickets(Supplier<String> s) {
            this.tickets = Objects.requireNonNull(s, "tickets");
            return this;
        }

        /** Supplies ids of the evidence records this service writes; default {@code rev_} + 20 base32. */
        public Builder recordIds(Supplier<String> s) {
            this.recordIds = Objects.requireNonNull(s, "recordIds");
            return this;
        }

        public Oversight build() {
            if (tickets == null || recordIds == null) {
                SecureRandom random = new SecureRandom();
                if (tickets == null) {
                    tickets = TicketIds.random(TicketIds.TICKET_PREFIX, random);
                }
                if (recordIds == null) {
                    recordIds = TicketIds.random("rev_", random);
                }
            }
            return new Oversight(this);
        }
    }
}
