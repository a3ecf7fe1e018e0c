package io.airs.aws.breaker;

import java.util.Objects;

/**
 * Where {@link DynamoTripStore} keeps the shared trips.
 *
 * @param tableName the DynamoDB table (hash key {@code scope}, a string); default {@code airs-trips};
 *     3 to 255 characters
 * @param maxAttempts conditional-write attempts before a write under contention gives up; default 5;
 *     1 to 50
 * @param consistentRead whether reads use DynamoDB strongly consistent reads (twice the read cost,
 *     no stale trips); default true
 */
public record TripStoreConfig(String tableName, int maxAttempts, boolean consistentRead) {

    private static final TripStoreConfig DEFAULTS = new TripStoreConfig("airs-trips", 5, true);

    public TripStoreConfig {
        Objects.requireNonNull(tableName, "tableName");
        if (tableName.length() < 3 || tableName.length() > 255) {
            throw new IllegalArgumentException("tableName must be 3 to 255 characters");
        }
        if (maxAttempts < 1 || maxAttempts > 50) {
            throw new IllegalArgumentException("maxAttempts must be in [1, 50], was " + maxAttempts);
        }
    }

    /** The documented defaults. */
    public static TripStoreConfig defaults() {
        return DEFAULTS;
    }

    /** The defaults with another table. */
    public static TripStoreConfig table(String tableName) {
        return new TripStoreConfig(tableName, DEFAULTS.maxAttempts, DEFAULTS.consistentRead);
    }
}
