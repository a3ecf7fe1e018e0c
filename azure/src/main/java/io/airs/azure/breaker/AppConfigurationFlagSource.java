package io.airs.azure.breaker;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.MatchConditions;
import com.azure.core.http.rest.PagedResponse;
import com.azure.data.appconfiguration.ConfigurationClient;
import com.azure.data.appconfiguration.models.ConfigurationSetting;
import com.azure.data.appconfiguration.models.FeatureFlagConfigurationSetting;
import com.azure.data.appconfiguration.models.SettingSelector;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The human kill switches, read from Azure App Configuration feature flags: one listing of the keys
 * {@code .appconfig.featureflag/kill-*} with the configured label per read. Wrap it in {@link
 * #cached} so that App Configuration is asked at most once per TTL and an outage keeps the last good
 * flags.
 *
 * <p><b>Flag naming.</b> One feature flag per scope, so a person flips exactly one switch in the
 * portal (Feature manager) and the flag's history shows who cut what:
 *
 * <table>
 *   <caption>Feature flag names</caption>
 *   <tr><th>feature flag</th><th>scope</th></tr>
 *   <tr><td>{@code kill-global}</td><td>{@code global}</td></tr>
 *   <tr><td>{@code kill-endpoint-chat}</td><td>{@code endpoint:chat}</td></tr>
 *   <tr><td>{@code kill-agent-ops-bot}</td><td>{@code agent:ops-bot}</td></tr>
 *   <tr><td>{@code kill-tool-read_file}</td><td>{@code tool:read_file}</td></tr>
 * </table>
 *
 * <p>Feature flag names cannot hold {@code :}, so the kind is followed by a dash and the name is
 * everything after it: {@code kill-agent-ops-bot} is {@code agent:ops-bot}. The name must be a valid
 * {@link Scope} name. The flag's {@code enabled} state opens the breaker (App Configuration's schema
 * gives it the default false, so a flag without it is closed); its {@code description} is the note
 * shown with the refusal. Conditions (client filters such as targeting or time windows) are not
 * evaluated: a kill switch cuts its whole scope or nothing. Flags not named {@code kill-...} belong
 * to other features and are never fetched.
 *
 * <p>A {@code kill-} flag that names no scope, whose value is not a feature flag, or whose {@code id}
 * differs from its key rejects the whole read: wrapped in {@link #cached}, the last good flags stay
 * in force and the problem shows in {@link CachedFlagSource#lastError()}. Each flag's time is its
 * {@code last_modified}.
 *
 * <p>Every listing sends the page ETags of the last good one ({@code If-None-Match}); pages App
 * Configuration answers {@code 304 Not Modified} are not parsed again. The SDK client follows the
 * pages ({@code Link: rel="next"}) and carries App Configuration's {@code Sync-Token}s, so a read
 * never sees flags older than one this client has seen.
 *
 * <pre>{@code
 * FlagSource flags = AppConfigurationFlagSource.cached(client, AppConfigurationFlagSourceConfig.fromSettings(settings), clock);
 * }</pre>
 *
 * <p>Thread-safe; reads are serialised.
 */
public final class AppConfigurationFlagSource implements FlagSource {

    /** Feature flag names of kill switches start with this. */
    public static final String PREFIX = "kill-";

    /** The key filter of the listing: the feature flags whose names start with {@link #PREFIX}. */
    static final String KEY_FILTER = FeatureFlagConfigurationSetting.KEY_PREFIX + PREFIX + "*";

    private static final String NAMING = "expected kill-global, kill-endpoint-NAME, kill-agent-NAME or kill-tool-NAME";
    private static final int NOT_MODIFIED = 304;

    private final ConfigurationClient client;
    private final AppConfigurationFlagSourceConfig config;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private List<Page> pages = List.of();
    private FlagSnapshot snapshot;

    /** One page of the last good listing: its ETag (null when none was sent) and its settings. */
    private record Page(String etag, List<ConfigurationSetting> settings) {}

    /**
     * @param client an App Configuration client (see {@code AzureClients.appConfiguration})
     * @param config which label to read and how long to cache
     * @param clock the clock that stamps flags without a modification time
     */
    public AppConfigurationFlagSource(
            ConfigurationClient client, AppConfigurationFlagSourceConfig config, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * This source wrapped in a {@link CachedFlagSource} with {@code config.cacheTtl()}, so an
     * unreachable App Configuration keeps the last-known-good flags.
     */
    public static CachedFlagSource cached(
            ConfigurationClient client, AppConfigurationFlagSourceConfig config, Clock clock) {
        return new CachedFlagSource(new AppConfigurationFlagSource(client, config, clock), config.cacheTtl(), clock);
    }

    /**
     * The current kill switches.
     *
     * @throws RuntimeException when App Configuration cannot be read or a kill switch is malformed
     */
    @Override
    public FlagSnapshot read() {
        lock.lock();
        try {
            Instant now = clock.instant();
            SettingSelector selector =
                    new SettingSelector().setKeyFilter(KEY_FILTER).setLabelFilter(config.labelFilter());
            boolean conditional = snapshot != null && pages.stream().allMatch(p -> p.etag() != null);
            if (conditional) {
                selector.setMatchConditions(pages.stream()
                        .map(p -> new MatchConditions().setIfNoneMatch(p.etag()))
                        .toList());
            }
            List<Page> fresh = new ArrayList<>();
            boolean changed = !conditional;
            for (PagedResponse<ConfigurationSetting> page :
                    client.listConfigurationSettings(selector).iterableByPage()) {
                int i = fresh.size();
                if (page.getStatusCode() == NOT_MODIFIED) {
                    if (!conditional || i >= pages.size()) {
                        throw new IllegalStateException("App Configuration answered 304 Not Modified for page "
                                + (i + 1) + " of the kill switches, which was not asked for");
                    }
                    fresh.add(pages.get(i));
                } else {
                    String etag = page.getHeaders().getValue(HttpHeaderName.ETAG);
                    List<ConfigurationSetting> settings =
                            page.getValue() == null ? List.of() : List.copyOf(page.getValue());
                    fresh.add(new Page(etag, settings));
                    changed = true;
                }
            }
            if (!changed && fresh.size() == pages.size()) {
                return snapshot;
            }
            FlagSnapshot parsed =
                    parse(fresh.stream().flatMap(p -> p.settings().stream()).toList(), now);
            pages = List.copyOf(fresh);
            snapshot = parsed;
            return parsed;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The kill switches these settings hold; a flag without a modification time is stamped {@code
     * readAt}.
     *
     * @throws IllegalArgumentException when a {@code kill-} setting is malformed
     */
    static FlagSnapshot parse(List<ConfigurationSetting> settings, Instant readAt) {
        Map<Scope, Flag> flags = new HashMap<>();
        for (ConfigurationSetting s : settings) {
            String key = s.getKey();
            if (key == null || !key.startsWith(FeatureFlagConfigurationSetting.KEY_PREFIX + PREFIX)) {
                continue;
            }
            String id = key.substring(FeatureFlagConfigurationSetting.KEY_PREFIX.length());
            Scope scope = scopeOf(id);
            if (!(s instanceof FeatureFlagConfigurationSetting flag)) {
                throw new IllegalArgumentException("kill switch " + id + " is not a feature flag (content type "
                        + s.getContentType() + "); create it in the Feature manager");
            }
            if (!id.equals(flag.getFeatureId())) {
                throw new IllegalArgumentException(
                        "kill switch " + key + " declares the id " + flag.getFeatureId() + " in its value");
            }
            Instant at =
                    s.getLastModified() == null ? readAt : s.getLastModified().toInstant();
            flags.put(scope, new Flag(flag.isEnabled(), flag.getDescription(), at));
        }
        return new FlagSnapshot(flags);
    }

    /**
     * The scope a {@code kill-...} feature flag name names.
     *
     * @throws IllegalArgumentException when it names none
     */
    static Scope scopeOf(String id) {
        if (!id.startsWith(PREFIX)) {
            throw new IllegalArgumentException("feature flag " + id + " is not a kill switch (" + NAMING + ")");
        }
        String rest = id.substring(PREFIX.length());
        if (rest.equals("global")) {
            return Scope.global();
        }
        int dash = rest.indexOf('-');
        String kind = dash < 0 ? rest : rest.substring(0, dash);
        String name = dash < 0 ? "" : rest.substring(dash + 1);
        Scope.Kind k = switch (kind) {
            case "endpoint" -> Scope.Kind.ENDPOINT;
            case "agent" -> Scope.Kind.AGENT;
            case "tool" -> Scope.Kind.TOOL;
            default ->
                throw new IllegalArgumentException("kill switch " + id + " has an unknown scope kind (" + NAMING + ")");
        };
        if (name.isEmpty()) {
            throw new IllegalArgumentException("kill switch " + id + " names no " + kind + " (" + NAMING + ")");
        }
        try {
            return new Scope(k, name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("kill switch " + id + ": " + e.getMessage(), e);
        }
    }
}
