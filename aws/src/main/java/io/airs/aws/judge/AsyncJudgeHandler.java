package io.airs.aws.judge;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.aws.bedrock.BedrockHookConfig;
import io.airs.aws.lambda.AwsRuntime;
import io.airs.aws.oversight.DynamoSqsEscalationConfig;
import io.airs.aws.oversight.DynamoSqsEscalationStore;
import io.airs.core.RiskTier;
import io.airs.core.evidence.LogEvidenceSink;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.judge.AsyncJudgeWorker;
import io.airs.core.judge.Judge;
import io.airs.core.oversight.Oversight;
import io.airs.core.policy.Policy;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.appconfigdata.AppConfigDataClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Judges sampled decisions from the async-judge SQS queue with a different model from the one that
 * answered, off the request path: the runtime never waits for it. A REVIEW or ESCALATE verdict opens
 * a sampling review (the content was already released, so nothing is held). A judge that fails
 * reports the message as a batch item failure, so SQS retries it and, after the queue's
 * maxReceiveCount, moves it to the dead-letter queue; a message that can never be judged (bad JSON)
 * is dropped with a log line that names the field, never the content.
 */
public final class AsyncJudgeHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** The Lambda entry point's composition, built on first use from the function's environment. */
    private static final class Holder {
        static final AsyncJudgeHandler INSTANCE = fromEnvironment(System.getenv());
    }

    private final AsyncJudgeWorker worker;

    /** For Lambda: the judge, the review store and the policy from the environment (see {@link #fromEnvironment}). */
    public AsyncJudgeHandler() {
        this.worker = Holder.INSTANCE.worker;
    }

    /**
     * Builds the handler from environment variables: {@code AIRS_JUDGE_MODEL_ID} (required: the
     * Bedrock model that judges, a different one from the model it judges), the escalation store's
     * variables ({@code AIRS_ESCALATION_TABLE}, {@code AIRS_QUEUE_URL_<SEVERITY>}), and the policy
     * ({@code AIRS_APPCONFIG_*} or {@code AIRS_POLICY}) whose tier and review SLAs apply.
     */
    public static AsyncJudgeHandler fromEnvironment(Map<String, String> env) {
        String model = env.get("AIRS_JUDGE_MODEL_ID");
        if (model == null || model.isBlank()) {
            throw new IllegalStateException("AIRS_JUDGE_MODEL_ID is not set");
        }
        AppConfigDataClient appConfig = env.get("AIRS_APPCONFIG_POLICY_PROFILE") == null
                ? null
                : AwsRuntime.endpoint(env, "AIRS_APPCONFIGDATA_ENDPOINT", AppConfigDataClient.builder())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
        Policy policy = AwsRuntime.policy(env, appConfig);
        var hook = BedrockHookConfig.fromEnvironment(env);
        var bedrock = AwsRuntime.bedrockClient(
                hook, DefaultCredentialsProvider.builder().build());
        var dynamo = AwsRuntime.endpoint(env, "AIRS_DYNAMODB_ENDPOINT", DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        var sqs = AwsRuntime.endpoint(env, "AIRS_SQS_ENDPOINT", SqsClient.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        var oversightConfig = LayerConfigs.oversight(policy);
        var store = new DynamoSqsEscalationStore(
                dynamo, sqs, DynamoSqsEscalationConfig.fromEnvironment(env), oversightConfig);
        Oversight oversight = Oversight.builder(store, new LogEvidenceSink(System.out::println))
                .config(oversightConfig)
                .build();
        return new AsyncJudgeHandler(
                new BedrockJudge(bedrock, model, new SecureRandom()), oversight, policy.riskTier(), policy.revision());
    }

    /**
     * @param judge the judge (a {@link BedrockJudge} on a different model in production)
     * @param oversight where reviews are opened
     * @param tier the policy's risk tier (chooses the review queue)
     * @param policyRevision the policy's revision, carried by the reviews
     */
    public AsyncJudgeHandler(Judge judge, Oversight oversight, RiskTier tier, String policyRevision) {
        this.worker = new AsyncJudgeWorker(judge, oversight, tier, policyRevision, new ObjectMapper());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords()) {
            AsyncJudgeWorker.Result r = worker.handle(m.getBody());
            switch (r.outcome()) {
                case DROPPED -> log(context, "dropping async judge message " + m.getMessageId() + ": " + r.reason());
                case RETRY -> {
                    log(context, r.reason() + " for " + r.decisionId() + "; will retry");
                    failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
                }
                case PASSED, REVIEWED -> {}
            }
        }
        return new SQSBatchResponse(failures);
    }

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line);
        }
    }
}
