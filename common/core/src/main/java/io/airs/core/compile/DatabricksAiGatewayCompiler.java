package io.airs.core.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Action;
import io.airs.core.Stage;
import io.airs.core.guardrail.keyword.KeywordGuardrail;
import io.airs.core.policy.Policy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a policy into a Databricks serving endpoint's AI Gateway: the JSON body of {@code PUT
 * /api/2.0/serving-endpoints/{name}/ai-gateway} ({@link #aiGateway}), which the Databricks module also
 * compares with an endpoint's live configuration to find drift.
 *
 * <ul>
 *   <li>{@code guardrails.input} takes the checks at {@code input} and {@code context} (retrieved
 *       documents and tool output reach the endpoint inside the request); {@code guardrails.output}
 *       the checks at {@code output}. Checks at {@code tool_call} stay with AIRS.
 *   <li>{@code safety} is on when a check of that side blocks or escalates and detects injection or
 *       harm: {@code injection}, {@code indirect}, {@code harmful}, or a {@code classifier} check
 *       admitting {@code classifier:injection}, {@code classifier:indirect_injection}, {@code
 *       classifier:harmful} or {@code classifier:toxicity} (with no {@code types}, every label).
 *   <li>{@code pii.behavior} is the strongest action of the side's {@code pii} checks: {@code BLOCK}
 *       for block or escalate (the gateway cannot hold for review), {@code MASK} for redact, {@code
 *       NONE} for allow or no check.
 *   <li>{@code invalid_keywords} lists the keywords of the side's blocking or escalating {@code
 *       keywords} checks (the gateway blocks a request or answer holding one), in policy order, each
 *       once; absent when there are none.
 *   <li>{@code valid_topics} (input only) is the policy's {@code topics.allowed}; absent when empty.
 *   <li>{@code rate_limits} are the policy's {@code limits.rate_limits}; {@code usage_tracking_config}
 *       is always enabled; {@code inference_table_config} and {@code fallback_config} come from the
 *       {@link DatabricksCompileOptions}.
 * </ul>
 *
 * <p>What the gateway cannot express is listed by {@link #enforcedOnlyByAirs}, and what only the
 * gateway enforces by {@link #enforcedOnlyByGateway}, for the command to print.
 *
 * <pre>{@code
 * ObjectNode body = new DatabricksAiGatewayCompiler(mapper).aiGateway(policy, DatabricksCompileOptions.defaults());
 * }</pre>
 */
public final class DatabricksAiGatewayCompiler {

    /** The gateway's PII behaviours, weakest first. */
    public enum PiiBehavior {
        NONE,
        MASK,
        BLOCK;

        static PiiBehavior of(Action a) {
            return switch (a) {
                case ALLOW -> NONE;
                case REDACT -> MASK;
                case ESCALATE, BLOCK -> BLOCK;
            };
        }

        PiiBehavior max(PiiBehavior o) {
            return o.ordinal() > ordinal() ? o : this;
        }
    }

    /**
     * The guardrail parameters of one side of the gateway.
     *
     * @param safety whether the safety filter is on
     * @param pii what the PII filter does
     * @param invalidKeywords the keywords that block (empty: none)
     * @param validTopics the allowed topics (empty: any)
     */
    public record Side(boolean safety, PiiBehavior pii, List<String> invalidKeywords, List<String> validTopics) {
        public Side {
            invalidKeywords = List.copyOf(invalidKeywords);
            validTopics = List.copyOf(validTopics);
        }
    }

    private static final List<Stage> INPUT_SIDE = List.of(Stage.INPUT, Stage.CONTEXT);
    private static final List<Stage> OUTPUT_SIDE = List.of(Stage.OUTPUT);

    private final ObjectMapper mapper;

    public DatabricksAiGatewayCompiler(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** The input guardrails the policy compiles to. */
    public static Side input(Policy policy) {
        return side(policy, INPUT_SIDE, policy.topics().allowed());
    }

    /** The output guardrails the policy compiles to. */
    public static Side output(Policy policy) {
        return side(policy, OUTPUT_SIDE, List.of());
    }

    private static Side side(Policy policy, List<Stage> stages, List<String> topics) {
        boolean safety = false;
        PiiBehavior pii = PiiBehavior.NONE;
        Map<String, String> keywords = new LinkedHashMap<>();
        for (Stage stage : stages) {
            for (Policy.CheckConfig c : policy.checks(stage)) {
                if (detectsSafety(c) && blocks(c.action())) {
                    safety = true;
                } else if ("pii".equals(c.detector())) {
                    pii = pii.max(PiiBehavior.of(c.action()));
                } else if ("keywords".equals(c.detector()) && blocks(c.action())) {
                    for (String k : c.keywords()) {
                        keywords.putIfAbsent(KeywordGuardrail.fold(k), k.strip());
                    }
                }
            }
        }
        return new Side(safety, pii, new ArrayList<>(keywords.values()), topics);
    }

    private static boolean blocks(Action action) {
        return action == Action.BLOCK || action == Action.ESCALATE;
    }

    private static boolean detectsSafety(Policy.CheckConfig c) {
        return switch (c.detector()) {
            case "injection", "indirect", "harmful" -> true;
            case "classifier" ->
                c.types().isEmpty()
                        || c.types().contains("classifier:injection")
                        || c.types().contains("classifier:indirect_injection")
                        || c.types().contains("classifier:harmful")
                        || c.types().contains("classifier:toxicity");
            default -> false;
        };
    }

    /** The JSON body of a {@code PUT /api/2.0/serving-endpoints/{name}/ai-gateway}. */
    public ObjectNode aiGateway(Policy policy, DatabricksCompileOptions options) {
        ObjectNode n = mapper.createObjectNode();
        ObjectNode guardrails = n.putObject("guardrails");
        write(guardrails.putObject("input"), input(policy));
        write(guardrails.putObject("output"), output(policy));
        ArrayNode limits = n.putArray("rate_limits");
        for (Policy.RateLimit r : policy.limits().rateLimits()) {
            ObjectNode o = limits.addObject();
            o.put("key", r.key());
            if (r.principal() != null) {
                o.put("principal", r.principal());
            }
            if (r.calls() != null) {
                o.put("calls", r.calls().longValue());
            }
            if (r.tokens() != null) {
                o.put("tokens", r.tokens().longValue());
            }
            o.put("renewal_period", r.renewalPeriod());
        }
        n.putObject("usage_tracking_config").put("enabled", true);
        if (options.inferenceTable()) {
            ObjectNode t = n.putObject("inference_table_config");
            t.put("catalog_name", options.catalog());
            t.put("schema_name", options.schema());
            if (options.tablePrefix() != null) {
                t.put("table_name_prefix", options.tablePrefix());
            }
            t.put("enabled", true);
        }
        if (options.fallback()) {
            n.putObject("fallback_config").put("enabled", true);
        }
        return n;
    }

    private static void write(ObjectNode o, Side side) {
        o.put("safety", side.safety());
        o.putObject("pii").put("behavior", side.pii().name());
        if (!side.invalidKeywords().isEmpty()) {
            ArrayNode a = o.putArray("invalid_keywords");
            side.invalidKeywords().forEach(a::add);
        }
        if (!side.validTopics().isEmpty()) {
            ArrayNode a = o.putArray("valid_topics");
            side.validTopics().forEach(a::add);
        }
    }

    /**
     * What of the policy the AI Gateway cannot express, one line each, in policy order: AIRS alone
     * enforces it. Never empty: the judge, oversight, breakers, PACE and limits always stay with AIRS.
     */
    public List<String> enforcedOnlyByAirs(Policy policy) {
        List<String> out = new ArrayList<>();
        boolean safetyThresholds = false;
        boolean keywords = false;
        for (Stage stage : Stage.values()) {
            List<Policy.CheckConfig> checks = policy.checks(stage);
            for (int i = 0; i < checks.size(); i++) {
                Policy.CheckConfig c = checks.get(i);
                String at = c.describe(stage, i);
                if (stage == Stage.TOOL_CALL) {
                    out.add(at + ": no gateway counterpart (the gateway sees no tool calls)");
                    continue;
                }
                String escalate =
                        c.action() == Action.ESCALATE ? "; the gateway blocks instead of holding for review" : "";
                switch (c.detector()) {
                    case "pii" -> {
                        if (!c.types().isEmpty()) {
                            out.add(at + ": the gateway's PII filter covers its own entities, not only "
                                    + String.join(", ", c.types()) + escalate);
                        } else if (c.action() == Action.ALLOW) {
                            out.add(at + ": the gateway's PII filter is off (NONE); AIRS records");
                        } else if (!escalate.isEmpty()) {
                            out.add(at + ":" + escalate.substring(1));
                        }
                    }
                    case "keywords" -> {
                        if (blocks(c.action())) {
                            keywords = true;
                            if (!escalate.isEmpty()) {
                                out.add(at + ":" + escalate.substring(1));
                            }
                        } else {
                            out.add(at + ": the gateway's invalid keywords only block, so "
                                    + (c.action() == Action.REDACT ? "redaction" : "recording") + " stays with AIRS");
                        }
                    }
                    default -> {
                        if (!detectsSafety(c)) {
                            out.add(at + ": no gateway counterpart");
                        } else if (blocks(c.action())) {
                            safetyThresholds = true;
                            if (!escalate.isEmpty()) {
                                out.add(at + ":" + escalate.substring(1));
                            }
                        } else {
                            out.add(at + ": the gateway's safety filter only blocks, so it stays off for this check");
                        }
                    }
                }
            }
        }
        if (safetyThresholds) {
            out.add("safety thresholds and categories: the gateway's safety filter has its own and no threshold");
        }
        if (keywords) {
            out.add("keyword matching: AIRS matches whole words over normalised and decoded text; the gateway"
                    + " matches the keywords its own way");
        }
        out.add("judge, human oversight, circuit breakers, PACE, size limits and normalisation");
        return out;
    }

    /**
     * What of the policy only a platform gateway enforces, one line each: the allowed topics (AIRS
     * has no topic classifier) and the rate limits (AIRS does not count requests). Empty when the
     * policy sets neither. The same for every target: on Bedrock and Azure nothing enforces them.
     */
    public static List<String> enforcedOnlyByGateway(Policy policy) {
        List<String> out = new ArrayList<>();
        if (!policy.topics().allowed().isEmpty()) {
            out.add("topics.allowed (" + policy.topics().allowed().size()
                    + "): AIRS has no topic classifier; the Databricks AI Gateway's valid_topics");
        }
        List<Policy.RateLimit> limits = policy.limits().rateLimits();
        for (int i = 0; i < limits.size(); i++) {
            Policy.RateLimit r = limits.get(i);
            out.add("limits.rate_limits[" + i + "] (" + r.key() + (r.principal() == null ? "" : " " + r.principal())
                    + (r.calls() == null ? "" : ", " + r.calls() + " calls")
                    + (r.tokens() == null ? "" : ", " + r.tokens() + " tokens") + " per " + r.renewalPeriod()
                    + "): AIRS does not count requests; the Databricks AI Gateway's rate_limits");
        }
        return out;
    }
}
