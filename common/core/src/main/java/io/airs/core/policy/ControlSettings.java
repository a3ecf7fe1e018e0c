package io.airs.core.policy;

import java.time.Duration;
import java.util.Map;

/**
 * The policy's settings for the judge, oversight, circuit-breaker and PACE layers. Every field may
 * be null in a policy file, meaning "the layer's default for the policy's risk tier"; the gateway
 * turns them into each layer's configuration.
 */
public final class ControlSettings {

    private ControlSettings() {}

    /**
     * When and how content is judged.
     *
     * @param enabled whether the judge layer runs at all (default true)
     * @param samplingRate fraction of unflagged traffic judged; within the tier's framework range
     *     (LOW 1-5%, MEDIUM 5-10%, HIGH 20-50%, CRITICAL 100%); default by tier
     * @param alwaysWhenFlagged judge every request the guardrails flagged (default true)
     * @param adaptiveWindow after an attack from a user or agent, judge all of its traffic for this
     *     long (default 30m; 0s turns adaptive judging off)
     * @param modes {@code inline} or {@code async} per stage ({@code input}, {@code context}, {@code
     *     output}); tool calls are always judged inline, before they act
     * @param passAbove classifier scores above this pass (default by tier)
     * @param escalateBelow classifier scores below this escalate (default by tier)
     * @param onFailure what a failed LLM judge means: {@code use_classifier}, {@code review} or {@code
     *     escalate} (default by tier)
     * @param llm the LLM judge; absent, the cascade ends at the in-process classifier
     */
    public record JudgeSettings(
            Boolean enabled,
            Double samplingRate,
            Boolean alwaysWhenFlagged,
            Duration adaptiveWindow,
            Map<String, String> modes,
            Double passAbove,
            Double escalateBelow,
            String onFailure,
            LlmSettings llm) {

        public JudgeSettings {
            modes = modes == null ? Map.of() : Map.copyOf(modes);
        }

        public static JudgeSettings defaults() {
            return new JudgeSettings(null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * An OpenAI-compatible chat-completions endpoint used as the LLM judge (a different model from the
     * one judged).
     *
     * @param endpoint API root, e.g. {@code https://my-resource.openai.azure.com/openai/deployments/judge}
     *     or {@code http://127.0.0.1:11434/v1}; requests go to {@code endpoint/chat/completions}
     * @param model the model name sent in the request
     * @param auth {@code none}, {@code bearer} or {@code api_key} (Azure's {@code api-key} header)
     * @param apiKeyEnv the name of the environment variable holding the key (the key itself never
     *     appears in a policy)
     * @param timeout per-call timeout (default 10s)
     * @param retries retries on 429, 5xx and timeouts (default 2)
     */
    public record LlmSettings(
            String endpoint, String model, String auth, String apiKeyEnv, Duration timeout, Integer retries) {}

    /**
     * Human oversight.
     *
     * @param sla review deadline per queue ({@code critical}, {@code high}, {@code standard}, {@code
     *     sampling}); defaults 1h, 4h, 24h, 72h. A ticket past its deadline is denied (fail safe).
     * @param showRawContent whether reviewers may see the held content itself (default false: they see
     *     the redacted excerpt and findings)
     * @param rubberStampApprovalRate a reviewer approving at least this share (default 0.95) ...
     * @param rubberStampMedianTime ... with a median decision time under this (default 30s) ...
     * @param rubberStampMinDecisions ... over at least this many decisions (default 20) is flagged
     */
    public record OversightSettings(
            Map<String, Duration> sla,
            Boolean showRawContent,
            Double rubberStampApprovalRate,
            Duration rubberStampMedianTime,
            Integer rubberStampMinDecisions) {

        public OversightSettings {
            sla = sla == null ? Map.of() : Map.copyOf(sla);
        }

        public static OversightSettings defaults() {
            return new OversightSettings(null, null, null, null, null);
        }
    }

    /**
     * Circuit breakers: automatic trips in sliding windows, and what an open breaker answers.
     *
     * @param window the sliding window for rates (default 10m)
     * @param minVolume calls in the window before a rate can trip (default 20)
     * @param blockRate guardrail block rate that trips a scope (default 0.5)
     * @param errorRate upstream error rate that trips a scope (default 0.5)
     * @param judgeFailures judge failures in the window that trip a scope (default 5)
     * @param agentBlocks guardrail blocks from one agent that trip its breaker (default 3) ...
     * @param agentBlockWindow ... within this time (default 10m)
     * @param openFor how long an automatically opened breaker stays open before probing (default 5m)
     * @param halfOpenProbes probe calls admitted while half-open (default 1)
     * @param closeAfter successful probes that close it (default 3)
     * @param fallback the non-AI answer an open breaker returns
     */
    public record BreakerSettings(
            Duration window,
            Integer minVolume,
            Double blockRate,
            Double errorRate,
            Integer judgeFailures,
            Integer agentBlocks,
            Duration agentBlockWindow,
            Duration openFor,
            Integer halfOpenProbes,
            Integer closeAfter,
            String fallback) {

        public static final String DEFAULT_FALLBACK =
                "This assistant is temporarily unavailable. Please try again later or contact support.";

        public BreakerSettings {
            fallback = fallback == null ? DEFAULT_FALLBACK : fallback;
        }

        public static BreakerSettings defaults() {
            return new BreakerSettings(null, null, null, null, null, null, null, null, null, null, null);
        }
    }

    /**
     * PACE triggers and recovery for one layer.
     *
     * @param errorRate error rate that, sustained, moves the layer to ALTERNATE (default 0.05)
     * @param latencyFactor latency above this multiple of the baseline, sustained, does too (default 3)
     * @param sustain how long a trigger must hold (default 5m)
     * @param unresponsive no successful call for this long moves it to CONTINGENCY (default 60s)
     * @param emergencyAfter still failing in CONTINGENCY this long moves it to EMERGENCY (default 10m)
     * @param recovery healthy for this long moves it one step back toward PRIMARY (default 5m)
     * @param minVolume calls in the window before a rate counts (default 20)
     * @param window the sliding window for rates (default 5m)
     */
    public record PaceLayerSettings(
            Double errorRate,
            Double latencyFactor,
            Duration sustain,
            Duration unresponsive,
            Duration emergencyAfter,
            Duration recovery,
            Integer minVolume,
            Duration window) {}

    /** PACE settings per layer ({@code guardrails}, {@code judge}, {@code oversight}). */
    public record PaceSettings(Map<String, PaceLayerSettings> layers) {

        public PaceSettings {
            layers = layers == null ? Map.of() : Map.copyOf(layers);
        }

        public static PaceSettings defaults() {
            return new PaceSettings(null);
        }
    }
}
