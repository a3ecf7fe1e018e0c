package io.airs.azure.runtime;

import io.airs.azure.openai.AzureOpenAiDialect;
import io.airs.azure.oversight.DecisionMessages;
import io.airs.azure.oversight.SlaSweep;
import io.airs.azure.oversight.TableQueueEscalationConfig;
import io.airs.azure.oversight.TableQueueEscalationStore;
import io.airs.core.Action;
import io.airs.core.breaker.FlagSnapshot;
import io.airs.core.breaker.FlagSource;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.LogEvidenceSink;
import io.airs.core.gateway.ChatApi;
import io.airs.core.gateway.ExternalScreen;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.NativeApi;
import io.airs.core.judge.AsyncJudgeSubmitter;
import io.airs.core.judge.AsyncJudgeWorker;
import io.airs.core.judge.Judge;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InMemoryEscalationStore;
import io.airs.core.policy.Policy;
import io.airs.core.wire.WireCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;

/**
 * The composition root of one function app instance: the policy, the {@link Gateway} with its
 * evidence sink, escalation store and kill switches, the chat proxy over Azure OpenAI, and the async
 * judge's worker. Built once per instance ({@link AzureEnvironment} builds it from the application
 * settings); tests build their own with {@link #builder(Policy)}.
 *
 * <pre>{@code
 * AzureRuntime rt = AzureRuntime.builder(policy).upstream(azureOpenAi).escalations(store).flags(flags).build();
 * }</pre>
 */
public final class AzureRuntime implements AutoCloseable {

    /** The breakers' endpoint scope of the Azure OpenAI filter. */
    public static final String CHAT_ENDPOINT = "chat";

    private final Gateway gateway;
    private final WireCodec codec;
    private final ChatApi chat;
    private final NativeApi api;
    private final Clock clock;
    private final EscalationStore escalations;
    private final Judge judge;
    private final TableQueueEscalationStore outbox;
    private final DecisionMessages decisions;

    private AzureRuntime(Builder b) {
        this.codec = new WireCodec();
        this.clock = b.clock;
        this.outbox = b.outbox;
        this.escalations =
                b.outbox != null ? b.outbox : b.escalations != null ? b.escalations : new InMemoryEscalationStore();
        Gateway.Builder g = Gateway.builder(b.policy)
                .evidence(b.evidence != null ? b.evidence : new LogEvidenceSink(System.out::println))
                .escalations(escalations)
                .flags(b.flags)
                .clock(b.clock)
                .random(new SecureRandom())
                .ids(() -> UUID.randomUUID().toString());
        if (b.judge != null) {
            g.llmJudge(b.judge);
        }
        if (b.asyncJudge != null) {
            g.asyncJudge(b.asyncJudge);
        }
        if (b.screen != null) {
            g.screen(b.screen, b.screenAction);
        }
        this.gateway = g.build();
        this.judge = b.judge;
        this.decisions = b.outbox == null
                ? new DecisionMessages(gateway.oversight())
                : DecisionMessages.create(gateway.oversight(), b.outboxConfig);
        this.api = new NativeApi(gateway, codec);
        this.chat = new ChatApi(
                gateway,
                codec,
                clock,
                b.upstream != null
                        ? b.upstream
                        : (request, route, auth) -> {
                            throw new ChatApi.UpstreamException(0, "no Azure OpenAI endpoint is configured");
                        },
                CHAT_ENDPOINT,
                new AzureOpenAiDialect(codec));
    }

    /** A builder over {@code policy}. */
    public static Builder builder(Policy policy) {
        return new Builder(policy);
    }

    public Gateway gateway() {
        return gateway;
    }

    public WireCodec codec() {
        return codec;
    }

    public ChatApi chat() {
        return chat;
    }

    public NativeApi api() {
        return api;
    }

    public Clock clock() {
        return clock;
    }

    public EscalationStore escalations() {
        return escalations;
    }

    /**
     * The async judge's worker (the LLM judge with this instance's oversight).
     *
     * @throws IllegalStateException when no LLM judge is configured
     */
    public AsyncJudgeWorker judgeWorker() {
        if (judge == null) {
            throw new IllegalStateException("no LLM judge is configured (set AIRS_JUDGE_DEPLOYMENT)");
        }
        return new AsyncJudgeWorker(
                judge,
                gateway.oversight(),
                gateway.policy().riskTier(),
                gateway.policy().revision(),
                codec.mapper());
    }

    /** Applies reviewers' decision messages (rejects go to the decision queue's poison queue). */
    public DecisionMessages decisions() {
        return decisions;
    }

    /**
     * The SLA sweep: re-sends escalations whose queue message could not be sent (the store's
     * outbox), denies tickets past their SLA, and advances breakers and PACE.
     *
     * @return what the sweep did, for the function's log
     */
    public SlaSweep.Report sweep() {
        // The gateway's periodic work expires overdue tickets itself: one sweep, not two.
        return outbox == null
                ? new SlaSweep.Report(clock.instant(), 0, null, gateway.tick())
                : new SlaSweep(outbox, clock, now -> gateway.tick()).run();
    }

    /** Advances SLAs, breakers and PACE at most once a second; every request calls it. */
    public void tickIfDue() {
        gateway.tickIfDue();
    }

    @Override
    public void close() {
        gateway.close();
    }

    /** Builds an {@link AzureRuntime}; everything has an in-process default. */
    public static final class Builder {
        private final Policy policy;
        private EvidenceSink evidence;
        private EscalationStore escalations;
        private FlagSource flags = FlagSnapshot::empty;
        private Judge judge;
        private AsyncJudgeSubmitter asyncJudge;
        private ExternalScreen screen;
        private Action screenAction;
        private ChatApi.Upstream upstream;
        private Clock clock = Clock.systemUTC();
        private TableQueueEscalationStore outbox;
        private TableQueueEscalationConfig outboxConfig;

        private Builder(Policy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
        }

        /** Where evidence goes; default JSON lines on standard output (kept by Application Insights). */
        public Builder evidence(EvidenceSink e) {
            this.evidence = Objects.requireNonNull(e, "evidence");
            return this;
        }

        /** Where escalations are kept; default in memory. */
        public Builder escalations(EscalationStore s) {
            this.escalations = Objects.requireNonNull(s, "escalations");
            return this;
        }

        /** The kill switches and shared trips; default none. */
        public Builder flags(FlagSource f) {
            this.flags = Objects.requireNonNull(f, "flags");
            return this;
        }

        /** The LLM judge (a different deployment from the application's). */
        public Builder judge(Judge j) {
            this.judge = Objects.requireNonNull(j, "judge");
            return this;
        }

        /** Where asynchronously judged decisions go (the judge queue). */
        public Builder asyncJudge(AsyncJudgeSubmitter s) {
            this.asyncJudge = Objects.requireNonNull(s, "asyncJudge");
            return this;
        }

        /** One more signal after the guardrails (Prompt Shields), with what its findings do. */
        public Builder screen(ExternalScreen s, Action onFindings) {
            this.screen = Objects.requireNonNull(s, "screen");
            this.screenAction = Objects.requireNonNull(onFindings, "onFindings");
            return this;
        }

        /** The model behind the filter (Azure OpenAI). */
        public Builder upstream(ChatApi.Upstream u) {
            this.upstream = Objects.requireNonNull(u, "upstream");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Escalations in Table storage with a message per severity queue, and their decision queue. */
        public Builder outbox(TableQueueEscalationStore store, TableQueueEscalationConfig config) {
            this.outbox = Objects.requireNonNull(store, "store");
            this.outboxConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        public AzureRuntime build() {
            return new AzureRuntime(this);
        }
    }
}
