package io.airs.databricks.gateway;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's configuration, from its environment (the workspace's own variables, {@code
 * DATABRICKS_HOST} and its credentials, are read by {@link io.airs.databricks.workspace.Workspace}).
 * Every problem names its variable.
 *
 * @param endpoints the serving endpoints guarded ({@value #ENDPOINTS}, comma-separated; required)
 * @param policy the policy file ({@value #POLICY}), or null for the built-in default
 * @param bind the address listened on ({@value #BIND}, default {@code 127.0.0.1})
 * @param port the port ({@value #PORT}, default 8080; 0 picks one)
 * @param dataDir where the escalation journal, evidence and (without a breaker table) the kill-switch
 *     file are kept ({@value #DATA_DIR}, default {@code airs-data})
 * @param callerTokens the bearer tokens callers present ({@value #CALLER_TOKENS}, comma-separated);
 *     required when listening on anything but the loopback interface
 * @param adminToken the administrator's bearer token ({@value #ADMIN_TOKEN}); without it the
 *     administrator's routes are closed
 * @param judgeEndpoint the serving endpoint of the LLM judge ({@value #JUDGE_ENDPOINT}), or null for
 *     the policy's own judge settings
 * @param warehouseId the SQL warehouse that reads the breaker table ({@value #WAREHOUSE_ID})
 * @param breakerTable the breaker table, {@code catalog.schema.airs_breakers} ({@value
 *     #BREAKER_TABLE}); with the warehouse, or neither
 * @param flagsTtl how long the kill switches read are reused ({@value #FLAGS_TTL}, seconds, default 5)
 * @param upstreamTimeout one serving-endpoint call's timeout ({@value #UPSTREAM_TIMEOUT}, seconds,
 *     default 60)
 * @param evidenceFsync whether every evidence record is forced to the disk before the answer is sent
 *     ({@value #EVIDENCE_FSYNC}, default true; false trades the last records before a crash for
 *     latency)
 */
public record GatewaySettings(
        Set<String> endpoints,
        Path policy,
        String bind,
        int port,
        Path dataDir,
        List<String> callerTokens,
        String adminToken,
        String judgeEndpoint,
        String warehouseId,
        String breakerTable,
        Duration flagsTtl,
        Duration upstreamTimeout,
        boolean evidenceFsync) {

    public static final String ENDPOINTS = "AIRS_ENDPOINTS";
    public static final String POLICY = "AIRS_POLICY";
    public static final String BIND = "AIRS_BIND";
    public static final String PORT = "AIRS_PORT";
    public static final String DATA_DIR = "AIRS_DATA_DIR";
    public static final String CALLER_TOKENS = "AIRS_CALLER_TOKENS";
    public static final String ADMIN_TOKEN = "AIRS_ADMIN_TOKEN";
    public static final String JUDGE_ENDPOINT = "AIRS_JUDGE_ENDPOINT";
    public static final String WAREHOUSE_ID = "AIRS_WAREHOUSE_ID";
    public static final String BREAKER_TABLE = "AIRS_BREAKER_TABLE";
    public static final String FLAGS_TTL = "AIRS_FLAGS_TTL_SECONDS";
    public static final String UPSTREAM_TIMEOUT = "AIRS_UPSTREAM_TIMEOUT_SECONDS";
    public static final String EVIDENCE_FSYNC = "AIRS_EVIDENCE_FSYNC";

    /**
     * Reads and checks the settings.
     *
     * @throws IllegalArgumentException listing every problem, each with its variable
     */
    public static GatewaySettings fromEnvironment(Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Set<String> endpoints = new LinkedHashSet<>();
        for (String e : list(env.get(ENDPOINTS))) {
            if (!ServingEndpointUpstream.isEndpointName(e)) {
                problems.add(ENDPOINTS + ": '" + e + "' is not a serving endpoint name (letters, digits, - and _)");
            }
            endpoints.add(e);
        }
        if (endpoints.isEmpty() && problems.isEmpty()) {
            problems.add(ENDPOINTS + " is not set: the serving endpoints to guard, comma-separated");
        }
        String judge = blankToNull(env.get(JUDGE_ENDPOINT));
        if (judge != null && !ServingEndpointUpstream.isEndpointName(judge)) {
            problems.add(JUDGE_ENDPOINT + ": '" + judge + "' is not a serving endpoint name");
        }
        if (judge != null && endpoints.contains(judge)) {
            problems.add(JUDGE_ENDPOINT + ": the judge must be a different endpoint from the ones it judges");
        }
        String bind = env.getOrDefault(BIND, "127.0.0.1").strip();
        boolean loopback = false;
        try {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            problems.add(BIND + ": '" + bind + "' is not an address");
        }
        int port = integer(env, PORT, 8080, 0, 65535, problems);
        List<String> callers = list(env.get(CALLER_TOKENS));
        for (String t : callers) {
            if (t.length() < 16) {
                problems.add(CALLER_TOKENS + ": every token must be at least 16 characters");
                break;
            }
        }
        if (!loopback && callers.isEmpty()) {
            problems.add(CALLER_TOKENS + " is not set: listening on " + bind
                    + " (not the loopback interface) needs caller tokens");
        }
        String admin = blankToNull(env.get(ADMIN_TOKEN));
        if (admin != null && admin.length() < 16) {
            problems.add(ADMIN_TOKEN + ": must be at least 16 characters");
        }
        if (admin != null && callers.contains(admin)) {
            problems.add(ADMIN_TOKEN + ": must differ from every caller token");
        }
        String warehouse = blankToNull(env.get(WAREHOUSE_ID));
        String table = blankToNull(env.get(BREAKER_TABLE));
        if ((warehouse == null) != (table == null)) {
            problems.add("set both " + WAREHOUSE_ID + " and " + BREAKER_TABLE + " (the breaker table), or neither");
        }
        int ttl = integer(env, FLAGS_TTL, 5, 0, 3600, problems);
        int timeout = integer(env, UPSTREAM_TIMEOUT, 60, 1, 600, problems);
        String policy = blankToNull(env.get(POLICY));
        String fsync = env.getOrDefault(EVIDENCE_FSYNC, "true").strip();
        if (!fsync.equals("true") && !fsync.equals("false")) {
            problems.add(EVIDENCE_FSYNC + ": expected true or false, got '" + fsync + "'");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
        return new GatewaySettings(
                endpoints,
                policy == null ? null : Path.of(policy),
                bind,
                port,
                Path.of(env.getOrDefault(DATA_DIR, "airs-data")),
                callers,
                admin,
                judge,
                warehouse,
                table,
                Duration.ofSeconds(ttl),
                Duration.ofSeconds(timeout),
                !fsync.equals("false"));
    }

    private static int integer(
            Map<String, String> env, String name, int dflt, int min, int max, List<String> problems) {
        String v = blankToNull(env.get(name));
        if (v == null) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(name + ": expected an integer from " + min + " to " + max + ", got '" + v + "'");
        return dflt;
    }

    private static List<String> list(String v) {
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    @Override
    public String toString() {
        return "GatewaySettings[endpoints=" + endpoints + ", bind=" + bind + ":" + port + ", callerTokens="
                + callerTokens.size() + ", adminToken=" + (adminToken == null ? "none" : "set") + ", judge="
                + judgeEndpoint + ", breakerTable=" + breakerTable + "]";
    }
}
