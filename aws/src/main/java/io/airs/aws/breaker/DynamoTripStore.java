package io.airs.aws.breaker;

import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.core.breaker.TripStore;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * The {@link TripStore} on one DynamoDB table. One item per scope:
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
 * attribute_not_exists(scope)} for a new item); {@link #read} scans the table. Thread-safe.
 *
 * <pre>{@code
 * DynamoTripStore trips = new DynamoTripStore(dynamo, TripStoreConfig.table("airs-trips"), clock);
 * trips.open(Scope.endpoint("chat"), "block_rate", now, now.plusSeconds(60));
 * }</pre>
 */
public final class DynamoTripStore extends TripStore {

    static final String SCOPE = "scope";
    static final String OPEN = "open";
    static final String REASON = "reason";
    static final String SINCE = "since";
    static final String UNTIL = "until";
    static final String VERSION = "version";

    private final DynamoDbClient dynamo;
    private final TripStoreConfig config;

    /**
     * @param dynamo a DynamoDB client (the caller owns and closes it)
     * @param config the table and retry settings
     * @param clock the clock that decides whether a trip has lapsed
     */
    public DynamoTripStore(DynamoDbClient dynamo, TripStoreConfig config, Clock clock) {
        super(clock, config.maxAttempts());
        this.dynamo = Objects.requireNonNull(dynamo, "dynamo");
        this.config = config;
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

    @Override
    public Optional<TripRecord> get(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        GetItemResponse r = dynamo.getItem(b -> b.tableName(config.tableName())
                .key(Map.of(SCOPE, AttributeValue.fromS(scope.wire())))
                .consistentRead(config.consistentRead()));
        return r.hasItem() && !r.item().isEmpty() ? Optional.ofNullable(decode(r.item())) : Optional.empty();
    }

    @Override
    protected Iterable<TripRecord> all() {
        List<TripRecord> trips = new ArrayList<>();
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
                if (t != null) {
                    trips.add(t);
                }
            }
            startKey =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return trips;
    }

    @Override
    protected boolean put(TripRecord next, TripRecord current) {
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
