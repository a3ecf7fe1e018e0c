package io.airs.aws.breaker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Decision metrics as CloudWatch Embedded Metric Format (EMF) log lines: Lambda sends stdout to
 * CloudWatch Logs, which turns each line into metrics that alarms (and so {@link AlarmTripHandler})
 * can watch. No CloudWatch API call, no agent.
 *
 * <p>Namespace {@code AIRS} (configurable); dimension sets {@code [endpoint, agent]} and {@code
 * [endpoint]}; metrics {@code Decisions}, {@code Blocks} and {@code UpstreamErrors} (Count) and
 * {@code BlockRate} (Percent, blocks per decision of that line). For an alarm on the block rate over
 * many instances, prefer metric math {@code 100 * Blocks / Decisions} on the sums; {@code BlockRate}
 * averages per-line rates.
 *
 * <pre>{@code
 * {"_aws":{"Timestamp":1735725600000,"CloudWatchMetrics":[{"Namespace":"AIRS",
 *   "Dimensions":[["endpoint","agent"],["endpoint"]],"Metrics":[{"Name":"Decisions","Unit":"Count"},...]}]},
 *  "endpoint":"chat","agent":"ops-bot","Decisions":12,"Blocks":3,"UpstreamErrors":0,"BlockRate":25.0}
 * }</pre>
 *
 * <p>Use: {@link #record} per decision, {@link #flush} at the end of each invocation. Dimension
 * values are names, never content; they are cut to printable ASCII of at most 255 characters, and
 * an absent agent reads {@code none}. Thread-safe.
 */
public final class EmfMetrics {

    /** The agent dimension value when a request names no agent. */
    public static final String NO_AGENT = "none";

    /** The agent dimension value for agents beyond {@code maxSeries}. */
    public static final String OTHER_AGENT = "other";

    private static final JsonFactory JSON = new JsonFactory();
    private static final int MAX_DIMENSION_VALUE = 255;

    private final Consumer<String> out;
    private final EmfMetricsConfig config;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Series, long[]> counts = new LinkedHashMap<>();

    /**
     * @param out receives each JSON line (without a line break)
     * @param config namespace and cardinality bound
     * @param clock stamps each flush
     */
    public EmfMetrics(Consumer<String> out, EmfMetricsConfig config, Clock clock) {
        this.out = Objects.requireNonNull(out, "out");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Metrics written to standard output, where Lambda hands them to CloudWatch Logs. */
    public static EmfMetrics toStdout(EmfMetricsConfig config, Clock clock) {
        return new EmfMetrics(System.out::println, config, clock);
    }

    /**
     * Counts one decision.
     *
     * @param endpoint the enforcement endpoint (e.g. {@code chat})
     * @param agent the agent identity, or null
     * @param blocked whether the decision blocked
     * @param upstreamError whether the upstream model call failed
     */
    public void record(String endpoint, String agent, boolean blocked, boolean upstreamError) {
        lock.lock();
        try {
            long[] c = series(endpoint, agent);
            c[0]++;
            if (blocked) {
                c[1]++;
            }
            if (upstreamError) {
                c[2]++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Counts a failed upstream call that is not itself a decision. */
    public void upstreamError(String endpoint, String agent) {
        lock.lock();
        try {
            series(endpoint, agent)[2]++;
        } finally {
            lock.unlock();
        }
    }

    /** The counters of a series, created on first use; called under the lock. */
    private long[] series(String endpoint, String agent) {
        Series key = new Series(dimension(endpoint, "unknown"), dimension(agent, NO_AGENT));
        long[] c = counts.get(key);
        if (c == null) {
            if (counts.size() >= config.maxSeries()) {
                key = new Series(key.endpoint, OTHER_AGENT);
                c = counts.get(key);
            }
            if (c == null) {
                c = new long[3];
                counts.put(key, c);
            }
        }
        return c;
    }

    /**
     * Writes one EMF line per (endpoint, agent) counted since the last flush, and starts counting
     * afresh.
     *
     * @return the number of lines written
     */
    public int flush() {
        Map<Series, long[]> taken;
        lock.lock();
        try {
            if (counts.isEmpty()) {
                return 0;
            }
            taken = new LinkedHashMap<>(counts);
            counts.clear();
        } finally {
            lock.unlock();
        }
        Instant now = clock.instant();
        List<String> lines = new ArrayList<>(taken.size());
        taken.forEach((s, c) -> lines.add(line(s.endpoint, s.agent, c[0], c[1], c[2], now)));
        lines.forEach(out);
        return lines.size();
    }

    /** One EMF line for these counts (dimension values are cleaned as in {@link #record}). */
    public String line(String endpoint, String agent, long decisions, long blocks, long upstreamErrors, Instant at) {
        StringWriter w = new StringWriter(512);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeObjectFieldStart("_aws");
            g.writeNumberField("Timestamp", at.toEpochMilli());
            g.writeArrayFieldStart("CloudWatchMetrics");
            g.writeStartObject();
            g.writeStringField("Namespace", config.namespace());
            g.writeArrayFieldStart("Dimensions");
            g.writeStartArray();
            g.writeString("endpoint");
            g.writeString("agent");
            g.writeEndArray();
            g.writeStartArray();
            g.writeString("endpoint");
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("Metrics");
            metric(g, "Decisions", "Count");
            metric(g, "Blocks", "Count");
            metric(g, "UpstreamErrors", "Count");
            metric(g, "BlockRate", "Percent");
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("endpoint", dimension(endpoint, "unknown"));
            g.writeStringField("agent", dimension(agent, NO_AGENT));
            g.writeNumberField("Decisions", decisions);
            g.writeNumberField("Blocks", blocks);
            g.writeNumberField("UpstreamErrors", upstreamErrors);
            g.writeNumberField("BlockRate", decisions == 0 ? 0.0 : 100.0 * blocks / decisions);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void metric(JsonGenerator g, String name, String unit) throws IOException {
        g.writeStartObject();
        g.writeStringField("Name", name);
        g.writeStringField("Unit", unit);
        g.writeEndObject();
    }

    /** A dimension value CloudWatch accepts: printable ASCII, not blank, at most 255 characters. */
    static String dimension(String value, String absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        int n = Math.min(value.length(), MAX_DIMENSION_VALUE);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '_');
        }
        String s = b.toString().strip();
        return s.isEmpty() ? absent : s;
    }

    private record Series(String endpoint, String agent) {}
}
