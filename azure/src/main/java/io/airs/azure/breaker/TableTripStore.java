package io.airs.azure.breaker;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableErrorCode;
import com.azure.data.tables.models.TableServiceError;
import com.azure.data.tables.models.TableServiceException;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.core.breaker.TripStore;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TripStore} on one Azure Storage table. One entity per scope, all in one partition (a
 * deployment has a handful of tripped scopes, and one partition lets {@link #read} list them with a
 * single-partition query):
 *
 * <table>
 *   <caption>Trip entity</caption>
 *   <tr><th>property</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code PartitionKey}</td><td>String</td><td>always {@value #PARTITION}</td></tr>
 *   <tr><td>{@code RowKey}</td><td>String</td><td>the scope's wire form with {@code / \ # ? ' %}
 *       percent-encoded ({@code %2F}, {@code %5C}, {@code %23}, {@code %3F}, {@code %27}, {@code %25}),
 *       which table keys cannot hold; e.g. {@code endpoint:chat}, {@code tool:fs%2Fread}</td></tr>
 *   <tr><td>{@code scope}</td><td>String</td><td>scope wire form, e.g. {@code tool:fs/read}</td></tr>
 *   <tr><td>{@code open}</td><td>Boolean</td><td>whether the scope is tripped</td></tr>
 *   <tr><td>{@code reason}</td><td>String</td><td>reason code</td></tr>
 *   <tr><td>{@code since}</td><td>String</td><td>ISO-8601 instant the trip opened (or closed)</td></tr>
 *   <tr><td>{@code until}</td><td>String</td><td>ISO-8601 instant an open trip lapses; absent: until closed</td></tr>
 *   <tr><td>{@code version}</td><td>Int64</td><td>raised by one on every write</td></tr>
 * </table>
 *
 * <p>Instants are strings, as in the other clouds' trip tables, so they round-trip to the
 * nanosecond. Every write is conditional: a new scope is inserted (a {@code 409 Conflict} means
 * another instance got there first), an existing one replaced with {@code If-Match} on the ETag of
 * the entity that was read ({@code 412 Precondition Failed} means it changed since). The store keeps
 * the ETag of the last entity it read or wrote per scope; when a write is based on another record,
 * it reads the entity again and writes only if it still holds that record. Thread-safe.
 *
 * <pre>{@code
 * TableTripStore trips = new TableTripStore(tables, TableTripStoreConfig.fromSettings(settings), clock);
 * trips.open(Scope.endpoint("chat"), "block_rate", now, now.plusSeconds(60));
 * }</pre>
 */
public final class TableTripStore extends TripStore {

    /** The partition every trip entity is in. */
    public static final String PARTITION = "trips";

    static final String SCOPE = "scope";
    static final String OPEN = "open";
    static final String REASON = "reason";
    static final String SINCE = "since";
    static final String UNTIL = "until";
    static final String VERSION = "version";

    private static final String ODATA_ETAG = "odata.etag";
    private static final String HEX = "0123456789ABCDEF";

    private final TableClient table;
    private final Map<Scope, Seen> seen = new ConcurrentHashMap<>();

    /** A record as read or written, with the entity ETag it had then. */
    private record Seen(TripRecord record, String etag) {}

    /**
     * @param tables the storage account's table service (the caller owns it)
     * @param config the table and retry settings
     * @param clock the clock that decides whether a trip has lapsed
     */
    public TableTripStore(TableServiceClient tables, TableTripStoreConfig config, Clock clock) {
        super(clock, config.maxAttempts());
        this.table = Objects.requireNonNull(tables, "tables").getTableClient(config.tableName());
    }

    /** The table this store uses. */
    public String tableName() {
        return table.getTableName();
    }

    @Override
    public Optional<TripRecord> get(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        TableEntity entity = fetch(scope);
        if (entity == null) {
            seen.remove(scope);
            return Optional.empty();
        }
        TripRecord record = decode(entity);
        if (record == null || !record.scope().equals(scope)) {
            seen.remove(scope);
            return Optional.empty();
        }
        remember(record, entity.getETag());
        return Optional.of(record);
    }

    @Override
    protected Iterable<TripRecord> all() {
        List<TripRecord> trips = new ArrayList<>();
        ListEntitiesOptions query = new ListEntitiesOptions().setFilter("PartitionKey eq '" + PARTITION + "'");
        for (TableEntity entity : table.listEntities(query, null, null)) {
            TripRecord t = decode(entity);
            if (t != null && rowKey(t.scope()).equals(entity.getRowKey())) {
                trips.add(t);
            }
        }
        return trips;
    }

    @Override
    protected boolean put(TripRecord next, TripRecord current) {
        TableEntity entity = encode(next);
        try {
            Response<Void> r;
            if (current == null) {
                r = table.createEntityWithResponse(entity, null, null);
            } else {
                String etag = etagOf(current);
                if (etag == null) {
                    return false;
                }
                entity.addProperty(ODATA_ETAG, etag);
                r = table.updateEntityWithResponse(entity, TableEntityUpdateMode.REPLACE, true, null, null);
            }
            remember(next, r.getHeaders().getValue(HttpHeaderName.ETAG));
            return true;
        } catch (TableServiceException e) {
            // 409: inserted meanwhile; 412: changed meanwhile; 404 on a replace: deleted meanwhile.
            int status = status(e);
            if (status == 409 || status == 412 || (status == 404 && current != null && !tableMissing(e))) {
                seen.remove(next.scope());
                return false;
            }
            throw e;
        }
    }

    /**
     * The ETag of the entity holding {@code current}: the one remembered from the last read or write
     * when that was {@code current}, else read again; null when the entity no longer holds it.
     */
    private String etagOf(TripRecord current) {
        Seen s = seen.get(current.scope());
        if (s != null && s.record().equals(current) && s.etag() != null) {
            return s.etag();
        }
        TableEntity entity = fetch(current.scope());
        if (entity == null || !current.equals(decode(entity))) {
            return null;
        }
        return entity.getETag();
    }

    private void remember(TripRecord record, String etag) {
        if (etag == null) {
            seen.remove(record.scope());
        } else {
            seen.put(record.scope(), new Seen(record, etag));
        }
    }

    /** The entity of {@code scope}, or null when there is none; a missing table is an error. */
    private TableEntity fetch(Scope scope) {
        try {
            return table.getEntityWithResponse(PARTITION, rowKey(scope), null, null, null)
                    .getValue();
        } catch (TableServiceException e) {
            if (status(e) == 404 && !tableMissing(e)) {
                return null;
            }
            throw e;
        }
    }

    private static int status(TableServiceException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    /** Whether a 404 says the table is missing, which must never read as "no trip". */
    private static boolean tableMissing(TableServiceException e) {
        TableServiceError error = e.getValue();
        return error != null && TableErrorCode.TABLE_NOT_FOUND.equals(error.getErrorCode());
    }

    /**
     * The row key of {@code scope}: its wire form with the characters table keys cannot hold ({@code
     * / \ # ?}), control characters, the quote and the escape character itself percent-encoded, so
     * distinct scopes have distinct keys.
     */
    static String rowKey(Scope scope) {
        String wire = scope.wire();
        StringBuilder b = new StringBuilder(wire.length() + 8);
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            if (c == '/'
                    || c == '\\'
                    || c == '#'
                    || c == '?'
                    || c == '\''
                    || c == '%'
                    || c < 0x20
                    || (c >= 0x7f && c <= 0x9f)) {
                b.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xf));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static TableEntity encode(TripRecord t) {
        TableEntity e = new TableEntity(PARTITION, rowKey(t.scope()))
                .addProperty(SCOPE, t.scope().wire())
                .addProperty(OPEN, t.open())
                .addProperty(REASON, t.reason())
                .addProperty(SINCE, t.since().toString())
                .addProperty(VERSION, t.version());
        if (t.until() != null) {
            e.addProperty(UNTIL, t.until().toString());
        }
        return e;
    }

    /** The record an entity holds, or null when it is not a well-formed trip (it is then ignored). */
    static TripRecord decode(TableEntity e) {
        try {
            if (!(e.getProperty(SCOPE) instanceof String scope)
                    || !(e.getProperty(OPEN) instanceof Boolean open)
                    || !(e.getProperty(SINCE) instanceof String since)
                    || !(e.getProperty(VERSION) instanceof Number version)) {
                return null;
            }
            Object reason = e.getProperty(REASON);
            Object until = e.getProperty(UNTIL);
            return new TripRecord(
                    Scope.parse(scope),
                    open,
                    reason instanceof String r ? r : "",
                    Instant.parse(since),
                    until instanceof String u ? Instant.parse(u) : null,
                    version.longValue());
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            return null;
        }
    }
}
