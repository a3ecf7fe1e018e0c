package io.airs.databricks.breaker;

import io.airs.cli.serve.LocalRunner;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.Scope;
import io.airs.databricks.sql.SqlWarehouse;
import io.airs.databricks.tables.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kill switches in the breaker Delta table ({@link Tables#BREAKERS}), shared by the gateway and
 * the judge job: one row per scope, {@code global} or a serving endpoint's name, whose {@code open}
 * column cuts it. A person flips one with SQL ({@code UPDATE ... SET open = true}) or through the
 * gateway's {@code PUT /v1/breakers/{scope}}; the job opens an endpoint's when its block or error rate
 * passes the policy's thresholds.
 *
 * <p>Read through {@link #cached}: the warehouse is asked at most once per TTL, and when it cannot be
 * read the last good switches stay in force (shown by {@link #lastError()}).
 */
public final class BreakerTable implements FlagSource, LocalRunner.FlagWriter {

    private final SqlWarehouse sql;
    private final String table;
    private final CachedFlagSource cache;

    /**
     * @param table the table, {@code catalog.schema.airs_breakers}
     * @param ttl how long a read is reused
     */
    public BreakerTable(SqlWarehouse sql, String table, Duration ttl, Clock clock) {
        this.sql = sql;
        this.table = SqlWarehouse.table(table);
        this.cache = new CachedFlagSource(this::readNow, ttl, clock);
    }

    /** The scope a row's {@code scope} names: {@code global}, or an endpoint's name. */
    public static Scope scopeOf(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("empty scope");
        }
        return "global".equals(value) ? Scope.global() : Scope.endpoint(value);
    }

    /** The {@code scope} value of a scope; only the global and endpoint scopes have rows. */
    public static String valueOf(Scope scope) {
        return switch (scope.kind()) {
            case GLOBAL -> "global";
            case ENDPOINT -> scope.name();
            default ->
                throw new IllegalArgumentException(
                        "the breaker table holds the global and endpoint scopes only, not " + scope.wire());
        };
    }

    @Override
    public FlagSnapshot read() {
        return cache.read();
    }

    /** Reads the table now, bypassing the cache. */
    FlagSnapshot readNow() {
        List<List<String>> rows = sql.query("SELECT scope, open, reason, updated_at FROM " + table, Map.of());
        Map<Scope, Flag> flags = new HashMap<>();
        for (List<String> row : rows) {
            Scope scope;
            try {
                scope = scopeOf(row.get(0));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("breaker table: bad scope '" + row.get(0) + "': " + e.getMessage());
            }
            Instant at;
            try {
                at = row.get(3) == null ? Instant.EPOCH : timestamp(row.get(3));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException("breaker table: bad updated_at for " + row.get(0));
            }
            flags.put(scope, new Flag("true".equalsIgnoreCase(row.get(1)), row.get(2), at));
        }
        return new FlagSnapshot(flags);
    }

    /** A SQL timestamp as the warehouse writes it: ISO 8601 with or without the zone, {@code T} or a space. */
    static Instant timestamp(String v) {
        String t = v.strip().replace(' ', 'T');
        if (!t.endsWith("Z") && !t.matches(".*[+-]\\d\\d:\\d\\d$")) {
            t = t + "Z";
        }
        return java.time.OffsetDateTime.parse(t).toInstant();
    }

    @Override
    public Optional<String> lastError() {
        return cache.lastError();
    }

    @Override
    public void set(Scope scope, boolean open, String reason, Instant now) {
        String value;
        try {
            value = valueOf(scope);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(e.getMessage());
        }
        try {
            sql.query(
                    "MERGE INTO " + table + " t USING (SELECT :scope AS scope) s ON t.scope = s.scope"
                            + " WHEN MATCHED THEN UPDATE SET open = CAST(:open AS BOOLEAN), reason = :reason,"
                            + " changed_by = 'gateway', updated_at = CAST(:at AS TIMESTAMP)"
                            + " WHEN NOT MATCHED THEN INSERT (scope, open, reason, changed_by, updated_at)"
                            + " VALUES (:scope, CAST(:open AS BOOLEAN), :reason, 'gateway', CAST(:at AS TIMESTAMP))",
                    Map.of("scope", value, "open", Boolean.toString(open), "reason", reason, "at", now.toString()));
        } catch (SqlWarehouse.SqlException e) {
            throw new IllegalStateException("the breaker table could not be written: " + e.getMessage());
        }
        cache.invalidate();
    }
}
