package io.airs.aws.breaker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.core.breaker.CachedFlagSource;
import io.airs.core.breaker.Flag;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.breaker.Scope;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.appconfigdata.model.GetLatestConfigurationResponse;

/**
 * The human kill switches, read from an AWS AppConfig feature-flag configuration profile through
 * AppConfigData: one {@code StartConfigurationSession}, then {@code GetLatestConfiguration} with the
 * token each answer hands on, never sooner than the answer's {@code NextPollIntervalInSeconds}. An
 * empty configuration means "unchanged"; between polls the last flags are served without a call.
 *
 * <p><b>Flag naming.</b> One basic flag per scope, so a person flips exactly one switch in the
 * console and its history shows who cut what:
 *
 * <table>
 *   <caption>Flag keys</caption>
 *   <tr><th>flag key</th><th>scope</th></tr>
 *   <tr><td>{@code kill_global}</td><td>{@code global}</td></tr>
 *   <tr><td>{@code kill_endpoint_chat}</td><td>{@code endpoint:chat}</td></tr>
 *   <tr><td>{@code kill_agent_ops-bot}</td><td>{@code agent:ops-bot}</td></tr>
 *   <tr><td>{@code kill_tool_upload}</td><td>{@code tool:upload}</td></tr>
 * </table>
 *
 * <p>The flag's {@code enabled} value opens the breaker; its optional string attribute {@code
 * reason} is the note shown with the refusal. AppConfig returns the profile as {@code {"kill_global":
 * {"enabled": true, "reason": "incident 42"}, ...}}. Keys not starting with {@code kill_} belong to
 * other features and are ignored. AppConfig limits flag keys to letters, digits, {@code _} and {@code
 * -} (64 at most), so only such scope names can be switched here; the name is everything after the
 * kind's underscore, so {@code kill_tool_read_file} is {@code tool:read_file}. A {@code kill_} flag that
 * names no scope, or lacks a boolean {@code enabled}, rejects the whole configuration: the read fails
 * and, wrapped in {@link #cached}, the last good flags stay in force, and a fresh session is started
 * so the next poll fetches the full configuration again.
 *
 * <pre>{@code
 * FlagSource flags = AppConfigFlagSource.cached(appConfigData, AppConfigFlagSourceConfig.of("airs", "prod", "kill-switches"), clock);
 * }</pre>
 *
 * <p>Thread-safe; reads are serialised (the session token is single-use).
 */
public final class AppConfigFlagSource implements FlagSource {

    /** Flag keys of kill switches start with this. */
    public static final String PREFIX = "kill_";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AppConfigDataClient client;
    private final AppConfigFlagSourceConfig config;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private String token;
    private Instant nextPollAt = Instant.MIN;
    private FlagSnapshot snapshot;

    /**
     * @param client an AppConfigData client (the caller owns and closes it)
     * @param config which profile to read and how often
     * @param clock the clock that times polls
     */
    public AppConfigFlagSource(AppConfigDataClient client, AppConfigFlagSourceConfig config, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * This source wrapped in a {@link CachedFlagSource} with {@code config.cacheTtl()}, so an
     * unreachable AppConfig keeps the last-known-good flags.
     */
    public static CachedFlagSource cached(AppConfigDataClient client, AppConfigFlagSourceConfig config, Clock clock) {
        return new CachedFlagSource(new AppConfigFlagSource(client, config, clock), config.cacheTtl(), clock);
    }

    /**
     * The current kill switches: polls AppConfig when the poll interval has passed, otherwise serves
     * the flags of the last poll.
     *
     * @throws RuntimeException when AppConfig cannot be reached or the configuration is malformed
     */
    @Override
    public FlagSnapshot read() {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (snapshot != null && now.isBefore(nextPollAt)) {
                return snapshot;
            }
            try {
                return poll(now);
            } catch (RuntimeException e) {
                // The token may be spent or expired; a new session fetches the whole configuration again.
                token = null;
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    private FlagSnapshot poll(Instant now) {
        if (token == null) {
            token = client.startConfigurationSession(b -> b.applicationIdentifier(config.application())
                            .environmentIdentifier(config.environment())
                            .configurationProfileIdentifier(config.profile())
                            .requiredMinimumPollIntervalInSeconds(
                                    (int) config.minimumPollInterval().toSeconds()))
                    .initialConfigurationToken();
            if (token == null || token.isEmpty()) {
                throw new IllegalStateException("AppConfig returned no configuration token");
            }
        }
        String used = token;
        GetLatestConfigurationResponse r = client.getLatestConfiguration(b -> b.configurationToken(used));
        token = r.nextPollConfigurationToken();
        Integer interval = r.nextPollIntervalInSeconds();
        long seconds =
                interval == null || interval < 0 ? config.minimumPollInterval().toSeconds() : interval.longValue();
        SdkBytes body = r.configuration();
        if (body != null && body.asByteArrayUnsafe().length > 0) {
            requireJson(r.contentType());
            snapshot = parse(body.asByteArrayUnsafe(), now);
        } else if (snapshot == null) {
            snapshot = FlagSnapshot.empty();
        }
        nextPollAt = now.plusSeconds(seconds);
        return snapshot;
    }

    private static void requireJson(String contentType) {
        if (contentType != null && !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new IllegalStateException(
                    "the kill-switch profile must be a feature-flag (JSON) profile, got content type " + contentType);
        }
    }

    /**
     * Parses AppConfig's feature-flag data ({@code {"kill_global": {"enabled": true, "reason":
     * "..."}}}) into kill switches, each stamped {@code receivedAt}.
     *
     * @throws IllegalArgumentException when the data is not a JSON object or a kill switch is malformed
     */
    static FlagSnapshot parse(byte[] body, Instant receivedAt) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "kill-switch configuration is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("kill-switch configuration cannot be read", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("kill-switch configuration must be a JSON object of flags");
        }
        Map<Scope, Flag> flags = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            Scope scope = scopeOf(key);
            JsonNode value = e.getValue();
            JsonNode enabled = value == null ? null : value.get("enabled");
            if (enabled == null || !enabled.isBoolean()) {
                throw new IllegalArgumentException("flag " + key + " has no boolean \"enabled\"");
            }
            JsonNode reason = value.get("reason");
            String note = reason != null && reason.isTextual() ? reason.asText() : "";
            flags.put(scope, new Flag(enabled.booleanValue(), note, receivedAt));
        }
        return new FlagSnapshot(flags);
    }

    /** The scope a {@code kill_...} flag key names. */
    static Scope scopeOf(String key) {
        String rest = key.substring(PREFIX.length());
        if (rest.equals("global")) {
            return Scope.global();
        }
        int sep = rest.indexOf('_');
        String kind = sep < 0 ? rest : rest.substring(0, sep);
        String name = sep < 0 ? "" : rest.substring(sep + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("flag " + key
                    + " names no scope (expected kill_global, kill_endpoint_NAME, kill_agent_NAME or kill_tool_NAME)");
        }
        return switch (kind) {
            case "endpoint" -> Scope.endpoint(name);
            case "agent" -> Scope.agent(name);
            case "tool" -> Scope.tool(name);
            default ->
                throw new IllegalArgumentException(
                        "flag " + key
                                + " has an unknown scope kind (expected kill_global, kill_endpoint_NAME, kill_agent_NAME or kill_tool_NAME)");
        };
    }
}
