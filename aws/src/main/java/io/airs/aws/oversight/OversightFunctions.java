package io.airs.aws.oversight;

import io.airs.aws.lambda.AwsRuntime;
import io.airs.core.evidence.LogEvidenceSink;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.policy.Policy;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of the oversight functions, built once per Lambda instance from its
 * environment (region and credentials come from the Lambda runtime as usual):
 *
 * <ul>
 *   <li>{@code AIRS_ESCALATION_TABLE}: the table; default {@code airs-escalations}
 *   <li>{@code AIRS_ESCALATION_STATUS_INDEX}: its status/deadline index; default {@code
 *       status-deadline}
 *   <li>{@code AIRS_ESCALATION_NOTIFY_INDEX}: its sparse outbox index of unsent tickets; default
 *       {@code notify-pending}
 *   <li>{@code AIRS_QUEUE_URL_CRITICAL}, {@code _HIGH}, {@code _STANDARD}, {@code _SAMPLING}: the
 *       queue URLs, each required unless {@code AIRS_QUEUE_BASE_URL} is set, in which case missing
 *       ones default to that base plus {@code airs-escalations-<severity>}
 *   <li>{@code AIRS_SHOW_RAW_CONTENT}: {@code true} to let reviewers see held content; default false
 *   <li>{@code AIRS_REJECTED_DECISIONS}: {@code dead_letter} (default) or {@code drop}
 * </ul>
 *
 * SLAs are the defaults of {@link OversightConfig}. Evidence goes to CloudWatch Logs through {@link
 * LogEvidenceSink}.
 */
record OversightFunctions(Oversight oversight, DynamoSqsEscalationStore store, DecisionConsumerConfig consumer) {

    private static final class Holder {
        // The one static in this package: Lambda's entry point has no other place to keep it.
        static final OversightFunctions INSTANCE = from(System.getenv(), System.out);
    }

    /** The instance for this Lambda process, built on first use. */
    static OversightFunctions fromEnvironment() {
        return Holder.INSTANCE;
    }

    /** Builds the functions' services from {@code env}, writing evidence to {@code out}. */
    static OversightFunctions from(Map<String, String> env, PrintStream out) {
        AppConfigDataClient appConfig = env.get("AIRS_APPCONFIG_POLICY_PROFILE") == null
                ? null
                : AwsRuntime.endpoint(env, "AIRS_APPCONFIGDATA_ENDPOINT", AppConfigDataClient.builder())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        // The review SLAs and routing come from the same policy the hook enforces.
        Policy policy = AwsRuntime.policy(env, appConfig);
        OversightConfig oversightConfig = LayerConfigs.oversight(policy)
                .withShowRawContent(Boolean.parseBoolean(env.getOrDefault(
                        "AIRS_SHOW_RAW_CONTENT",
                        Boolean.toString(LayerConfigs.oversight(policy).showRawContent()))));
        DynamoSqsEscalationConfig storeConfig = storeConfig(env);
        DecisionConsumerConfig.Rejected rejected = DecisionConsumerConfig.Rejected.valueOf(
                env.getOrDefault("AIRS_REJECTED_DECISIONS", "dead_letter").toUpperCase(Locale.ROOT));
        DynamoDbClient dynamo = AwsRuntime.endpoint(env, "AIRS_DYNAMODB_ENDPOINT", DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        SqsClient sqs = AwsRuntime.endpoint(env, "AIRS_SQS_ENDPOINT", SqsClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        DynamoSqsEscalationStore store = new DynamoSqsEscalationStore(dynamo, sqs, storeConfig, oversightConfig);
        Oversight oversight = Oversight.builder(store, new LogEvidenceSink(out::println))
                .config(oversightConfig)
                .build();
        return new OversightFunctions(
                oversight,
                store,
                new DecisionConsumerConfig(
                        rejected, DecisionConsumerConfig.defaults().maxBodyChars()));
    }

    static DynamoSqsEscalationConfig storeConfig(Map<String, String> env) {
        return DynamoSqsEscalationConfig.fromEnvironment(env);
    }
}
