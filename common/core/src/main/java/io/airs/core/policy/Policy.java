package io.airs.core.policy;

import io.airs.core.Action;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.util.List;

/**
 * An enforcement policy: what is checked at each stage, with which threshold, and what happens when
 * a check fires. Load one with {@link PolicyLoader}; the {@link #revision()} identifies it on every
 * decision and evidence record.
 *
 * <pre>{@code
 * Policy policy = new PolicyLoader().load(Path.of("policy.yaml"));
 * List<CheckConfig> inputChecks = policy.checks(Stage.INPUT);
 * }</pre>
 *
 * @param version the policy format version (1)
 * @param name a short name for people
 * @param description what the policy is for
 * @param riskTier the system's risk tier
 * @param failPosture what a check that errors does: {@code block}, {@code escalate} or {@code allow}
 * @param limits size limits
 * @param normalize which normalisation steps run before matching
 * @param redaction how {@code redact} rewrites content
 * @param evidence what evidence records keep
 * @param stages the checks per stage
 * @param judge when and how content is judged
 * @param oversight review queues and SLAs
 * @param breakers automatic circuit-breaker trips and the fallback answer
 * @param pace PACE triggers and recovery per layer
 * @param topics the topics the system is for, enforced by a platform gateway that classifies topics
 * @param revision the computed revision hash (set by the loader, not read from the file)
 */
public record Policy(
        Integer version,
        String name,
        String description,
        RiskTier riskTier,
        Action failPosture,
        LimitsConfig limits,
        NormalizeSettings normalize,
        RedactionSettings redaction,
        EvidenceSettings evidence,
        StagesConfig stages,
        ControlSettings.JudgeSettings judge,
        ControlSettings.OversightSettings oversight,
        ControlSettings.BreakerSettings breakers,
        ControlSettings.PaceSettings pace,
        TopicsConfig topics,
        String revision) {

    public Policy {
        version = version == null ? 1 : version;
        name = name == null ? "unnamed" : name;
        description = description == null ? "" : description;
        riskTier = riskTier == null ? RiskTier.MEDIUM : riskTier;
        failPosture = failPosture == null ? (riskTier == RiskTier.LOW ? Action.ALLOW : Action.BLOCK) : failPosture;
        limits = limits == null ? LimitsConfig.defaults() : limits;
        normalize = normalize == null ? NormalizeSettings.defaults() : normalize;
        redaction = redaction == null ? RedactionSettings.defaults() : redaction;
        evidence = evidence == null ? EvidenceSettings.defaults() : evidence;
        stages = stages == null ? new StagesConfig(null, null, null, null) : stages;
        judge = judge == null ? ControlSettings.JudgeSettings.defaults() : judge;
        oversight = oversight == null ? ControlSettings.OversightSettings.defaults() : oversight;
        breakers = breakers == null ? ControlSettings.BreakerSettings.defaults() : breakers;
        pace = pace == null ? ControlSettings.PaceSettings.defaults() : pace;
        topics = topics == null ? TopicsConfig.defaults() : topics;
    }

    /** The checks configured for {@code stage}, in policy order (empty when none). */
    public List<CheckConfig> checks(Stage stage) {
        return stages.forStage(stage);
    }

    /** The same policy carrying {@code newRevision}. */
    public Policy withRevision(String newRevision) {
        return new Policy(
                version,
                name,
                description,
                riskTier,
                failPosture,
                limits,
                normalize,
                redaction,
                evidence,
                stages,
                judge,
                oversight,
                breakers,
                pace,
                topics,
                newRevision);
    }

    /** The checks of each stage. */
    public record StagesConfig(
            List<CheckConfig> input, List<CheckConfig> context, List<CheckConfig> output, List<CheckConfig> toolCall) {

        public StagesConfig {
            input = input == null ? List.of() : List.copyOf(input);
            context = context == null ? List.of() : List.copyOf(context);
            output = output == null ? List.of() : List.copyOf(output);
            toolCall = toolCall == null ? List.of() : List.copyOf(toolCall);
        }

        public List<CheckConfig> forStage(Stage stage) {
            return switch (stage) {
                case INPUT -> input;
                case CONTEXT -> context;
                case OUTPUT -> output;
                case TOOL_CALL -> toolCall;
            };
        }
    }

    /**
     * One check: a detector, the score at which it fires, and the action taken when it does.
     *
     * @param name the check's name in evidence (defaults to the detector's)
     * @param detector one of {@link PolicyLoader#DETECTORS}, such as {@code injection} or {@code pii}
     * @param action what happens when the check fires
     * @param threshold the minimum finding score that fires the check, in [0, 1] (default 0.5)
     * @param types when set, only findings of these types fire the check (e.g. {@code EMAIL_ADDRESS})
     * @param keywords the words and phrases a {@code keywords} check matches (empty for other detectors)
     */
    public record CheckConfig(
            String name, String detector, Action action, Double threshold, List<String> types, List<String> keywords) {

        public CheckConfig {
            name = name == null ? detector : name;
            action = action == null ? Action.BLOCK : action;
            threshold = threshold == null ? 0.5 : threshold;
            types = types == null ? List.of() : List.copyOf(types);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        /** A check of a detector that takes no keywords. */
        public CheckConfig(String name, String detector, Action action, Double threshold, List<String> types) {
            this(name, detector, action, threshold, types, null);
        }

        /**
         * Where this check stands and what it does, as the compile commands name it: {@code
         * stages.input[3] pii (pii >= 0.6, redact)}.
         */
        public String describe(Stage stage, int index) {
            return "stages." + stage.wireName() + "[" + index + "] " + name + " (" + detector + " >= " + threshold
                    + ", " + action.wireName() + ")";
        }
    }

    /**
     * The topics the system is for. AIRS has no topic classifier, so the core does not enforce this:
     * it is compiled into a platform gateway that classifies topics (the Databricks AI Gateway's
     * {@code valid_topics}), and the compile commands say where it is not enforced.
     *
     * @param allowed the allowed topics, as short descriptions (empty: any topic)
     */
    public record TopicsConfig(List<String> allowed) {

        public TopicsConfig {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }

        public static TopicsConfig defaults() {
            return new TopicsConfig(null);
        }
    }

    /**
     * A request-rate limit for a platform gateway (the Databricks AI Gateway's {@code rate_limits}).
     * The core does not count requests itself: the limit is enforced where it is compiled to.
     *
     * @param key what the limit counts per: {@code user}, {@code endpoint}, {@code user_group} or
     *     {@code service_principal}
     * @param calls requests allowed per renewal period, or null
     * @param tokens tokens allowed per renewal period, or null (at least one of calls and tokens is set)
     * @param renewalPeriod the period the counts renew over: {@code minute}
     * @param principal the user, group or service principal the limit applies to; null applies it to
     *     each one
     */
    public record RateLimit(String key, Integer calls, Integer tokens, String renewalPeriod, String principal) {

        public RateLimit {
            renewalPeriod = renewalPeriod == null ? "minute" : renewalPeriod;
        }
    }

    /**
     * Size limits, checked before any detector runs.
     *
     * @param maxContentChars content longer than this (UTF-16 units) is blocked unscanned
     * @param maxRequestBytes an HTTP request body larger than this gets 413
     * @param maxMessages a chat request with more messages than this is blocked
     * @param rateLimits request-rate limits compiled into a platform gateway (empty when none)
     */
    public record LimitsConfig(
            Integer maxContentChars, Integer maxRequestBytes, Integer maxMessages, List<RateLimit> rateLimits) {

        public LimitsConfig {
            maxContentChars = maxContentChars == null ? 32_768 : maxContentChars;
            maxRequestBytes = maxRequestBytes == null ? 262_144 : maxRequestBytes;
            maxMessages = maxMessages == null ? 128 : maxMessages;
            rateLimits = rateLimits == null ? List.of() : List.copyOf(rateLimits);
        }

        public static LimitsConfig defaults() {
            return new LimitsConfig(null, null, null, null);
        }
    }

    /** Which normalisation steps run before matching (all on by default). */
    public record NormalizeSettings(Boolean nfkc, Boolean stripInvisible, Boolean foldHomoglyphs, Boolean decode) {

        public NormalizeSettings {
            nfkc = nfkc == null || nfkc;
            stripInvisible = stripInvisible == null || stripInvisible;
            foldHomoglyphs = foldHomoglyphs == null || foldHomoglyphs;
            decode = decode == null || decode;
        }

        public static NormalizeSettings defaults() {
            return new NormalizeSettings(null, null, null, null);
        }
    }

    /**
     * How {@code redact} rewrites content.
     *
     * @param mode {@code mask}, {@code placeholder} (such as {@code <EMAIL_ADDRESS_1>}) or {@code
     *     pseudonym} (reversible, held in a vault keyed per session)
     */
    public record RedactionSettings(String mode) {

        public RedactionSettings {
            mode = mode == null ? "placeholder" : mode;
        }

        public static RedactionSettings defaults() {
            return new RedactionSettings(null);
        }
    }

    /**
     * What evidence records keep.
     *
     * @param excerptChars length of the redacted excerpt kept per record (0 keeps none)
     * @param storeRaw whether raw content may be stored (off unless a regulator requires it)
     */
    public record EvidenceSettings(Integer excerptChars, Boolean storeRaw) {

        public EvidenceSettings {
            excerptChars = excerptChars == null ? 160 : excerptChars;
            storeRaw = storeRaw != null && storeRaw;
        }

        public static EvidenceSettings defaults() {
            return new EvidenceSettings(null, null);
        }
    }
}
