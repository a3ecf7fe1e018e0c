package io.airs.azure.functions;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.BindingName;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import com.microsoft.azure.functions.annotation.QueueTrigger;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.airs.azure.AzureSettings;
import io.airs.azure.runtime.AzureEnvironment;
import io.airs.azure.runtime.AzureRuntime;
import io.airs.core.judge.AsyncJudgeWorker;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;

/**
 * The function app's entry points: thin adapters from the Functions host's bindings to {@link
 * FilterRouter} and the runtime. The host builds this class with its no-argument constructor; the
 * runtime is built once per instance from the application settings ({@link AzureEnvironment}) on the
 * first invocation. Names and routes are {@link AzureSettings}'s; {@code host.json} sets the route
 * prefix to nothing so the Azure OpenAI path shape is served as it is.
 */
public final class EnforcerFunctions {

    private static final class Instance {
        // The one static of the package: the Functions host keeps no other state between invocations.
        static final AzureRuntime RUNTIME =
                AzureEnvironment.fromEnvironment(System.getenv()).runtime();
    }

    private final Supplier<AzureRuntime> runtime;
    private volatile FilterRouter router;

    /** For the Functions host: the instance's runtime from the application settings. */
    public EnforcerFunctions() {
        this(() -> Instance.RUNTIME);
    }

    /** Over a given runtime (tests, other hosts). */
    public EnforcerFunctions(AzureRuntime runtime) {
        this(() -> runtime);
    }

    private EnforcerFunctions(Supplier<AzureRuntime> runtime) {
        this.runtime = runtime;
    }

    private FilterRouter router() {
        FilterRouter r = router;
        if (r == null) {
            r = new FilterRouter(runtime.get());
            router = r;
        }
        return r;
    }

    /** Azure OpenAI chat completions, checked both ways. */
    @FunctionName(AzureSettings.FN_OPENAI_FILTER)
    public HttpResponseMessage openAiFilter(
            @HttpTrigger(
                            name = "request",
                            methods = {HttpMethod.POST},
                            authLevel = AuthorizationLevel.FUNCTION,
                            route = "openai/deployments/{deployment}/chat/completions",
                            dataType = "binary")
                    HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("deployment") String deployment,
            ExecutionContext context) {
        return answer(
                request,
                router().chat(
                                deployment,
                                request.getQueryParameters().get("api-version"),
                                FilterRouter.headers(request.getHeaders()),
                                request.getBody().orElse(new byte[0])));
    }

    /** The native decision. */
    @FunctionName(AzureSettings.FN_EVALUATE)
    public HttpResponseMessage evaluate(
            @HttpTrigger(
                            name = "request",
                            methods = {HttpMethod.POST},
                            authLevel = AuthorizationLevel.FUNCTION,
                            route = "v1/evaluate",
                            dataType = "binary")
                    HttpRequestMessage<Optional<byte[]>> request,
            ExecutionContext context) {
        return answer(
                request,
                router().evaluate(
                                FilterRouter.headers(request.getHeaders()),
                                request.getBody().orElse(new byte[0])));
    }

    /** The outcome of a held request or answer. */
    @FunctionName(AzureSettings.FN_ESCALATION_STATUS)
    public HttpResponseMessage escalationStatus(
            @HttpTrigger(
                            name = "request",
                            methods = {HttpMethod.GET},
                            authLevel = AuthorizationLevel.FUNCTION,
                            route = "v1/escalations/{ticket}")
                    HttpRequestMessage<Optional<String>> request,
            @BindingName("ticket") String ticket,
            ExecutionContext context) {
        return answer(request, router().outcome(ticket));
    }

    /** A reviewer's decision (the admin route: the host's admin key). */
    @FunctionName(AzureSettings.FN_ESCALATION_DECISION)
    public HttpResponseMessage escalationDecision(
            @HttpTrigger(
                            name = "request",
                            methods = {HttpMethod.POST},
                            authLevel = AuthorizationLevel.ADMIN,
                            route = "v1/escalations/{ticket}/decision",
                            dataType = "binary")
                    HttpRequestMessage<Optional<byte[]>> request,
            @BindingName("ticket") String ticket,
            ExecutionContext context) {
        return answer(
                request,
                router().decide(
                                ticket,
                                FilterRouter.headers(request.getHeaders()),
                                request.getBody().orElse(new byte[0])));
    }

    /**
     * The SLA sweep: re-sends escalations whose queue message failed, then denies tickets past their
     * SLA and advances breakers and PACE.
     */
    @FunctionName(AzureSettings.FN_SLA_SWEEPER)
    public void slaSweeper(
            @TimerTrigger(name = "timer", schedule = "%" + AzureSettings.SWEEP_SCHEDULE + "%") String timer,
            ExecutionContext context) {
        context.getLogger().info(runtime.get().sweep().logLine());
    }

    /**
     * A reviewer's decision from the decision queue, applied idempotently: a redelivered decision is
     * a duplicate and changes nothing; one that can never apply (malformed, unknown ticket, decided
     * otherwise) goes to the poison queue with its reason and is not retried; a storage failure
     * throws, so the host retries the message.
     */
    @FunctionName(AzureSettings.FN_DECISION_CONSUMER)
    public void decisionConsumer(
            @QueueTrigger(
                            name = "message",
                            queueName = "%" + AzureSettings.DECISION_QUEUE + "%",
                            connection = AzureSettings.STORAGE_CONNECTION)
                    String message,
            @BindingName("Id") String messageId,
            ExecutionContext context) {
        context.getLogger()
                .info(runtime.get().decisions().apply(messageId, message).logLine());
    }

    /**
     * The async LLM judge: one sampled decision per message. A judge failure throws, so the host
     * retries the message and, after its {@code maxDequeueCount}, moves it to the poison queue; a
     * message that can never be judged is dropped with a log line naming the fault, never the content.
     */
    @FunctionName(AzureSettings.FN_ASYNC_JUDGE)
    public void asyncJudge(
            @QueueTrigger(
                            name = "message",
                            queueName = "%" + AzureSettings.JUDGE_QUEUE + "%",
                            connection = AzureSettings.STORAGE_CONNECTION)
                    String message,
            ExecutionContext context) {
        AsyncJudgeWorker.Result r = runtime.get().judgeWorker().handle(message);
        switch (r.outcome()) {
            case DROPPED -> context.getLogger().warning("dropping async judge message: " + r.reason());
            case RETRY -> {
                context.getLogger().log(Level.WARNING, r.reason() + " for " + r.decisionId() + "; will retry");
                throw new IllegalStateException(r.reason() + " for " + r.decisionId());
            }
            case PASSED, REVIEWED -> {}
        }
    }

    private static HttpResponseMessage answer(HttpRequestMessage<?> request, FilterRouter.Reply reply) {
        HttpResponseMessage.Builder b =
                request.createResponseBuilder(status(reply.status())).header("Content-Type", reply.contentType());
        if (reply.contentType().startsWith("text/event-stream")) {
            b.header("Cache-Control", "no-cache");
        }
        return b.body(reply.body()).build();
    }

    private static HttpStatusType status(int code) {
        return HttpStatusType.custom(code);
    }
}
