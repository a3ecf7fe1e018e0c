package io.airs.core.pipeline;

import io.airs.core.Category;
import io.airs.core.Stage;
import io.airs.core.classifier.InlineClassifier;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.guardrail.injection.InjectionConfig;
import io.airs.core.guardrail.injection.InjectionGuardrail;
import io.airs.core.guardrail.keyword.KeywordGuardrail;
import io.airs.core.guardrail.pii.PiiConfig;
import io.airs.core.guardrail.pii.PiiGuardrail;
import io.airs.core.guardrail.secret.SecretConfig;
import io.airs.core.guardrail.secret.SecretGuardrail;
import io.airs.core.normalize.Normalizer;
import io.airs.core.normalize.NormalizerConfig;
import io.airs.core.policy.Policy;
import io.airs.core.redact.InMemoryPseudonymVault;
import io.airs.core.redact.PseudonymVault;
import io.airs.core.redact.RedactionMode;
import io.airs.core.redact.Redactor;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/** The detectors a policy can name, and the normaliser and redactor it configures. */
final class Guardrails {

    private Guardrails() {}

    /**
     * How to build each detector a policy may name; only the ones a policy uses are built. A {@code
     * keywords} check carries its own word list, so it gets a detector of its own ({@link #forCheck}).
     */
    static final Map<String, Supplier<Guardrail>> FACTORIES = Map.of(
            "injection", () -> new InjectionGuardrail(InjectionConfig.defaults()),
            "indirect", () -> new InjectionGuardrail(InjectionConfig.documents()),
            "harmful", () -> new InjectionGuardrail(InjectionConfig.harmful()),
            "pii", () -> new PiiGuardrail(PiiConfig.defaults()),
            "secret", () -> new SecretGuardrail(SecretConfig.defaults()),
            "classifier", InlineClassifier::loadDefault);

    /**
     * The detectors {@code policy} names, plus PII and secrets, which every evidence excerpt needs;
     * {@code overrides} replace or add detectors.
     */
    static Map<String, Guardrail> forPolicy(Policy policy, Map<String, Guardrail> overrides) {
        Map<String, Guardrail> m = new HashMap<>(overrides);
        List<String> needed = new ArrayList<>(List.of("pii", "secret"));
        for (Stage stage : Stage.values()) {
            policy.checks(stage).forEach(c -> needed.add(c.detector()));
        }
        for (String name : needed) {
            if (!KEYWORDS.equals(name)) {
                m.computeIfAbsent(name, n -> FACTORIES.get(n).get());
            }
        }
        return m;
    }

    private static final String KEYWORDS = "keywords";

    /**
     * The detector of one check: the shared one its detector names, or for a {@code keywords} check
     * (unless overridden) one matching its keywords, normalised as the text will be so that a keyword
     * written with look-alike letters or NFKC variants still matches. A classifier check that names
     * types scores only the labels of those types.
     */
    static Guardrail forCheck(Policy.CheckConfig check, Map<String, Guardrail> detectors, Normalizer normalizer) {
        Guardrail shared = detectors.get(check.detector());
        if (shared instanceof InlineClassifier classifier) {
            // a check reporting some labels scores only those
            return classifier.reporting(java.util.Set.copyOf(check.types()));
        }
        if (shared != null || !KEYWORDS.equals(check.detector())) {
            return Objects.requireNonNull(shared, check.detector());
        }
        List<String> keywords = new ArrayList<>(check.keywords().size());
        for (String k : check.keywords()) {
            keywords.add(normalizer.normalize(k).primary().text());
        }
        return new KeywordGuardrail(keywords);
    }

    /** The category a detector's errors are reported under. */
    static Category categoryOf(String detector) {
        return switch (detector) {
            case "injection" -> Category.PROMPT_INJECTION;
            case "indirect" -> Category.INDIRECT_INJECTION;
            case "harmful" -> Category.HARMFUL;
            case "pii" -> Category.PII;
            case "secret" -> Category.SECRET;
            case "classifier" -> Category.PROMPT_INJECTION;
            case KEYWORDS -> Category.TOPIC;
            default -> Category.LIMIT;
        };
    }

    static Normalizer normalizer(Policy policy) {
        Policy.NormalizeSettings n = policy.normalize();
        return new Normalizer(NormalizerConfig.builder()
                .nfkc(n.nfkc())
                .stripInvisible(n.stripInvisible())
                .foldHomoglyphs(n.foldHomoglyphs())
                .decode(n.decode())
                .build());
    }

    static Redactor redactor(Policy policy, PseudonymVault vault) {
        RedactionMode mode = RedactionMode.valueOf(policy.redaction().mode().toUpperCase(Locale.ROOT));
        if (vault == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            vault = new InMemoryPseudonymVault(key);
        }
        // Topic findings only reach the redactor from a keywords check whose action is redact.
        return new Redactor(mode, vault, EnumSet.of(Category.PII, Category.SECRET, Category.TOPIC));
    }
}
