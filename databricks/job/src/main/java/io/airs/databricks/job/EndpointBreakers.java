package io.airs.databricks.job;

import io.airs.core.breaker.BreakerConfig;
import io.airs.core.breaker.BreakerEvent;
import io.airs.core.breaker.BreakerMachine;
import io.airs.core.breaker.BreakerSource;
import io.airs.core.breaker.BreakerState;
import io.airs.core.breaker.BreakerStatus;
import io.airs.core.breaker.BreakerStep;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.Scope;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.policy.Policy;
import io.airs.databricks.endpoint.AiGatewaySwitch;
import io.airs.databricks.tables.Tables;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * The circuit breakers of the judged endpoint, kept in the breakers table: one row per endpoint and
 * one {@code global} row, each a kill switch a person may flip by writing {@code open} and {@code
 * changed_by}.
 *
 * <p>The endpoint's state follows the core's {@link BreakerMachine}: when a batch holds at least the
 * policy's {@code min_volume} rows and its error rate (status 500 and above) or block rate reaches
 * the policy's threshold, the job holds the breaker open ({@code HOLD}); a later batch of that volume
 * under both thresholds releases it ({@code RELEASE}). A breaker a person opened stays open until a
 * person closes it. The endpoint is stopped while its own breaker or the global one is open: the job
 * saves its AI Gateway settings into the row and sets its rate limit to zero calls
 * ({@code rate_limit_zero}), so callers that bypass the gateway are cut too, while the gateway
 * answers with the policy's fallback. When neither breaker is open any more the saved
 * settings are put back. Every change is an evidence record; an SDK call that fails is logged and
 * tried again on the next run.
 */
final class EndpointBreakers {

    private static final Logger LOG = Logger.getLogger(EndpointBreakers.class.getName());

    /** The changed_by of rows the job writes. */
    static final String JOB = "job";
    /** The scope of the global kill switch. */
    static final String GLOBAL = "global";

    /** Rows judged in one batch, blocked ones and upstream errors among them. */
    record Counts(long total, long blocked, long errors) {
        static final Counts NONE = new Counts(0, 0, 0);
    }

    private final SparkSession spark;
    private final JobSettings settings;
    private final AirsTables tables;
    private final Supplier<AiGatewaySwitch> gateway;
    private final Clock clock;
    private final BreakerConfig config;
    private final Policy policy;

    EndpointBreakers(
            SparkSession spark,
            JobSettings settings,
            AirsTables tables,
            Supplier<AiGatewaySwitch> gateway,
            Clock clock) {
        this.spark = spark;
        this.settings = settings;
        this.tables = tables;
        this.gateway = gateway;
        this.clock = clock;
        this.policy = settings.policy();
        this.config = LayerConfigs.breakers(policy);
    }

    /** Applies one batch's counts (or none) and the kill switches to the endpoint. */
    void evaluate(Counts counts) {
        Instant now = clock.instant();
        String endpoint = settings.endpoint();
        Map<String, Row> rows = new HashMap<>();
        for (Row r : spark.table(tables.name(Tables.BREAKERS))
                .filter(org.apache.spark.sql.functions.col("scope").isin(GLOBAL, endpoint))
                .select("scope", "open", "reason", "changed_by", "mechanism", "saved_config")
                .collectAsList()) {
            rows.put(r.getString(0), r);
        }
        Row own = rows.get(endpoint);
        Row global = rows.get(GLOBAL);
        boolean globalOpen = global != null && global.getBoolean(1);
        BreakerStatus current = status(own, now);
        BreakerEvent event = event(counts);
        BreakerStep step = event == null ? null : BreakerMachine.next(current, event, now, config);
        BreakerStatus next = step == null ? current : step.status();
        boolean open = next.state() != BreakerState.CLOSED;
        boolean stopped = own != null && own.getString(5) != null;
        boolean wantStopped = open || globalOpen;

        StableIds ids = new StableIds();
        ids.at("breaker\u0000" + endpoint + "\u0000" + now);
        InMemoryEvidenceSink sink = tables.evidenceSink(4);
        EvidenceStamp stamp = new EvidenceStamp(policy.revision(), policy.riskTier(), ids::record);
        String changedBy = own == null ? JOB : own.getString(3);
        String reason = own == null ? null : own.getString(2);
        String mechanism = own == null ? null : own.getString(4);
        String saved = own == null ? null : own.getString(5);
        boolean write = false;

        if (step != null && step.changed()) {
            changedBy = JOB;
            reason = step.reason();
            write = true;
            Map<String, String> extra = transition(current, next, event);
            sink.append(stamp.draft(now, open, step.reason(), Identities.none(), extra));
        }
        try {
            if (wantStopped && !stopped) {
                saved = gateway.get().stop(endpoint);
                mechanism = "rate_limit_zero";
                reason = open ? (reason == null ? "open" : reason) : "global breaker open";
                write = true;
                sink.append(stamp.draft(now, true, reason, Identities.none(), action("endpoint_stopped", mechanism)));
            } else if (!wantStopped && stopped) {
                gateway.get().restore(endpoint, saved);
                sink.append(
                        stamp.draft(now, false, "restored", Identities.none(), action("endpoint_restored", mechanism)));
                saved = null;
                mechanism = null;
                write = true;
            }
        } catch (RuntimeException e) {
            LOG.warning("breaker of " + endpoint + ": the AI Gateway call failed ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the next run tries again");
            Map<String, String> extra = action("endpoint_switch_failed", mechanism);
            extra.put("error", e.getClass().getSimpleName());
            sink.append(stamp.draft(now, wantStopped, "switch_failed", Identities.none(), extra));
        }
        tables.writeEvidence(sink, now);
        if (write) {
            Row row = RowFactory.create(endpoint, open, reason, changedBy, mechanism, saved, Timestamp.from(now));
            tables.upsert(Tables.BREAKERS, spark.createDataFrame(List.of(row), JobSchemas.of(Tables.BREAKERS)));
        }
    }

    /** The row as a breaker status: opened by the job (held until released) or by a person, or closed. */
    private static BreakerStatus status(Row own, Instant now) {
        if (own == null || !own.getBoolean(1)) {
            return BreakerStatus.closed(now);
        }
        boolean byJob = JOB.equals(own.getString(3));
        String reason = own.getString(2) == null ? "" : own.getString(2);
        return new BreakerStatus(
                BreakerState.OPEN, byJob ? BreakerSource.AUTOMATIC : BreakerSource.MANUAL, reason, now, byJob, 0, 0);
    }

    /** What the batch says: hold when a rate passes its threshold, release when both are under. */
    private BreakerEvent event(Counts c) {
        if (c.total() < config.minVolume()) {
            return null;
        }
        if (c.errors() >= config.errorRateThreshold() * c.total()) {
            return BreakerEvent.hold("error_rate");
        }
        if (c.blocked() >= config.blockRateThreshold() * c.total()) {
            return BreakerEvent.hold("block_rate");
        }
        return BreakerEvent.release("recovered");
    }

    private Map<String, String> transition(BreakerStatus from, BreakerStatus to, BreakerEvent event) {
        Map<String, String> extra = new HashMap<>();
        extra.put("event", "breaker_transition");
        extra.put("scope", Scope.endpoint(settings.endpoint()).wire());
        extra.put("from", from.state().name());
        extra.put("to", to.state().name());
        extra.put("source", to.source().wireName());
        extra.put("trigger", event.type().name().toLowerCase(java.util.Locale.ROOT));
        extra.put("held", Boolean.toString(to.held()));
        return extra;
    }

    private Map<String, String> action(String event, String mechanism) {
        Map<String, String> extra = new HashMap<>();
        extra.put("event", event);
        extra.put("scope", Scope.endpoint(settings.endpoint()).wire());
        if (mechanism != null) {
            extra.put("mechanism", mechanism);
        }
        return extra;
    }
}
