package io.airs.aws.breaker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.airs.core.breaker.EvidenceStamp;
import io.airs.core.breaker.Scope;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.Identities;
import io.airs.core.evidence.LogEvidenceSink;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The breaker trip function: an EventBridge rule sends it CloudWatch's "CloudWatch Alarm State
 * Change" events, and it opens the scope's shared trip in the {@link DynamoTripStore} when the alarm
 * goes to {@code ALARM} and closes it when the alarm returns to {@code OK}. Every enforcement
 * instance reads the trip table as flags, so the whole fleet follows the alarm.
 *
 * <p><b>Naming the scope.</b> The alarm's description carries the token {@code airs-scope=SCOPE},
 * with {@code SCOPE} in the breaker wire form ({@code global}, {@code endpoint:chat}, {@code
 * agent:ops-bot}, {@code tool:upload}), anywhere in the text and delimited by white space, e.g.
 * {@code "Block rate above 30% on chat. airs-scope=endpoint:chat"}. An alarm without the token is
 * ignored (answered {@code ignored}), as is {@code INSUFFICIENT_DATA}.
 *
 * <p>An alarm trip stays open until the alarm's {@code OK} (no lapse time), has reason {@code
 * alarm:ALARM_NAME}, and {@code OK} closes only a trip with that reason, so an alarm never clears a
 * trip another alarm or an instance's breaker opened. Each {@code ALARM} or {@code OK} handled leaves
 * an evidence record ({@code event=breaker_transition}, {@code trigger=alarm}, {@code scope}, {@code
 * from}, {@code to}, {@code alarm}, {@code changed}).
 *
 * <p>Answers {@code {"action": "opened"|"closed"|"unchanged"|"ignored", "scope": ..., "state": ...}}.
 * An event that is not an alarm state change is refused with {@link IllegalArgumentException}.
 */
public final class AlarmTripHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** The token in an alarm description that names the scope. */
    public static final String SCOPE_TOKEN = "airs-scope=";

    static final String DETAIL_TYPE = "CloudWatch Alarm State Change";

    private static final DateTimeFormatter CLOUDWATCH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final DynamoTripStore trips;
    private final EvidenceSink evidence;
    private final EvidenceStamp stamp;
    private final Clock clock;

    /** The Lambda entry point: built once per instance from the environment (see {@link Root}). */
    public AlarmTripHandler() {
        this(Root.INSTANCE.trips, Root.INSTANCE.evidence, Root.INSTANCE.stamp, Clock.systemUTC());
    }

    /**
     * @param trips the shared trip table
     * @param evidence where each trip and reset is recorded
     * @param stamp policy revision, risk tier and ids for those records
     * @param clock used when the event carries no usable time
     */
    public AlarmTripHandler(DynamoTripStore trips, EvidenceSink evidence, EvidenceStamp stamp, Clock clock) {
        this.trips = Objects.requireNonNull(trips, "trips");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.stamp = Objects.requireNonNull(stamp, "stamp");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        if (event == null
                || !DETAIL_TYPE.equals(event.get("detail-type"))
                || !"aws.cloudwatch".equals(event.get("source"))) {
            throw new IllegalArgumentException("expected an aws.cloudwatch \"" + DETAIL_TYPE + "\" event");
        }
        Map<?, ?> detail = map(event.get("detail"));
        String alarm = text(detail.get("alarmName"));
        Map<?, ?> state = map(detail.get("state"));
        String value = text(state.get("value"));
        if (alarm == null || value == null) {
            throw new IllegalArgumentException("alarm state change without alarmName or state.value");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("alarm", alarm);
        answer.put("state", value);
        Optional<Scope> scope = scopeOf(text(map(detail.get("configuration")).get("description")));
        if (scope.isEmpty() || !(value.equals("ALARM") || value.equals("OK"))) {
            answer.put("action", "ignored");
            return answer;
        }
        Scope s = scope.get();
        answer.put("scope", s.wire());
        Instant at = when(text(state.get("timestamp")), text(event.get("time")));
        String owner = "alarm:" + alarm;
        boolean opening = value.equals("ALARM");
        boolean wasOpen = trips.get(s).map(t -> t.activeAt(at)).orElse(false);
        boolean changed = opening
                ? trips.open(s, owner, at, null).isPresent()
                : trips.close(s, "alarm_ok:" + alarm, at, owner).isPresent();
        String action = !changed ? "unchanged" : opening ? "opened" : "closed";
        answer.put("action", action);
        record(s, alarm, opening, wasOpen, changed, at, opening ? owner : "alarm_ok:" + alarm);
        return answer;
    }

    private void record(
            Scope s, String alarm, boolean opening, boolean wasOpen, boolean changed, Instant at, String reason) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("event", "breaker_transition");
        extra.put("trigger", "alarm");
        extra.put("scope", s.wire());
        extra.put("source", "automatic");
        extra.put("alarm", alarm);
        extra.put("from", wasOpen ? "OPEN" : "CLOSED");
        extra.put("to", opening || (wasOpen && !changed) ? "OPEN" : "CLOSED");
        extra.put("changed", Boolean.toString(changed));
        Identities who = s.kind() == Scope.Kind.AGENT ? new Identities(null, s.name(), null, null) : Identities.none();
        evidence.append(stamp.draft(at, "OPEN".equals(extra.get("to")), reason, who, extra));
    }

    /** The scope named by the {@code airs-scope=} token of an alarm description. */
    static Optional<Scope> scopeOf(String description) {
        if (description == null) {
            return Optional.empty();
        }
        for (String word : description.split("\\s+")) {
            if (word.startsWith(SCOPE_TOKEN)) {
                try {
                    return Optional.of(Scope.parse(word.substring(SCOPE_TOKEN.length())));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The state's timestamp ({@code 2019-10-02T17:04:40.985+0000}), else the event time, else now. */
    private Instant when(String stateTime, String eventTime) {
        if (stateTime != null) {
            try {
                return OffsetDateTime.parse(stateTime, CLOUDWATCH_TIME).toInstant();
            } catch (DateTimeParseException e) {
                // fall through to the event time
            }
        }
        if (eventTime != null) {
            try {
                return Instant.parse(eventTime);
            } catch (DateTimeParseException e) {
                // fall through to the clock
            }
        }
        return clock.instant();
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map<?, ?> m ? m : Map.of();
    }

    private static String text(Object o) {
        return o instanceof String s ? s : null;
    }

    /**
     * The Lambda composition root, built on first use: table from {@code AIRS_TRIP_TABLE}, policy from
     * {@code AIRS_POLICY_FILE} (the default policy when unset), evidence to standard output.
     */
    private static final class Root {
        static final Root INSTANCE = new Root();

        final DynamoTripStore trips;
        final EvidenceSink evidence;
        final EvidenceStamp stamp;

        private Root() {
            String table = System.getenv("AIRS_TRIP_TABLE");
            if (table == null || table.isBlank()) {
                throw new IllegalStateException("AIRS_TRIP_TABLE is not set");
            }
            String policyFile = System.getenv("AIRS_POLICY_FILE");
            Policy policy = policyFile == null || policyFile.isBlank()
                    ? PolicyLoader.defaultPolicy()
                    : new PolicyLoader().load(Path.of(policyFile));
            DynamoDbClient dynamo = DynamoDbClient.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
            this.trips = new DynamoTripStore(dynamo, TripStoreConfig.table(table), Clock.systemUTC());
            this.evidence = new LogEvidenceSink(System.out::println);
            this.stamp = new EvidenceStamp(
                    policy.revision(),
                    policy.riskTier(),
                    () -> UUID.randomUUID().toString());
        }
    }
}
