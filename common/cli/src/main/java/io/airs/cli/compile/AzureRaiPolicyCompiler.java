package io.airs.cli.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Action;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Compiles a policy into an Azure OpenAI content filter: the body of a {@code PUT} of {@code
 * Microsoft.CognitiveServices/accounts/raiPolicies} ({@link #raiPolicy}), which Terraform's {@code
 * azurerm_cognitive_account_rai_policy} also reads as is through {@code jsondecode(file(...))}. The
 * filter is based on {@code Microsoft.DefaultV2}, runs in {@code Blocking} mode (a streamed answer is
 * filtered before it is sent, as the in-process guardrails do) and lists every filter it sets:
 *
 * <ul>
 *   <li>{@code Jailbreak} on {@code Prompt}: the {@code injection} checks at {@code input}, and the
 *       {@code classifier} checks there that admit {@code classifier:injection}. Enabled when there is
 *       one, blocking when one blocks or escalates (Azure cannot hold for review: AIRS does); with only
 *       {@code allow} or {@code redact} checks it annotates; with none it is off. Prompt Shields have
 *       no threshold, so the checks' thresholds stay with AIRS.
 *   <li>{@code Indirect Attack} on {@code Prompt}: the same for the checks at {@code context}
 *       (retrieved documents and tool output reach Azure inside the prompt); a {@code classifier}
 *       check counts when it admits {@code classifier:indirect_injection} or {@code
 *       classifier:injection}.
 *   <li>{@code Hate}, {@code Sexual}, {@code Violence}, {@code Selfharm} on {@code Prompt} and {@code
 *       Completion}: always enabled and blocking. The severity threshold is the stricter of the risk
 *       tier's (LOW and MEDIUM {@code Medium}, Azure's default; HIGH and CRITICAL {@code Low}) and the
 *       one derived from the lowest threshold of the blocking or escalating {@code classifier} checks
 *       that admit {@code classifier:harmful} or {@code classifier:toxicity} (at {@code input} and
 *       {@code context} for {@code Prompt}, at {@code output} for {@code Completion}; at most 0.3
 *       {@code Low}, at most 0.6 {@code Medium}, above {@code High}). A lower Azure threshold is
 *       stricter: {@code Low} filters low, medium and high severity. {@code High} is therefore never
 *       emitted: it needs Microsoft's approval, and a policy never loosens Azure below its default.
 *   <li>{@code Protected Material Text} and {@code Protected Material Code} on {@code Completion}: AIRS
 *       has no such check, so Azure's defaults are kept explicitly (text blocks, code annotates).
 * </ul>
 *
 * <p>Keyword checks are not compiled into {@code customBlocklists} (a blocklist is an Azure resource of
 * its own). What the filter cannot express (PII, secret and keyword checks, checks at {@code output} for injection and at {@code
 * tool_call}, redaction, holds for review, the judge, oversight, breakers, PACE, limits) is listed by
 * {@link #enforcedOnlyByAirs}, for the command to print.
 *
 * <pre>{@code
 * ObjectNode body = new AzureRaiPolicyCompiler(mapper).raiPolicy(policy, AzureCompileOptions.defaults());
 * }</pre>
 */
public final class AzureRaiPolicyCompiler {

    /** The Azure policy every compiled filter starts from. */
    public static final String BASE_POLICY_NAME = "Microsoft.DefaultV2";

    /** Filter a streamed answer before sending it. */
    public static final String MODE = "Blocking";

    /** The tag carrying the policy revision the filter was compiled from (as on the Bedrock guardrail). */
    public static final String REVISION_TAG = BedrockGuardrailCompiler.REVISION_TAG;

    static final String PROMPT = "Prompt";
    static final String COMPLETION = "Completion";
    static final List<String> HARM_CATEGORIES = List.of("Hate", "Sexual", "Violence", "Selfharm");
    static final String JAILBREAK = "Jailbreak";
    static final String INDIRECT_ATTACK = "Indirect Attack";
    static final String PROTECTED_MATERIAL_TEXT = "Protected Material Text";
    static final String PROTECTED_MATERIAL_CODE = "Protected Material Code";

    private final ObjectMapper mapper;

    public AzureRaiPolicyCompiler(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /** Azure's severity thresholds, strictest first. */
    enum Level {
        LOW("Low"),
        MEDIUM("Medium"),
        HIGH("High");

        private final String wireName;

        Level(String wireName) {
            this.wireName = wireName;
        }

        String wireName() {
            return wireName;
        }

        /** The Azure threshold matching a check's score threshold: a lower score is stricter. */
        static Level ofThreshold(double threshold) {
            return threshold <= 0.3 ? LOW : threshold <= 0.6 ? MEDIUM : HIGH;
        }

        static Level ofTier(RiskTier tier) {
            return switch (tier) {
                case LOW, MEDIUM -> MEDIUM;
                case HIGH, CRITICAL -> LOW;
            };
        }

        Level stricter(Level other) {
            return other.ordinal() < ordinal() ? other : this;
        }
    }

    /** One Azure content filter; a null threshold means the filter has none. */
    record Filter(String name, boolean enabled, boolean blocking, Level severityThreshold, String source) {}

    /** The content filters the policy compiles to, prompt filters first, in a fixed order. */
    List<Filter> filters(Policy policy) {
        List<Filter> out = new ArrayList<>();
        Level prompt = harmThreshold(policy, Stage.INPUT, Stage.CONTEXT);
        for (String category : HARM_CATEGORIES) {
            out.add(new Filter(category, true, true, prompt, PROMPT));
        }
        out.add(shield(JAILBREAK, policy.checks(Stage.INPUT), AzureRaiPolicyCompiler::detectsInjection));
        out.add(shield(
                INDIRECT_ATTACK, policy.checks(Stage.CONTEXT), AzureRaiPolicyCompiler::detectsIndirectInjection));
        Level completion = harmThreshold(policy, Stage.OUTPUT);
        for (String category : HARM_CATEGORIES) {
            out.add(new Filter(category, true, true, completion, COMPLETION));
        }
        out.add(new Filter(PROTECTED_MATERIAL_TEXT, true, true, null, COMPLETION));
        out.add(new Filter(PROTECTED_MATERIAL_CODE, true, false, null, COMPLETION));
        return out;
    }

    private static Filter shield(String name, List<Policy.CheckConfig> checks, Predicate<Policy.CheckConfig> detects) {
        boolean enabled = false;
        boolean blocking = false;
        for (Policy.CheckConfig c : checks) {
            if (detects.test(c)) {
                enabled = true;
                blocking |= blocks(c.action());
            }
        }
        return new Filter(name, enabled, blocking, null, PROMPT);
    }

    static Level harmThreshold(Policy policy, Stage... stages) {
        Level level = Level.ofTier(policy.riskTier());
        for (Stage stage : stages) {
            for (Policy.CheckConfig c : policy.checks(stage)) {
                if (detectsHarm(c) && blocks(c.action())) {
                    level = level.stricter(Level.ofThreshold(c.threshold()));
                }
            }
        }
        return level;
    }

    private static boolean blocks(Action action) {
        return action == Action.BLOCK || action == Action.ESCALATE;
    }

    private static boolean detectsInjection(Policy.CheckConfig c) {
        return "injection".equals(c.detector()) || classifierAdmits(c, "classifier:injection");
    }

    private static boolean detectsIndirectInjection(Policy.CheckConfig c) {
        return "injection".equals(c.detector())
                || "indirect".equals(c.detector())
                || classifierAdmits(c, "classifier:indirect_injection", "classifier:injection");
    }

    private static boolean detectsHarm(Policy.CheckConfig c) {
        return "harmful".equals(c.detector()) || classifierAdmits(c, "classifier:harmful", "classifier:toxicity");
    }

    private static boolean classifierAdmits(Policy.CheckConfig c, String... types) {
        if (!"classifier".equals(c.detector())) {
            return false;
        }
        if (c.types().isEmpty()) {
            return true;
        }
        for (String t : types) {
            if (c.types().contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** The Prompt Shield a check feeds, or null. */
    private static String shieldOf(Stage stage, Policy.CheckConfig c) {
        if (stage == Stage.INPUT && detectsInjection(c)) {
            return JAILBREAK;
        }
        if (stage == Stage.CONTEXT && detectsIndirectInjection(c)) {
            return INDIRECT_ATTACK;
        }
        return null;
    }

    /**
     * What of the policy the Azure filter cannot express, one line each, in policy order: AIRS alone
     * enforces it. Never empty: the judge, oversight, breakers, PACE and limits always stay with AIRS.
     */
    public List<String> enforcedOnlyByAirs(Policy policy) {
        List<String> out = new ArrayList<>();
        boolean shieldThresholds = false;
        for (Stage stage : Stage.values()) {
            List<Policy.CheckConfig> checks = policy.checks(stage);
            for (int i = 0; i < checks.size(); i++) {
                Policy.CheckConfig c = checks.get(i);
                String at = c.describe(stage, i);
                String shield = shieldOf(stage, c);
                boolean harm = stage != Stage.TOOL_CALL && detectsHarm(c);
                if (shield == null && !harm) {
                    out.add(at + ": no Azure counterpart");
                    continue;
                }
                shieldThresholds |= shield != null;
                if (c.action() == Action.ESCALATE) {
                    out.add(at + ": Azure blocks instead of holding for review");
                } else if (shield != null && c.action() == Action.REDACT) {
                    out.add(at + ": Azure cannot redact; " + shield + " only annotates");
                }
                if (harm && !blocks(c.action())) {
                    out.add(at + ": Azure's harm filters keep blocking (annotate-only needs Microsoft's approval)");
                }
            }
        }
        if (shieldThresholds) {
            out.add("injection thresholds: Jailbreak and Indirect Attack have none");
        }
        out.add("judge, human oversight, circuit breakers, PACE, size limits and normalisation");
        return out;
    }

    /** The JSON body of a {@code raiPolicies} PUT, with its name. */
    public ObjectNode raiPolicy(Policy policy, AzureCompileOptions options) {
        ObjectNode n = mapper.createObjectNode();
        n.put("name", name(policy, options));
        ObjectNode properties = n.putObject("properties");
        properties.put("basePolicyName", BASE_POLICY_NAME);
        properties.put("mode", MODE);
        ArrayNode filters = properties.putArray("contentFilters");
        for (Filter f : filters(policy)) {
            ObjectNode o = filters.addObject()
                    .put("name", f.name())
                    .put("enabled", f.enabled())
                    .put("blocking", f.blocking());
            if (f.severityThreshold() != null) {
                o.put("severityThreshold", f.severityThreshold().wireName());
            }
            o.put("source", f.source());
        }
        n.putObject("tags").put(REVISION_TAG, policy.revision());
        return n;
    }

    private static String name(Policy policy, AzureCompileOptions options) {
        return options.name() != null ? options.name() : ("airs-" + policy.name()).replaceAll("[^a-zA-Z0-9_.-]", "-");
    }
}
