package io.airs.aws.judge;

import io.airs.core.judge.Judge;
import io.airs.core.judge.JudgeException;
import io.airs.core.judge.JudgeRequest;
import io.airs.core.judge.JudgeRubric;
import io.airs.core.judge.JudgeVerdict;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;

/**
 * An LLM judge on a Bedrock model through the Converse API, with the same rubric, delimiting and
 * strict verdict parsing as the OpenAI-compatible judge. Timeouts and retries are the SDK client's
 * (set them on the client); this class maps its failures to {@link JudgeException} kinds.
 *
 * <pre>{@code
 * Judge judge = new BedrockJudge(bedrockClient, "anthropic.claude-3-haiku-20240307-v1:0", new SecureRandom());
 * }</pre>
 */
public final class BedrockJudge implements Judge {

    private final BedrockRuntimeClient bedrock;
    private final String modelId;
    private final RandomGenerator random;
    private final LongSupplier nanoTime;
    private final JudgeRubric rubric;
    private final String id;

    public BedrockJudge(BedrockRuntimeClient bedrock, String modelId, RandomGenerator random) {
        this(bedrock, modelId, random, System::nanoTime);
    }

    /** For tests: an injected clock for the verdict's latency. */
    public BedrockJudge(BedrockRuntimeClient bedrock, String modelId, RandomGenerator random, LongSupplier nanoTime) {
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
        this.modelId = Objects.requireNonNull(modelId, "modelId");
        this.random = Objects.requireNonNull(random, "random");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.id = "bedrock/" + modelId;
        this.rubric = new JudgeRubric(id);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public JudgeVerdict judge(JudgeRequest request) {
        long t0 = nanoTime.getAsLong();
        String boundary = JudgeRubric.boundary(random);
        ConverseRequest converse = ConverseRequest.builder()
                .modelId(modelId)
                .system(SystemContentBlock.fromText(JudgeRubric.systemPrompt(request)))
                .messages(Message.builder()
                        .role(ConversationRole.USER)
                        .content(ContentBlock.fromText(JudgeRubric.userMessage(request, boundary)))
                        .build())
                .inferenceConfig(InferenceConfiguration.builder()
                        .temperature(0.0f)
                        .maxTokens(400)
                        .build())
                .build();
        ConverseResponse response;
        try {
            response = bedrock.converse(converse);
        } catch (ApiCallTimeoutException | ApiCallAttemptTimeoutException e) {
            throw new JudgeException(JudgeException.Kind.TIMEOUT, id + " timed out", e);
        } catch (SdkServiceException e) {
            throw new JudgeException(JudgeException.Kind.UNAVAILABLE, id + " answered HTTP " + e.statusCode(), e);
        } catch (SdkException e) {
            throw new JudgeException(
                    JudgeException.Kind.UNAVAILABLE,
                    id + " unreachable: " + e.getClass().getSimpleName(),
                    e);
        }
        StringBuilder text = new StringBuilder();
        if (response.output() != null && response.output().message() != null) {
            for (ContentBlock block : response.output().message().content()) {
                if (block.text() != null) {
                    text.append(block.text());
                }
            }
        }
        if (text.isEmpty()) {
            throw new JudgeException(JudgeException.Kind.BAD_RESPONSE, id + ": the answer has no text");
        }
        JudgeVerdict v = rubric.parse(text.toString(), request.content());
        return new JudgeVerdict(
                v.verdict(), v.scores(), v.reasons(), id, Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - t0)));
    }
}
