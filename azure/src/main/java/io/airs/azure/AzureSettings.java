package io.airs.azure;

/**
 * The names the Azure package shares with its Terraform ({@code infra/azure}): the application
 * settings the functions read, their defaults, and the function names. One place, so the code, the
 * Terraform and the tests that tie them together agree.
 *
 * <table>
 *   <caption>Application settings</caption>
 *   <tr><th>setting</th><th>meaning</th><th>when absent</th></tr>
 *   <tr><td>{@code AIRS_POLICY}</td><td>the policy as inline YAML or JSON</td><td>App Configuration, else the packaged default</td></tr>
 *   <tr><td>{@code AIRS_APPCONFIG_ENDPOINT}</td><td>{@code https://NAME.azconfig.io}: kill-switch feature flags and the policy key</td><td>no human kill switches</td></tr>
 *   <tr><td>{@code AIRS_APPCONFIG_POLICY_KEY}</td><td>key of the setting holding the policy</td><td>policy not read from App Configuration</td></tr>
 *   <tr><td>{@code AIRS_APPCONFIG_LABEL}</td><td>label of the policy setting and the flags</td><td>no label</td></tr>
 *   <tr><td>{@code AIRS_FLAG_CACHE_SECONDS}</td><td>how long flags are served before App Configuration is read again</td><td>{@value #DEFAULT_FLAG_CACHE_SECONDS}</td></tr>
 *   <tr><td>{@code AirsStorage__queueServiceUri}, {@code AirsStorage__tableServiceUri}</td><td>the storage account's endpoints, reached with the app's managed identity (the same identity-based connection the queue triggers use, {@code AirsStorage__credential=managedidentity})</td><td>{@code AirsStorage}</td></tr>
 *   <tr><td>{@code AirsStorage__credential}, {@code AirsStorage__clientId}</td><td>{@code managedidentity}; a user-assigned identity's client id</td><td>the system-assigned identity</td></tr>
 *   <tr><td>{@code AIRS_SHOW_RAW_CONTENT}</td><td>{@code true} to put held content itself in the review messages</td><td>the policy's {@code oversight.show_raw_content}</td></tr>
 *   <tr><td>{@code AirsStorage}</td><td>a storage connection string (Azurite in tests, key-based deployments)</td><td>in-memory escalations and trips</td></tr>
 *   <tr><td>{@code AIRS_ESCALATION_QUEUE_PREFIX}</td><td>severity queues are PREFIX-critical, -high, -standard, -sampling</td><td>{@value #DEFAULT_ESCALATION_QUEUE_PREFIX}</td></tr>
 *   <tr><td>{@code AIRS_DECISION_QUEUE}</td><td>reviewers' decisions ({@value #FN_DECISION_CONSUMER} reads it)</td><td>{@value #DEFAULT_DECISION_QUEUE}</td></tr>
 *   <tr><td>{@code AIRS_JUDGE_QUEUE}</td><td>sampled decisions for the async LLM judge ({@value #FN_ASYNC_JUDGE})</td><td>{@value #DEFAULT_JUDGE_QUEUE}</td></tr>
 *   <tr><td>{@code AIRS_TICKET_TABLE}</td><td>escalation tickets</td><td>{@value #DEFAULT_TICKET_TABLE}</td></tr>
 *   <tr><td>{@code AIRS_TRIP_TABLE}</td><td>automatic breaker trips shared by every instance</td><td>{@value #DEFAULT_TRIP_TABLE}</td></tr>
 *   <tr><td>{@code AIRS_OPENAI_ENDPOINT}</td><td>{@code https://NAME.openai.azure.com}, called with the managed identity</td><td>required by the filter</td></tr>
 *   <tr><td>{@code AIRS_OPENAI_TIMEOUT_MS}</td><td>timeout of one Azure OpenAI call</td><td>{@value #DEFAULT_OPENAI_TIMEOUT_MS}</td></tr>
 *   <tr><td>{@code AIRS_JUDGE_DEPLOYMENT}</td><td>the Azure OpenAI deployment of the LLM judge (a different model from the application's)</td><td>no LLM judge</td></tr>
 *   <tr><td>{@code AIRS_JUDGE_API_VERSION}</td><td>api-version of the judge's calls</td><td>{@value #DEFAULT_OPENAI_API_VERSION}</td></tr>
 *   <tr><td>{@code AIRS_CONTENT_SAFETY_ENDPOINT}</td><td>{@code https://NAME.cognitiveservices.azure.com}: Prompt Shields as one more signal</td><td>not called</td></tr>
 *   <tr><td>{@code AIRS_PROMPT_SHIELDS_ACTION}</td><td>what a Prompt Shields attack does: block, escalate or allow (logged)</td><td>block</td></tr>
 *   <tr><td>{@code AIRS_SWEEP_SCHEDULE}</td><td>NCRONTAB of the SLA sweep ({@value #FN_SLA_SWEEPER})</td><td>{@value #DEFAULT_SWEEP_SCHEDULE}</td></tr>
 * </table>
 */
public final class AzureSettings {

    public static final String POLICY = "AIRS_POLICY";
    public static final String APPCONFIG_ENDPOINT = "AIRS_APPCONFIG_ENDPOINT";
    public static final String APPCONFIG_POLICY_KEY = "AIRS_APPCONFIG_POLICY_KEY";
    public static final String APPCONFIG_LABEL = "AIRS_APPCONFIG_LABEL";
    public static final String FLAG_CACHE_SECONDS = "AIRS_FLAG_CACHE_SECONDS";
    /** The identity-based connection shared by the queue triggers and the SDK clients. */
    public static final String STORAGE_CONNECTION = "AirsStorage";

    public static final String STORAGE_QUEUE_URI = STORAGE_CONNECTION + "__queueServiceUri";
    public static final String STORAGE_TABLE_URI = STORAGE_CONNECTION + "__tableServiceUri";
    /** {@code managedidentity} (the host's convention for identity-based connections). */
    public static final String STORAGE_CREDENTIAL = STORAGE_CONNECTION + "__credential";
    /** The client id of a user-assigned identity for storage; absent: the system-assigned one. */
    public static final String STORAGE_CLIENT_ID = STORAGE_CONNECTION + "__clientId";
    /** {@code true} to let reviewers see held content itself in queue messages; default the policy's. */
    public static final String SHOW_RAW_CONTENT = "AIRS_SHOW_RAW_CONTENT";

    public static final String ESCALATION_QUEUE_PREFIX = "AIRS_ESCALATION_QUEUE_PREFIX";
    public static final String DECISION_QUEUE = "AIRS_DECISION_QUEUE";
    public static final String JUDGE_QUEUE = "AIRS_JUDGE_QUEUE";
    public static final String TICKET_TABLE = "AIRS_TICKET_TABLE";
    public static final String TRIP_TABLE = "AIRS_TRIP_TABLE";
    public static final String OPENAI_ENDPOINT = "AIRS_OPENAI_ENDPOINT";
    public static final String OPENAI_TIMEOUT_MS = "AIRS_OPENAI_TIMEOUT_MS";
    public static final String JUDGE_DEPLOYMENT = "AIRS_JUDGE_DEPLOYMENT";
    public static final String JUDGE_API_VERSION = "AIRS_JUDGE_API_VERSION";
    public static final String CONTENT_SAFETY_ENDPOINT = "AIRS_CONTENT_SAFETY_ENDPOINT";
    public static final String PROMPT_SHIELDS_ACTION = "AIRS_PROMPT_SHIELDS_ACTION";
    public static final String SWEEP_SCHEDULE = "AIRS_SWEEP_SCHEDULE";

    public static final int DEFAULT_FLAG_CACHE_SECONDS = 30;
    public static final String DEFAULT_ESCALATION_QUEUE_PREFIX = "airs-escalations";
    public static final String DEFAULT_DECISION_QUEUE = "airs-decisions";
    public static final String DEFAULT_JUDGE_QUEUE = "airs-judge";
    public static final String DEFAULT_TICKET_TABLE = "airstickets";
    public static final String DEFAULT_TRIP_TABLE = "airstrips";
    public static final int DEFAULT_OPENAI_TIMEOUT_MS = 30_000;
    public static final String DEFAULT_OPENAI_API_VERSION = "2024-10-21";
    public static final String DEFAULT_SWEEP_SCHEDULE = "0 */1 * * * *";

    /** The Azure OpenAI chat-completions filter (HTTP, function key). */
    public static final String FN_OPENAI_FILTER = "openai-filter";
    /** The native {@code POST /v1/evaluate} (HTTP, function key). */
    public static final String FN_EVALUATE = "evaluate";
    /** {@code GET /v1/escalations/{ticket}} (HTTP, function key). */
    public static final String FN_ESCALATION_STATUS = "escalation-status";
    /** {@code POST /v1/escalations/{ticket}/decision}: the admin route (HTTP, admin key). */
    public static final String FN_ESCALATION_DECISION = "escalation-decision";
    /** Applies reviewers' decisions from the decision queue (queue trigger). */
    public static final String FN_DECISION_CONSUMER = "decision-consumer";
    /** Re-sends unsent tickets and denies those past their SLA (timer trigger). */
    public static final String FN_SLA_SWEEPER = "sla-sweeper";
    /** Judges sampled decisions with the LLM judge (queue trigger). */
    public static final String FN_ASYNC_JUDGE = "async-judge";

    private AzureSettings() {}
}
