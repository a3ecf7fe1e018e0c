package io.airs.aws.breaker;

import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.Scope;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Automatic breaker trips shared by every Lambda instance through one DynamoDB table, and read back
 * by every instance as flags. One item per scope:
 *
 * <table>
 *   <caption>Trip item</caption>
 *   <tr><th>attribute</th><th>type</th><th>meaning</th></tr>
 *   <tr><td>{@code scope}</td><td>S (hash key)</td><td>scope wire form, e.g. {@code endpoint:chat}</td></tr>
 *   <tr><td>{@code open}</td><td>BOOL</td><td>whether the scope is tripped</td></tr>
 *   <tr><td>{@code reason}</td><td>S</td><td>reason code</td></tr>
 *   <tr><td>{@code since}</td><td>S</td><td>ISO-8601 instant the trip opened (or closed)</td></tr>
 *   <tr><td>{@code until}</td><td>S</td><td>ISO-8601 instant an open trip lapses; absent: until closed</td></tr>
 *   <tr><td>{@code version}</td><td>N</td><td>raised by one on every write</td></tr>
 * </table>
 *
 * <p>Every write is a conditional {@code PutItem} on the version it read ({@code
 * attribute_not_exists(scope)} for a new item), retried on conflict after reading again, so
 * concurrent instances never lose each other's updates. Writes that would change nothing are
 * skipped: opening a scope already open at least as long, closing one that is closed, closing a
 * trip that opened after the close was decided, or (for {@link #close} with an owner) closing a trip
 * someone else opened.
 *
 * <p>As a {@link FlagSource}, {@link #read} scans the table (it holds one small item per tripped
 * scope) and returns the trips active now as open flags; wrap it in a {@link
 * io.airs.core.breaker.CachedFlagSource} so the scan runs at most once per TTL and a DynamoDB outage
 * keeps the last trips. Thread-safe.
 *
 * <pre>{@code
 * DynamoTripStore trips = new DynamoTripStore(dynamo, TripStoreConfig.table("airs-trips"), clock);
 * trips.open(Scope.endpoint("chat"), "block_rate", now, now.plusSeconds(60));
 * }</pre>
 */
public final class DynamoTripStore implements FlagSource {

    static final String SCOPE = "scope";
    static final String OPEN = "open";
    static final String REASON = "reason";
    static final String SINCE = "since";
    static final String UNTIL = "until";
    static final String VERSION = "version";

    private final DynamoDbClient dynamo;
    private final TripStoreConfig config;
    private final Clock clock;

    /**
     * @param dynamo a DynamoDB client (the caller owns and closes it)
     * @param config the table and retry settings
     * @param clock the clock that decides whether a trip has lapsed
     */
    public DynamoTripStore(DynamoDbClient dynamo, TripStoreConfig config, Clock clock) {
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The table definition this store expects (on-demand billing), as the Terraform stack creates it. */
    public static CreateTableRequest tableDefinition(String tableName) {
        return CreateTableRequest.builder()
                .tableName(tableName)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(SCOPE)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(SCOPE)
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .build();
    }

    /** The stored trip of {@code scope}, if it has ever been written. */
    public Optional<TripRecord> get(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        GetItemResponse r = dynamo.getItem(b -> b.tableName(config.tableName())
                .key(Map.of(SCOPE, AttributeValue.fromS(scope.wire())))
                .consistentRead(config.consistentRead()));
        return r.hasItem() && !r.item().isEmpty() ? Optional.ofNullable(decode(r.item())) : Optional.empty();
    }

    /**
     * Opens {@code scope}'s trip, or lengthens an open one; a trip already open at least until {@code
     * until} is left alone (and keeps its opening time).
     *
     * @param reason the reason code
     * @param since when the trip opened
     * @param until when it lapses by itself; null to stay open until {@link #close}
     * @return the record written, or empty when nothing needed writing
     * @throws IllegalStateException when contention outlasted {@code maxAttempts}
     */
    public Optional<TripRecord> open(Scope scope, String reason, Instant since, Instant until) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(since, "since");
        for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
            TripRecord current = get(scope).orElse(null);
            Instant now = clock.instant();
            if (current != null && current.activeAt(now) && covers(current.until(), until)) {
                return Optional.empty();
            }
            Instant openedAt = current != null && current.activeAt(now) ? current.since() : since;
            TripRecord next = new TripRecord(scope, true, reason, openedAt, until, nextVersion(current));
            if (put(next, current)) {
                return Optional.of(next);
            }
        }
        throw contention(scope);
    }

    /**
     * Closes {@code scope}'s trip.
     *
     * @param reason why it closes
     * @param at when the close was decided; a trip that opened after it is left open
     * @param owner when not null, close only a trip whose reason is this (an alarm closes only its
     *     own trip)
     * @return the record written, or empty when nothing needed writing
     * @throws IllegalStateException when contention outlasted {@code maxAttempts}
     */
    public Optional<TripRecord> close(Scope scope, String reason, Instant at, String owner) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(at, "at");
        for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
            TripRecord current = get(scope).orElse(null);
            if (current == null
                    || !current.open()
                    || current.since().isAfter(at)
                    || (owner != null && !owner.equals(current.reason()))) {
                return Optional.empty();
            }
            TripRecord next = new TripRecord(scope, false, reason, at, null, current.version() + 1);
            if (put(next, current)) {
                return Optional.of(next);
            }
        }
        throw contention(scope);
    }

    /** The trips active now, as open flags (the trip's reason as the note, its opening as the time). */
    @Override
    public FlagSnapshot read() {
        Instant now = clock.instant();
        Map<Scope, Flag> flags = new HashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            ScanRequest.Builder b =
                    ScanRequest.builder().tableName(config.tableName()).consistentRead(config.consistentRead());
            if (startKey != null) {
                b.exclusiveStartKey(startKey);
            }
            ScanResponse page = dynamo.scan(b.build());
            for (Map<String, AttributeValue> item : page.items()) {
                TripRecord t = decode(item);
                if (t != null && t.activeAt(now)) {
                    flags.put(t.scope(), new Flag(true, t.reason(), t.since()));
                }
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return new FlagSnapshot(flags);
    }

    private boolean put(TripRecord next, TripRecord current) {
        PutItemRequest.Builder b =
                PutItemRequest.builder().tableName(config.tableName()).item(encode(next));
        if (current == null) {
            b.conditionExpression("attribute_not_exists(#s)").expressionAttributeNames(Map.of("#s", SCOPE));
        } else {
            b.conditionExpression("#v = :v")
                    .expressionAttributeNames(Map.of("#v", VERSION))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(current.version()))));
        }
        try {
            dynamo.putItem(b.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static long nextVersion(TripRecord current) {
        return current == null ? 1 : current.version() + 1;
    }

    /** Whether an open trip lapsing at {@code have} already covers one lapsing at {@code want}. */
    private static boolean covers(Instant have, Instant want) {
        return have == null || (want != null && !have.isBefore(want));
    }

    private IllegalStateException contention(Scope scope) {
        return new IllegalStateException(
                "trip of " + scope.wire() + " still contended after " + config.maxAttempts() + " conditional writes");
    }

    static Map<String, AttributeValue> encode(TripRecord t) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(SCOPE, AttributeValue.fromS(t.scope().wire()));
        item.put(OPEN, AttributeValue.fromBool(t.open()));
        item.put(REASON, AttributeValue.fromS(t.reason()));
        item.put(SINCE, AttributeValue.fromS(t.since().toString()));
        if (t.until() != null) {
            item.put(UNTIL, AttributeValue.fromS(t.until().toString()));
        }
        item.put(VERSION, AttributeValue.fromN(Long.toString(t.version())));
        return item;
    }

    /** The record an item holds, or null when the item is not a well-formed trip (it is then ignored). */
    static TripRecord decode(Map<String, AttributeValue> item) {
        try {
            AttributeValue scope = item.get(SCOPE);
            AttributeValue open = item.get(OPEN);
            AttributeValue since = item.get(SINCE);
            AttributeValue version = item.get(VERSION);
            if (scope == null
                    || scope.s() == null
                    || open == null
                    || open.bool() == null
                    || since == null
                    || since.s() == null
                    || version == null
                    || version.n() == null) {
                return null;
            }
            AttributeValue reason = item.get(REASON);
            AttributeValue until = item.get(UNTIL);
            return new TripRecord(
                    Scope.parse(scope.s()),
                    open.bool(),
                    reason == null ? "" : reason.s(),
                    Instant.parse(since.s()),
                    until == null || until.s() == null ? null : Instant.parse(until.s()),
                    Long.parseLong(version.n()));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return null;
        }
    }
}
