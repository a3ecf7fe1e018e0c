package io.airs.core.gateway;

import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.breaker.BreakerConfig;
import io.airs.core.judge.FailPosture;
import io.airs.core.judge.JudgeConfig;
import io.airs.core.judge.JudgeSamplerConfig;
import io.airs.core.judge.LlmJudgeConfig;
import io.airs.core.judge.Mode;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.RubberStampConfig;
import io.airs.core.oversight.Severity;
import io.airs.core.pace.Layer;
import io.airs.core.pace.PaceConfig;
import io.airs.core.pace.PaceMonitor;
import io.airs.core.policy.ControlSettings;
import io.airs.core.policy.Policy;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Turns the policy's control settings into each layer's configuration, filling tier defaults. */
public final class LayerConfigs {

    private LayerConfigs() {}

    /** The classifier judge's thresholds and failure posture. */
    public static JudgeConfig judge(Policy p) {
        JudgeConfig base = JudgeConfig.forTier(p.riskTier());
        ControlSettings.JudgeSettings s = p.judge();
        FailPosture onFailure = s.onFailure() == null
                ? base.onFailure()
                : FailPosture.valueOf(s.onFailure().toUpperCase(Locale.ROOT));
        double pass = s.passAbove() == null ? base.passAbove() : s.passAbove();
        double escalate = s.escalateBelow() == null ? Math.min(base.escalateBelow(), pass) : s.escalateBelow();
        return new JudgeConfig(pass, escalate, base.confidenceMargin(), onFailure);
    }

    /** When to judge: the tier's sampling rate (or the policy's), flags, adaptive window, modes. */
    public static JudgeSamplerConfig sampler(Policy p) {
        ControlSettings.JudgeSettings s = p.judge();
        JudgeSamplerConfig c = JudgeSamplerConfig.defaults();
        if (s.samplingRate() != null) {
            c = c.withRate(p.riskTier(), s.samplingRate());
        }
        if (s.alwaysWhenFlagged() != null) {
            c = c.withAlwaysWhenFlagged(s.alwaysWhenFlagged());
        }
        if (s.adaptiveWindow() != null) {
            boolean on = !s.adaptiveWindow().isZero();
            c = c.withAdaptive(on, on ? s.adaptiveWindow() : c.adaptivePeriod(), c.adaptiveCapacity());
        }
        for (Map.Entry<String, String> m : s.modes().entrySet()) {
            c = c.withMode(Stage.fromWire(m.getKey()), Mode.valueOf(m.getValue().toUpperCase(Locale.ROOT)));
        }
        return c;
    }

    /**
     * The LLM judge's configuration, when the policy names one. {@code env} looks up the API key by the
     * variable name the policy gives (the core never reads the environment itself).
     */
    public static Optional<LlmJudgeConfig> llmJudge(Policy p, Function<String, String> env) {
        ControlSettings.LlmSettings l = p.judge().llm();
        if (l == null) {
            return Optional.empty();
        }
        LlmJudgeConfig c = LlmJudgeConfig.defaults()
                .withEndpoint(URI.create(l.endpoint()), l.model() == null ? "judge" : l.model());
        if (l.auth() != null && !"none".equals(l.auth())) {
            String key = env.apply(l.apiKeyEnv());
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException(
                        "the judge's API key variable " + l.apiKeyEnv() + " is not set (policy judge.llm.api_key_env)");
            }
            c = c.withAuth(
                    "bearer".equals(l.auth()) ? LlmJudgeConfig.AuthScheme.BEARER : LlmJudgeConfig.AuthScheme.API_KEY,
                    key);
        }
        if (l.timeout() != null || l.retries() != null) {
            c = c.withRetries(
                    l.timeout() == null ? c.timeout() : l.timeout(),
                    l.retries() == null ? c.maxRetries() : l.retries(),
                    c.initialBackoff(),
                    c.maxBackoff(),
                    c.retryAfterCap());
        }
        return Optional.of(c);
    }

    /** Review queues, SLAs and the rubber-stamp signal. */
    public static OversightConfig oversight(Policy p) {
        ControlSettings.OversightSettings s = p.oversight();
        OversightConfig c = OversightConfig.defaults();
        for (Map.Entry<String, Duration> e : s.sla().entrySet()) {
            c = c.withSla(Severity.fromWire(e.getKey()), e.getValue());
        }
        if (s.showRawContent() != null) {
            c = c.withShowRawContent(s.showRawContent());
        }
        RubberStampConfig r = c.rubberStamp();
        c = c.withRubberStamp(new RubberStampConfig(
                r.window(),
                s.rubberStampMinDecisions() == null ? r.minDecisions() : s.rubberStampMinDecisions(),
                s.rubberStampApprovalRate() == null ? r.minApprovalRate() : s.rubberStampApprovalRate(),
                s.rubberStampMedianTime() == null ? r.maxMedianDecisionTime() : s.rubberStampMedianTime()));
        return c;
    }

    /** Automatic trip rules. */
    public static BreakerConfig breakers(Policy p) {
        ControlSettings.BreakerSettings s = p.breakers();
        BreakerConfig.Builder b = BreakerConfig.defaults().toBuilder();
        if (s.window() != null) {
            b.window(s.window());
        }
        if (s.minVolume() != null) {
            b.minVolume(s.minVolume());
        }
        if (s.blockRate() != null) {
            b.blockRateThreshold(s.blockRate());
        }
        if (s.errorRate() != null) {
            b.errorRateThreshold(s.errorRate());
        }
        if (s.judgeFailures() != null) {
            b.judgeFailureThreshold(s.judgeFailures());
        }
        if (s.agentBlocks() != null) {
            b.agentBlockCount(s.agentBlocks());
        }
        if (s.agentBlockWindow() != null) {
            b.agentBlockWindow(s.agentBlockWindow());
        }
        if (s.openFor() != null) {
            b.openDuration(s.openFor());
        }
        if (s.halfOpenProbes() != null) {
            b.halfOpenProbes(s.halfOpenProbes());
        }
        if (s.closeAfter() != null) {
            b.closeAfterSuccesses(s.closeAfter());
        }
        return b.build();
    }

    /** PACE triggers per layer. */
    public static Map<Layer, PaceConfig> pace(Policy p) {
        Map<Layer, PaceConfig> out = new EnumMap<>(PaceMonitor.defaultConfigs());
        for (Map.Entry<String, ControlSettings.PaceLayerSettings> e :
                p.pace().layers().entrySet()) {
            Layer layer = Layer.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            ControlSettings.PaceLayerSettings s = e.getValue();
            PaceConfig.Builder b = out.get(layer).toBuilder();
            if (s.errorRate() != null) {
                b.errorRateThreshold(s.errorRate());
            }
            if (s.latencyFactor() != null) {
                b.latencyFactor(s.latencyFactor());
            }
            if (s.sustain() != null) {
                b.sustainFor(s.sustain());
            }
            if (s.unresponsive() != null) {
                b.unresponsiveAfter(s.unresponsive());
            }
            if (s.emergencyAfter() != null) {
                b.emergencyAfter(s.emergencyAfter());
            }
            if (s.recovery() != null) {
                b.recoveryWindow(s.recovery());
            }
            if (s.minVolume() != null) {
                b.minVolume(s.minVolume());
            }
            if (s.window() != null) {
                b.window(s.window());
            }
            out.put(layer, b.build());
        }
        return out;
    }

    /** Whether the tier is one where the framework asks for every response to be judged. */
    static boolean judgesEverything(RiskTier tier) {
        return tier == RiskTier.CRITICAL;
    }
}
