package io.airs.aws.bedrock;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.Stage;
import io.airs.core.gateway.ExternalScreen;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAction;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailAssessment;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailPiiEntityFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTopic;

/**
 * Bedrock's own guardrail (the one compiled from the same policy) through ApplyGuardrail, as one
 * more signal after the core's guardrails. When Bedrock intervenes, every assessment that acted
 * becomes a finding: content filters (PROMPT_ATTACK as prompt injection, the others as harmful or
 * toxic), denied topics and words as topic, sensitive information as PII. ApplyGuardrail gives no
 * offsets, so a finding spans the PII match where it can be found in the text, else the whole
 * content; the matched text itself is never kept.
 */
public final class BedrockGuardrailScreen implements ExternalScreen {

    private final BedrockRuntimeClient bedrock;
    private final String guardrail;
    private final String version;

    public BedrockGuardrailScreen(BedrockRuntimeClient bedrock, String guardrail, String version) {
        this.bedrock = Objects.requireNonNull(bedrock, "bedrock");
        this.guardrail = Objects.requireNonNull(guardrail, "guardrail");
        this.version = Objects.requireNonNull(version, "version");
    }

    @Override
    public String id() {
        return "bedrock_guardrail";
    }

    @Override
    public List<Finding> screen(Stage stage, String content) {
        ApplyGuardrailResponse r = bedrock.applyGuardrail(ApplyGuardrailRequest.builder()
                .guardrailIdentifier(guardrail)
                .guardrailVersion(version)
                .source(stage == Stage.OUTPUT ? GuardrailContentSource.OUTPUT : GuardrailContentSource.INPUT)
                .content(GuardrailContentBlock.fromText(
                        GuardrailTextBlock.builder().text(content).build()))
                .build());
        if (r.action() != GuardrailAction.GUARDRAIL_INTERVENED) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        int whole = content.length();
        for (GuardrailAssessment a : r.assessments()) {
            if (a.contentPolicy() != null) {
                for (GuardrailContentFilter f : a.contentPolicy().filters()) {
                    out.add(new Finding(
                            contentCategory(f.typeAsString()),
                            "bedrock:" + f.typeAsString().toLowerCase(Locale.ROOT),
                            0,
                            whole,
                            confidence(f.confidenceAsString()),
                            id()));
                }
            }
            if (a.topicPolicy() != null) {
                for (GuardrailTopic t : a.topicPolicy().topics()) {
                    out.add(new Finding(Category.TOPIC, "bedrock:topic", 0, whole, 1.0, id()));
                }
            }
            if (a.wordPolicy() != null
                    && (!a.wordPolicy().customWords().isEmpty()
                            || !a.wordPolicy().managedWordLists().isEmpty())) {
                out.add(new Finding(Category.TOPIC, "bedrock:words", 0, whole, 1.0, id()));
            }
            if (a.sensitiveInformationPolicy() != null) {
                for (GuardrailPiiEntityFilter p : a.sensitiveInformationPolicy().piiEntities()) {
                    int at = p.match() == null || p.match().isEmpty() ? -1 : content.indexOf(p.match());
                    out.add(new Finding(
                            Category.PII,
                            p.typeAsString(),
                            at < 0 ? 0 : at,
                            at < 0 ? whole : at + p.match().length(),
                            1.0,
                            id()));
                }
            }
        }
        if (out.isEmpty()) {
            // Intervened without an assessment we can name: still a finding, never silently passed.
            out.add(new Finding(Category.HARMFUL, "bedrock:intervened", 0, whole, 1.0, id()));
        }
        return out;
    }

    private static Category contentCategory(String type) {
        return switch (type) {
            case "PROMPT_ATTACK" -> Category.PROMPT_INJECTION;
            case "HATE", "INSULTS" -> Category.TOXICITY;
            default -> Category.HARMFUL;
        };
    }

    private static double confidence(String c) {
        return switch (c == null ? "" : c) {
            case "HIGH" -> 0.95;
            case "MEDIUM" -> 0.75;
            case "LOW" -> 0.5;
            default -> 0.25;
        };
    }
}
