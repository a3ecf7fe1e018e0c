package io.airs.aws.oversight;

import io.airs.core.oversight.Severity;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link DynamoSqsEscalationStore} keeps tickets and sends them.
 *
 * <pre>{@code
 * var cfg = DynamoSqsEscalationConfig.defaults("https://sqs.eu-west-1.amazonaws.com/123456789012/");
 * }</pre>
 *
 * @param table the DynamoDB table name (partition key {@code ticket}, a string); default {@code
 *     airs-escalations}. Its shape is {@link EscalationTable#createTableRequest}.
 * @param statusIndex the global secondary index on {@code status} (hash) and {@code deadline_key}
 *     (range), used to find overdue and listed tickets; default {@code status-deadline}
 * @param notifyIndex the sparse global secondary index on {@code notify_pending} (hash) and {@code
 *     notify_since} (range), holding only tickets whose message to reviewers is still unsent; used
 *     by {@link DynamoSqsEscalationStore#redeliver}; default {@code notify-pending}
 * @param queueUrls the SQS queue URL of every {@link Severity}; all four must be present. The
 *     default queue names are {@code airs-escalations-critical|high|standard|sampling}.
 * @param sendTimeout the longest one send to SQS may take, retries included, before the ticket is
 *     left for redelivery; bounds how long an SQS outage can hold the request that opens a ticket.
 *     Positive; default 2 s.
 * @param redeliveryGrace how long a message must have been owed before {@link
 *     DynamoSqsEscalationStore#redeliver} sends it, so a sweep does not duplicate the send an
 *     {@code open} is still making; zero or positive, below the sweep interval; default 5 s.
 */
public record DynamoSqsEscalationConfig(
        String table,
        String statusIndex,
        String notifyIndex,
        Map<Severity, String> queueUrls,
        Duration sendTimeout,
        Duration redeliveryGrace) {

    /** The default table name. */
    public static final String DEFAULT_TABLE = "airs-escalations";

    /** The default index name. */
    public static final String DEFAULT_STATUS_INDEX = "status-deadline";

    /** The default outbox index name. */
    public static final String DEFAULT_NOTIFY_INDEX = "notify-pending";

    /** The default bound on one send. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(2);

    /** The default age of an unsent message before a redelivery sends it. */
    public static final Duration DEFAULT_REDELIVERY_GRACE = Duration.ofSeconds(5);

    public DynamoSqsEscalationConfig {
        requireName(table, "table");
        requireName(statusIndex, "statusIndex");
        requireName(notifyIndex, "notifyIndex");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(redeliveryGrace, "redeliveryGrace");
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw new IllegalArgumentException("sendTimeout must be positive");
        }
        if (redeliveryGrace.isNegative()) {
            throw new IllegalArgumentException("redeliveryGrace must not be negative");
        }
        Objects.requireNonNull(queueUrls, "queueUrls");
        EnumMap<Severity, String> copy = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String url = queueUrls.get(s);
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("queueUrls: missing the " + s.wireName() + " queue");
            }
            copy.put(s, url);
        }
        queueUrls = Map.copyOf(copy);
    }

    /** A table, its status index and queues, with the default outbox index, send timeout and grace. */
    public DynamoSqsEscalationConfig(String table, String statusIndex, Map<Severity, String> queueUrls) {
        this(table, statusIndex, DEFAULT_NOTIFY_INDEX, queueUrls, DEFAULT_SEND_TIMEOUT, DEFAULT_REDELIVERY_GRACE);
    }

    /**
     * The default table and index, and the default queue names appended to {@code queueBaseUrl}
     * (such as {@code https://sqs.us-east-1.amazonaws.com/123456789012/}; a missing final slash is
     * added). Queue URLs name the account, so there is no default without a base.
     */
    public static DynamoSqsEscalationConfig defaults(String queueBaseUrl) {
        Objects.requireNonNull(queueBaseUrl, "queueBaseUrl");
        String base = queueBaseUrl.endsWith("/") ? queueBaseUrl : queueBaseUrl + "/";
        EnumMap<Severity, String> urls = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            urls.put(s, base + defaultQueueName(s));
        }
        return new DynamoSqsEscalationConfig(DEFAULT_TABLE, DEFAULT_STATUS_INDEX, urls);
    }

    /** The default name of the queue of {@code s}, such as {@code airs-escalations-high}. */
    public static String defaultQueueName(Severity s) {
        return "airs-escalations-" + s.wireName();
    }

    /** The URL of the queue of {@code s}. */
    public String queueUrl(Severity s) {
        return queueUrls.get(s);
    }

    /** This configuration with another table name. */
    public DynamoSqsEscalationConfig withTable(String name) {
        return new DynamoSqsEscalationConfig(name, statusIndex, notifyIndex, queueUrls, sendTimeout, redeliveryGrace);
    }

    /** This configuration with another redelivery grace. */
    public DynamoSqsEscalationConfig withRedeliveryGrace(Duration grace) {
        return new DynamoSqsEscalationConfig(table, statusIndex, notifyIndex, queueUrls, sendTimeout, grace);
    }

    private static void requireName(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    /**
     * The store's settings from environment variables: {@code AIRS_ESCALATION_TABLE}, {@code
     * AIRS_ESCALATION_STATUS_INDEX}, {@code AIRS_ESCALATION_NOTIFY_INDEX}, and {@code
     * AIRS_QUEUE_URL_<SEVERITY>} or {@code AIRS_QUEUE_BASE_URL}; the send timeout and grace are the
     * defaults.
     */
    public static DynamoSqsEscalationConfig fromEnvironment(Map<String, String> env) {
        String base = env.get("AIRS_QUEUE_BASE_URL");
        Map<Severity, String> urls = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            String url = env.get("AIRS_QUEUE_URL_" + s.name());
            if (url == null && base != null) {
                url = defaults(base).queueUrl(s);
            }
            if (url == null) {
                throw new IllegalStateException("AIRS_QUEUE_URL_" + s.name() + " or AIRS_QUEUE_BASE_URL is required");
            }
            urls.put(s, url);
        }
        return new DynamoSqsEscalationConfig(
                env.getOrDefault("AIRS_ESCALATION_TABLE", DEFAULT_TABLE),
                env.getOrDefault("AIRS_ESCALATION_STATUS_INDEX", DEFAULT_STATUS_INDEX),
                env.getOrDefault("AIRS_ESCALATION_NOTIFY_INDEX", DEFAULT_NOTIFY_INDEX),
                urls,
                DEFAULT_SEND_TIMEOUT,
                DEFAULT_REDELIVERY_GRACE);
    }
}
