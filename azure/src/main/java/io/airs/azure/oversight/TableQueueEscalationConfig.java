package io.airs.azure.oversight;

import io.airs.azure.AzureSettings;
import io.airs.azure.storage.StorageConnection;
import io.airs.core.oversight.Severity;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where {@link TableQueueEscalationStore} keeps tickets and sends them, and how.
 *
 * <pre>{@code
 * var cfg = TableQueueEscalationConfig.fromEnvironment(System.getenv());
 * var store = TableQueueEscalationStore.create(cfg, oversightConfig);
 * }</pre>
 *
 * @param connection the storage account (connection string, or service URIs with a managed identity)
 * @param table the ticket table; default {@code airstickets} ({@value AzureSettings#TICKET_TABLE})
 * @param queuePrefix the severity queues are {@code PREFIX-critical}, {@code -high}, {@code
 *     -standard} and {@code -sampling}; default {@code airs-escalations} ({@value
 *     AzureSettings#ESCALATION_QUEUE_PREFIX})
 * @param decisionQueue the queue of reviewers' decisions; rejected ones go to {@code
 *     NAME-poison}, the queue the Functions host moves failing messages to; default {@code
 *     airs-decisions} ({@value AzureSettings#DECISION_QUEUE})
 * @param sendTimeout the longest one send to a queue may take, retries included, before the ticket
 *     is left for {@link TableQueueEscalationStore#resendUnsent}; bounds how long a queue outage can
 *     hold the request that opens a ticket. Positive, at most a minute; default 2 s.
 * @param resendGrace how long a message must have been owed before {@link
 *     TableQueueEscalationStore#resendUnsent} sends it, so a sweep does not duplicate a send an
 *     {@code open} is still making; zero to an hour, below the sweep interval; default 5 s.
 * @param createIfMissing whether the store creates its table and queues when they do not exist
 *     (tests, local runs); production leaves it false and relies on the Terraform in {@code
 *     infra/azure}
 */
public record TableQueueEscalationConfig(
        StorageConnection connection,
        String table,
        String queuePrefix,
        String decisionQueue,
        Duration sendTimeout,
        Duration resendGrace,
        boolean createIfMissing) {

    /** The default bound on one send. */
    public static final Duration DEFAULT_SEND_TIMEOUT = Duration.ofSeconds(2);

    /** The default age of an unsent message before a resend sends it. */
    public static final Duration DEFAULT_RESEND_GRACE = Duration.ofSeconds(5);

    /** Reviewers may see held content in tickets and messages: {@code true} or {@code false}. */
    public static final String SHOW_RAW_CONTENT = AzureSettings.SHOW_RAW_CONTENT;

    /** The suffix the Functions host gives a queue's poison queue. */
    public static final String POISON_SUFFIX = "-poison";

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{2,62}");
    private static final Pattern QUEUE_NAME = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}");
    private static final Duration MAX_SEND_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration MAX_RESEND_GRACE = Duration.ofHours(1);
    private static final int LONGEST_SEVERITY = "-standard".length();

    public TableQueueEscalationConfig {
        Objects.requireNonNull(connection, "connection");
        requireTable(table, "table");
        requireQueuePrefix(queuePrefix, "queuePrefix");
        requireDecisionQueue(decisionQueue, "decisionQueue");
        Objects.requireNonNull(sendTimeout, "sendTimeout");
        Objects.requireNonNull(resendGrace, "resendGrace");
        if (sendTimeout.isNegative() || sendTimeout.isZero() || sendTimeout.compareTo(MAX_SEND_TIMEOUT) > 0) {
            throw new IllegalArgumentException("sendTimeout must be positive and at most 1 minute");
        }
        if (resendGrace.isNegative() || resendGrace.compareTo(MAX_RESEND_GRACE) > 0) {
            throw new IllegalArgumentException("resendGrace must be 0 to 1 hour");
        }
    }

    /** The default names, timeout and grace over {@code connection}; nothing is created. */
    public static TableQueueEscalationConfig defaults(StorageConnection connection) {
        return new TableQueueEscalationConfig(
                connection,
                AzureSettings.DEFAULT_TICKET_TABLE,
                AzureSettings.DEFAULT_ESCALATION_QUEUE_PREFIX,
                AzureSettings.DEFAULT_DECISION_QUEUE,
                DEFAULT_SEND_TIMEOUT,
                DEFAULT_RESEND_GRACE,
                false);
    }

    /**
     * The store's settings from the function app's environment: the {@code AirsStorage} connection
     * (see {@link StorageConnection#fromEnvironment}), {@value AzureSettings#TICKET_TABLE}, {@value
     * AzureSettings#ESCALATION_QUEUE_PREFIX} and {@value AzureSettings#DECISION_QUEUE}, each with
     * its default when absent. Nothing is created: Terraform owns the table and queues.
     *
     * @throws IllegalArgumentException naming the setting whose value is missing or wrong
     */
    public static TableQueueEscalationConfig fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String table = setting(env, AzureSettings.TICKET_TABLE, AzureSettings.DEFAULT_TICKET_TABLE);
        requireTable(table, AzureSettings.TICKET_TABLE);
        String prefix =
                setting(env, AzureSettings.ESCALATION_QUEUE_PREFIX, AzureSettings.DEFAULT_ESCALATION_QUEUE_PREFIX);
        requireQueuePrefix(prefix, AzureSettings.ESCALATION_QUEUE_PREFIX);
        String decisions = setting(env, AzureSettings.DECISION_QUEUE, AzureSettings.DEFAULT_DECISION_QUEUE);
        requireDecisionQueue(decisions, AzureSettings.DECISION_QUEUE);
        return new TableQueueEscalationConfig(
                StorageConnection.fromEnvironment(env),
                table,
                prefix,
                decisions,
                DEFAULT_SEND_TIMEOUT,
                DEFAULT_RESEND_GRACE,
                false);
    }

    /**
     * Whether reviewers may see held content, from {@value #SHOW_RAW_CONTENT} ({@code true} or
     * {@code false}, any case), else {@code policyDefault} (the policy's own setting).
     *
     * @throws IllegalArgumentException naming the setting when it is neither
     */
    public static boolean showRawContent(Map<String, String> env, boolean policyDefault) {
        String v = env.get(SHOW_RAW_CONTENT);
        if (v == null || v.isBlank()) {
            return policyDefault;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(SHOW_RAW_CONTENT + ": '" + v + "' is not true or false");
        };
    }

    /** The queue of {@code s}, such as {@code airs-escalations-high}. */
    public String queueName(Severity s) {
        return queuePrefix + "-" + s.wireName();
    }

    /** Where rejected decisions go: {@code DECISIONQUEUE-poison}. */
    public String poisonQueue() {
        return decisionQueue + POISON_SUFFIX;
    }

    /** This configuration with another table name. */
    public TableQueueEscalationConfig withTable(String name) {
        return new TableQueueEscalationConfig(
                connection, name, queuePrefix, decisionQueue, sendTimeout, resendGrace, createIfMissing);
    }

    /** This configuration with another severity queue prefix. */
    public TableQueueEscalationConfig withQueuePrefix(String prefix) {
        return new TableQueueEscalationConfig(
                connection, table, prefix, decisionQueue, sendTimeout, resendGrace, createIfMissing);
    }

    /** This configuration with another decision queue. */
    public TableQueueEscalationConfig withDecisionQueue(String name) {
        return new TableQueueEscalationConfig(
                connection, table, queuePrefix, name, sendTimeout, resendGrace, createIfMissing);
    }

    /** This configuration with another bound on one send. */
    public TableQueueEscalationConfig withSendTimeout(Duration timeout) {
        return new TableQueueEscalationConfig(
                connection, table, queuePrefix, decisionQueue, timeout, resendGrace, createIfMissing);
    }

    /** This configuration with another resend grace. */
    public TableQueueEscalationConfig withResendGrace(Duration grace) {
        return new TableQueueEscalationConfig(
                connection, table, queuePrefix, decisionQueue, sendTimeout, grace, createIfMissing);
    }

    /** This configuration creating (or not) a missing table and queues. */
    public TableQueueEscalationConfig withCreateIfMissing(boolean create) {
        return new TableQueueEscalationConfig(
                connection, table, queuePrefix, decisionQueue, sendTimeout, resendGrace, create);
    }

    private static String setting(Map<String, String> env, String name, String fallback) {
        String v = env.get(name);
        return v == null ? fallback : v.trim();
    }

    private static void requireTable(String v, String label) {
        if (v == null || !TABLE_NAME.matcher(v).matches() || v.equalsIgnoreCase("tables")) {
            throw new IllegalArgumentException(label + ": '" + v
                    + "' is not a table name (3 to 63 letters and digits, starting with a letter, not 'tables')");
        }
    }

    private static void requireQueuePrefix(String v, String label) {
        if (v == null
                || v.length() + LONGEST_SEVERITY > 63
                || !QUEUE_NAME.matcher(v + "-standard").matches()) {
            throw new IllegalArgumentException(label + ": '" + v
                    + "' is not a queue name prefix (lower-case letters, digits and single hyphens, at most "
                    + (63 - LONGEST_SEVERITY) + " characters)");
        }
    }

    private static void requireDecisionQueue(String v, String label) {
        if (v == null
                || v.length() + POISON_SUFFIX.length() > 63
                || !QUEUE_NAME.matcher(v).matches()) {
            throw new IllegalArgumentException(label + ": '" + v
                    + "' is not a queue name (3 to " + (63 - POISON_SUFFIX.length())
                    + " lower-case letters, digits and single hyphens, so that its poison queue fits too)");
        }
    }
}
