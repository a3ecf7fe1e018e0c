package io.airs.azure.breaker;

import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.tables.TableServiceClient;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.CompositeFlagSource;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.TripPublishingEvidenceSink;
import io.airs.core.evidence.EvidenceSink;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Azure circuit-breaker parts of one function host, wired from the application settings: the
 * human kill switches in App Configuration and the automatic trips shared through the trip table.
 * The composition root builds the clients ({@code AzureClients}) and hands the results to the
 * gateway:
 *
 * <pre>{@code
 * AzureBreakers breakers = AzureBreakers.fromSettings(settings, appConfig.orElse(null), tables.orElse(null), clock);
 * breakers.flags().ifPresent(builder::flags);
 * builder.evidence(breakers.publishTrips(evidence, LayerConfigs.breakers(policy).openDuration()));
 * }</pre>
 *
 * <p>Either part may be missing: no App Configuration client means no human kill switches; no table
 * service means trips stay with the instance that tripped.
 */
public final class AzureBreakers {

    /** How long a listing of the trip table is served before it is listed again. */
    public static final Duration TRIP_CACHE_TTL = Duration.ofSeconds(1);

    private final CachedFlagSource killSwitches;
    private final TableTripStore trips;
    private final CachedFlagSource cachedTrips;

    private AzureBreakers(CachedFlagSource killSwitches, TableTripStore trips, Clock clock) {
        this.killSwitches = killSwitches;
        this.trips = trips;
        this.cachedTrips = trips == null ? null : new CachedFlagSource(trips, TRIP_CACHE_TTL, clock);
    }

    /**
     * The breakers of these settings ({@code AIRS_APPCONFIG_LABEL}, {@code AIRS_FLAG_CACHE_SECONDS},
     * {@code AIRS_TRIP_TABLE}).
     *
     * @param appConfiguration the App Configuration client; null for no human kill switches
     * @param tables the table service; null for no shared trips
     * @throws IllegalArgumentException naming the setting when one is malformed
     */
    public static AzureBreakers fromSettings(
            Map<String, String> settings,
            ConfigurationClient appConfiguration,
            TableServiceClient tables,
            Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(clock, "clock");
        CachedFlagSource killSwitches = appConfiguration == null
                ? null
                : AppConfigurationFlagSource.cached(
                        appConfiguration, AppConfigurationFlagSourceConfig.fromSettings(settings), clock);
        TableTripStore trips =
                tables == null ? null : new TableTripStore(tables, TableTripStoreConfig.fromSettings(settings), clock);
        return new AzureBreakers(killSwitches, trips, clock);
    }

    /** The human kill switches, cached with last-known-good; empty without App Configuration. */
    public Optional<CachedFlagSource> killSwitches() {
        return Optional.ofNullable(killSwitches);
    }

    /** The shared trip table; empty without a table service. */
    public Optional<TableTripStore> trips() {
        return Optional.ofNullable(trips);
    }

    /**
     * Every flag source as one for the gateway: the kill switches first (so a person's note is the
     * one shown), then the shared trips; empty when there is neither.
     */
    public Optional<FlagSource> flags() {
        List<FlagSource> sources = new ArrayList<>(2);
        if (killSwitches != null) {
            sources.add(killSwitches);
        }
        if (cachedTrips != null) {
            sources.add(cachedTrips);
        }
        return sources.isEmpty() ? Optional.empty() : Optional.of(new CompositeFlagSource(sources));
    }

    /**
     * {@code evidence} with the breakers' automatic transitions also written to the trip table, so
     * that one instance's trip stops the others; {@code evidence} itself when there is no table.
     *
     * @param openDuration the breakers' open duration (how long a shared trip lasts before probing)
     */
    public EvidenceSink publishTrips(EvidenceSink evidence, Duration openDuration) {
        Objects.requireNonNull(evidence, "evidence");
        return trips == null ? evidence : new TripPublishingEvidenceSink(evidence, trips, openDuration);
    }
}
