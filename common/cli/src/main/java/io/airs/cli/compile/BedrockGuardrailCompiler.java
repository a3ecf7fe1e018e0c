package io.airs.cli.compile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Action;
import io.airs.core.Stage;
import io.airs.core.guardrail.pii.PiiEntityType;
import io.airs.core.policy.Policy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Compiles a policy into an Amazon Bedrock guardrail: the body of a {@code CreateGuardrail} request
 * ({@link #createGuardrailRequest}) and the same settings in the snake_case shape an {@code
 * aws_bedrock_guardrail} Terraform resource reads through {@code jsondecode(file(...))} ({@link
 * #terraform}).
 *
 * <ul>
 *   <li>{@code PROMPT_ATTACK}: input strength from the lowest threshold of the blocking or
 *       escalating {@code injection} checks at {@code input} (at most 0.3 HIGH, at most 0.6 MEDIUM,
 *       above LOW; none NONE); output strength is always NONE, as Bedrock requires.
 *   <li>{@code HATE}, {@code INSULTS}, {@code SEXUAL}, {@code VIOLENCE}, {@code MISCONDUCT}: the
 *       policy has no detector of its own for these, so their strength follows the risk tier (LOW
 *       LOW, MEDIUM MEDIUM, HIGH and CRITICAL HIGH).
 *   <li>Sensitive information: each {@code pii} and {@code secret} check at {@code input} and {@code
 *       output} maps its types to Bedrock's entity types; redact becomes ANONYMIZE, block and
 *       escalate become BLOCK (Bedrock cannot hold for review: the hook does that), allow NONE. The
 *       strongest action per entity and direction wins.
 * </ul>
 *
 * <pre>{@code
 * ObjectNode body = new BedrockGuardrailCompiler(mapper).createGuardrailRequest(policy, BedrockCompileOptions.defaults());
 * }</pre>
 */
public final class BedrockGuardrailCompiler {

    /** The tag carrying the policy revision the guardrail was compiled from. */
    public static final String REVISION_TAG = "airs:policy_revision";

    private static final List<String> HARM_FILTERS = List.of("HATE", "INSULTS", "SEXUAL", "VIOLENCE", "MISCONDUCT");

    /** Our PII types to Bedrock's; types with no Bedrock counterpart are absent (only our hook sees them). */
    private static final Map<PiiEntityType, String> PII_TYPES = piiTypes();

    /** What the secret detector finds that Bedrock can also find. */
    private static final List<String> SECRET_TYPES = List.of("AWS_ACCESS_KEY", "AWS_SECRET_KEY", "PASSWORD");

    private final ObjectMapper mapper;

    public BedrockGuardrailCompiler(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    private static Map<PiiEntityType, String> piiTypes() {
        Map<PiiEntityType, String> m = new EnumMap<>(PiiEntityType.class);
        m.put(PiiEntityType.EMAIL_ADDRESS, "EMAIL");
        m.put(PiiEntityType.PHONE_NUMBER, "PHONE");
        m.put(PiiEntityType.CREDIT_CARD, "CREDIT_DEBIT_CARD_NUMBER");
        m.put(PiiEntityType.IBAN_CODE, "INTERNATIONAL_BANK_ACCOUNT_NUMBER");
        m.put(PiiEntityType.US_SSN, "US_SOCIAL_SECURITY_NUMBER");
        m.put(PiiEntityType.IP_ADDRESS, "IP_ADDRESS");
        m.put(PiiEntityType.MAC_ADDRESS, "MAC_ADDRESS");
        m.put(PiiEntityType.URL, "URL");
        m.put(PiiEntityType.US_DRIVER_LICENSE, "DRIVER_ID");
        m.put(PiiEntityType.PASSPORT, "US_PASSPORT_NUMBER");
        m.put(PiiEntityType.UK_NINO, "UK_NATIONAL_INSURANCE_NUMBER");
        m.put(PiiEntityType.ADDRESS, "ADDRESS");
        m.put(PiiEntityType.PERSON, "NAME");
        return m;
    }

    /** Bedrock's sensitive-information actions, weakest first. */
    enum PiiAction {
        NONE,
        ANONYMIZE,
        BLOCK;

        static PiiAction of(Action a) {
            return switch (a) {
                case ALLOW -> NONE;
                case REDACT -> ANONYMIZE;
                case ESCALATE, BLOCK -> BLOCK;
            };
        }

        PiiAction max(PiiAction o) {
            return o.ordinal() > ordinal() ? o : this;
        }
    }

    /** One Bedrock filter setting, independent of the output shape. */
    record Filter(String type, String inputStrength, String outputStrength) {}

    /** One Bedrock PII entity setting; a null action means the direction is not checked. */
    record Entity(String type, PiiAction input, PiiAction output) {
        PiiAction action() {
            return (input == null ? PiiAction.NONE : input).max(output == null ? PiiAction.NONE : output);
        }
    }

    /** The content filters the policy compiles to. */
    List<Filter> filters(Policy policy) {
        List<Filter> out = new ArrayList<>();
        out.add(new Filter("PROMPT_ATTACK", promptAttackStrength(policy), "NONE"));
        String harm = switch (policy.riskTier()) {
            case LOW -> "LOW";
            case MEDIUM -> "MEDIUM";
            case HIGH, CRITICAL -> "HIGH";
        };
        for (String t : HARM_FILTERS) {
            out.add(new Filter(t, harm, harm));
        }
        return out;
    }

    static String promptAttackStrength(Policy policy) {
        double lowest = Double.NaN;
        for (Policy.CheckConfig c : policy.checks(Stage.INPUT)) {
            if ("injection".equals(c.detector()) && (c.action() == Action.BLOCK || c.action() == Action.ESCALATE)) {
                lowest = Double.isNaN(lowest) ? c.threshold() : Math.min(lowest, c.threshold());
            }
        }
        if (Double.isNaN(lowest)) {
            return "NONE";
        }
        return lowest <= 0.3 ? "HIGH" : lowest <= 0.6 ? "MEDIUM" : "LOW";
    }

    /** The PII entities the policy compiles to, in a stable order. */
    List<Entity> entities(Policy policy) {
        Map<String, PiiAction> in = actions(policy.checks(Stage.INPUT));
        Map<String, PiiAction> out = actions(policy.checks(Stage.OUTPUT));
        Map<String, Entity> all = new LinkedHashMap<>();
        List<String> order = new ArrayList<>(PII_TYPES.values());
        order.addAll(SECRET_TYPES);
        for (String type : order) {
            if (in.containsKey(type) || out.containsKey(type)) {
                all.put(type, new Entity(type, in.get(type), out.get(type)));
            }
        }
        return List.copyOf(all.values());
    }

    private static Map<String, PiiAction> actions(List<Policy.CheckConfig> checks) {
        Map<String, PiiAction> m = new LinkedHashMap<>();
        for (Policy.CheckConfig c : checks) {
            List<String> types = new ArrayList<>();
            if ("pii".equals(c.detector())) {
                if (c.types().isEmpty()) {
                    types.addAll(PII_TYPES.values());
                } else {
                    for (String t : c.types()) {
                        try {
                            String mapped = PII_TYPES.get(PiiEntityType.valueOf(t.toUpperCase(Locale.ROOT)));
                            if (mapped != null) {
                                types.add(mapped);
                            }
                        } catch (IllegalArgumentException e) {
                            // A type Bedrock has no counterpart for stays with the in-process detector.
                        }
                    }
                }
            } else if ("secret".equals(c.detector())) {
                types.addAll(SECRET_TYPES);
            }
            PiiAction a = PiiAction.of(c.action());
            for (String t : types) {
                m.merge(t, a, PiiAction::max);
            }
        }
        return m;
    }

    /** The JSON body of a Bedrock {@code CreateGuardrail} request. */
    public ObjectNode createGuardrailRequest(Policy policy, BedrockCompileOptions options) {
        ObjectNode n = mapper.createObjectNode();
        n.put("name", name(policy, options));
        n.put("description", description(policy));
        ArrayNode filters = n.putObject("contentPolicyConfig").putArray("filtersConfig");
        for (Filter f : filters(policy)) {
            filters.addObject()
                    .put("type", f.type())
                    .put("inputStrength", f.inputStrength())
                    .put("outputStrength", f.outputStrength());
        }
        List<Entity> entities = entities(policy);
        if (!entities.isEmpty()) {
            ArrayNode pii = n.putObject("sensitiveInformationPolicyConfig").putArray("piiEntitiesConfig");
            for (Entity e : entities) {
                pii.addObject()
                        .put("type", e.type())
                        .put("action", e.action().name())
                        .put("inputAction", (e.input() == null ? PiiAction.NONE : e.input()).name())
                        .put("outputAction", (e.output() == null ? PiiAction.NONE : e.output()).name())
                        .put("inputEnabled", e.input() != null)
                        .put("outputEnabled", e.output() != null);
            }
        }
        n.put("blockedInputMessaging", options.blockedInputMessaging());
        n.put("blockedOutputsMessaging", options.blockedOutputsMessaging());
        n.putArray("tags").addObject().put("key", REVISION_TAG).put("value", policy.revision());
        return n;
    }

    /**
     * The same guardrail in the snake_case shape of the Terraform {@code aws_bedrock_guardrail}
     * resource's arguments, for {@code jsondecode(file(...))} and {@code dynamic} blocks.
     */
    public ObjectNode terraform(Policy policy, BedrockCompileOptions options) {
        ObjectNode n = mapper.createObjectNode();
        n.put("name", name(policy, options));
        n.put("description", description(policy));
        n.put("blocked_input_messaging", options.blockedInputMessaging());
        n.put("blocked_outputs_messaging", options.blockedOutputsMessaging());
        ArrayNode filters = n.putObject("content_policy_config").putArray("filters_config");
        for (Filter f : filters(policy)) {
            filters.addObject()
                    .put("type", f.type())
                    .put("input_strength", f.inputStrength())
                    .put("output_strength", f.outputStrength());
        }
        ArrayNode pii = n.putObject("sensitive_information_policy_config").putArray("pii_entities_config");
        for (Entity e : entities(policy)) {
            pii.addObject()
                    .put("type", e.type())
                    .put("action", e.action().name())
                    .put("input_action", (e.input() == null ? PiiAction.NONE : e.input()).name())
                    .put("output_action", (e.output() == null ? PiiAction.NONE : e.output()).name())
                    .put("input_enabled", e.input() != null)
                    .put("output_enabled", e.output() != null);
        }
        n.putObject("tags").put(REVISION_TAG, policy.revision());
        return n;
    }

    private static String name(Policy policy, BedrockCompileOptions options) {
        if (options.name() != null) {
            return options.name();
        }
        String derived = ("airs-" + policy.name()).replaceAll("[^0-9a-zA-Z_-]", "-");
        return derived.length() > 50 ? derived.substring(0, 50) : derived;
    }

    private static String description(Policy policy) {
        String d = "AIRS policy " + policy.name() + " (" + policy.riskTier().name() + ", revision " + policy.revision()
                + ")";
        return d.length() > 200 ? d.substring(0, 200) : d;
    }
}
