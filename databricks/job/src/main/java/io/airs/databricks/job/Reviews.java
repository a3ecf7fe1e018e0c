package io.airs.databricks.job;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;

import io.airs.core.evidence.EvidenceCodec;
import io.airs.core.evidence.EvidenceRecord;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.databricks.tables.Tables;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Human oversight over the escalations table. Reviewers decide by writing {@code decision} ({@code
 * approve} or {@code deny}), {@code reviewer}, {@code decision_note} and {@code decided_at}; each run
 * applies the decisions not applied yet through the core's {@link Oversight} (status {@code
 * approved} or {@code denied}, {@code applied_at}), then expires every pending ticket past its SLA
 * deadline (status {@code expired}, which is a denial). Each change is an evidence record in the
 * chain. A decision is taken at its {@code decided_at}, so one written in time stands even when the
 * job applies it after the deadline; one that is not {@code approve} or {@code deny}, or has no
 * reviewer, is left pending and so expires in the end.
 */
final class Reviews {

    private static final Logger LOG = Logger.getLogger(Reviews.class.getName());

    /** What one pass did. */
    record Result(int approved, int denied, int expired, int invalid) {}

    private final SparkSession spark;
    private final JobSettings settings;
    private final AirsTables tables;
    private final Clock clock;
    private final EvidenceCodec codec = new EvidenceCodec();

    Reviews(SparkSession spark, JobSettings settings, AirsTables tables, Clock clock) {
        this.spark = spark;
        this.settings = settings;
        this.tables = tables;
        this.clock = clock;
    }

    Result apply() {
        Instant now = clock.instant();
        String esc = tables.name(Tables.ESCALATIONS);
        // The DataFrame API, not SQL text: values never become part of a statement.
        List<Row> due = spark.table(esc)
                .filter(col("endpoint")
                        .equalTo(lit(settings.endpoint()))
                        .and(col("status").equalTo(lit("pending")))
                        .and(col("decision")
                                .isNotNull()
                                .and(col("applied_at").isNull())
                                .or(col("sla_deadline").lt(lit(Timestamp.from(now))))))
                .select(
                        "ticket",
                        "severity",
                        "created_at",
                        "sla_deadline",
                        "decision",
                        "reviewer",
                        "decision_note",
                        "decided_at")
                .collectAsList();
        if (due.isEmpty()) {
            return new Result(0, 0, 0, 0);
        }
        Map<String, EvidenceRecord> opened = openedRecords(due);
        TableEscalations store = new TableEscalations();
        for (Row r : due) {
            EvidenceRecord o = opened.get(r.getString(0));
            if (o == null) {
                LOG.warning("escalation " + r.getString(0) + " has no escalation_opened evidence record; skipped");
                continue;
            }
            store.load(new Escalation(
                    r.getString(0),
                    Severity.fromWire(r.getString(1)),
                    EscalationStatus.PENDING,
                    r.getTimestamp(2).toInstant(),
                    r.getTimestamp(3).toInstant(),
                    o.stage(),
                    o.extra().getOrDefault("escalated_decision_id", o.recordId()),
                    o.requestId(),
                    o.reason(),
                    o.policyRevision(),
                    o.riskTier(),
                    o.findings(),
                    o.redactedExcerpt(),
                    o.identities(),
                    o.contentHash(),
                    null,
                    null,
                    null,
                    null,
                    null));
        }
        InMemoryEvidenceSink sink = tables.evidenceSink(due.size() * 2 + 2);
        SettableClock at = new SettableClock(now);
        StableIds ids = new StableIds();
        Oversight oversight = Oversight.builder(store, sink)
                .config(LayerConfigs.oversight(settings.policy()))
                .clock(at)
                .recordIds(ids::record)
                .build();
        int approved = 0;
        int denied = 0;
        int invalid = 0;
        List<Row> changes = new ArrayList<>();
        Timestamp applied = Timestamp.from(now);
        for (Row r : due) {
            String ticket = r.getString(0);
            String decision = r.getString(4);
            if (decision == null || store.get(ticket).isEmpty()) {
                continue;
            }
            Timestamp decidedAt = r.getTimestamp(7);
            Instant when = decidedAt == null || decidedAt.toInstant().isAfter(now) ? now : decidedAt.toInstant();
            ids.at("review\u0000" + ticket);
            at.set(when);
            try {
                ReviewDecision d = switch (decision.strip().toLowerCase(Locale.ROOT)) {
                    case "approve", "approved" -> ReviewDecision.approve(r.getString(5), r.getString(6));
                    case "deny", "denied" -> ReviewDecision.deny(r.getString(5), r.getString(6));
                    default -> throw new InvalidReviewException("decision", "must be approve or deny");
                };
                Escalation after = oversight.decide(ticket, d);
                if (after.status() == EscalationStatus.APPROVED) {
                    approved++;
                } else {
                    denied++;
                }
                changes.add(RowFactory.create(ticket, status(after.status()), applied));
            } catch (InvalidReviewException e) {
                invalid++;
                LOG.warning("escalation " + ticket + ": the reviewer's decision is not usable (" + e.getMessage()
                        + "); it stays pending");
            } catch (AlreadyDecidedException e) {
                // Decided after its deadline: the sweep below records the expiry.
            }
        }
        ids.at("sweep\u0000" + now);
        at.set(now);
        List<Escalation> expired = oversight.sweep(now);
        for (Escalation e : expired) {
            changes.add(RowFactory.create(e.ticket(), status(EscalationStatus.EXPIRED), applied));
        }
        tables.writeEvidence(sink, now);
        if (!changes.isEmpty()) {
            StructType schema = new StructType()
                    .add("ticket", DataTypes.StringType)
                    .add("status", DataTypes.StringType)
                    .add("applied_at", DataTypes.TimestampType);
            tables.update(Tables.ESCALATIONS, spark.createDataFrame(changes, schema), List.of("status", "applied_at"));
        }
        return new Result(approved, denied, expired.size(), invalid);
    }

    /** The {@code escalation_opened} evidence record of each ticket, which holds what the table does not. */
    private Map<String, EvidenceRecord> openedRecords(List<Row> due) {
        Object[] tickets = due.stream().map(r -> (Object) r.getString(0)).toArray();
        Map<String, EvidenceRecord> out = new HashMap<>();
        for (Row r : spark.table(tables.name(Tables.EVIDENCE))
                .filter(get_json_object(col("record"), "$.extra.event")
                        .equalTo(lit("escalation_opened"))
                        .and(get_json_object(col("record"), "$.extra.ticket").isin(tickets)))
                .select("record")
                .collectAsList()) {
            EvidenceRecord e = codec.read(r.getString(0));
            out.put(e.extra().get("ticket"), e);
        }
        return out;
    }

    private static String status(EscalationStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
