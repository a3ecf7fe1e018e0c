package io.airs.aws.bedrock;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.airs.aws.lambda.AwsRuntime;
import io.airs.aws.lambda.FunctionUrlRequest;
import io.airs.aws.lambda.HttpAnswer;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The Bedrock guardrail hook behind a Lambda Function URL: point a Bedrock Converse client at the
 * function URL instead of Bedrock Runtime and every request and answer goes through the policy.
 * Thin: decodes the Function URL event, lets {@link HookRouter} answer, encodes the response.
 *
 * <p>Lambda calls the no-argument constructor; the container's {@link AwsRuntime} is built from the
 * environment on first use and kept for the container's life. Tests pass their own runtime.
 *
 * <pre>{@code
 * Handler: io.airs.aws.bedrock.GuardrailHookHandler::handleRequest
 * }</pre>
 */
public final class GuardrailHookHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** The container's composition root, built on first use (the one static of the entry point). */
    private static final class Holder {
        static final HookRouter ROUTER = new HookRouter(AwsRuntime.fromEnvironment(System.getenv()));
    }

    private final Supplier<HookRouter> router;

    /** The Lambda entry point: the runtime comes from the environment variables. */
    public GuardrailHookHandler() {
        this.router = () -> Holder.ROUTER;
    }

    /** A handler over a runtime built elsewhere (tests). */
    public GuardrailHookHandler(AwsRuntime runtime) {
        HookRouter r = new HookRouter(Objects.requireNonNull(runtime, "runtime"));
        this.router = () -> r;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        FunctionUrlRequest request;
        try {
            request = FunctionUrlRequest.from(event == null ? new APIGatewayV2HTTPEvent() : event);
        } catch (IllegalArgumentException e) {
            return new HttpAnswer(
                            400,
                            Map.of("x-amzn-ErrorType", "ValidationException"),
                            "{\"message\":\"body: isBase64Encoded is true but the body is not valid Base64\"}")
                    .toResponse();
        }
        return router.get().route(request).toResponse();
    }
}
