package io.airs.core.gateway;

import io.airs.core.Finding;
import io.airs.core.Stage;
import java.util.List;

/**
 * A platform's own guardrail service as one more signal after the core's guardrails (Bedrock's
 * ApplyGuardrail, say): it screens the content and reports findings. It is a network call, so it is
 * not a {@link io.airs.core.guardrail.Guardrail}: the {@link Gateway} calls it once per content, times
 * it for PACE, and treats a failure as the policy's fail posture.
 */
public interface ExternalScreen {

    /** Names the service in evidence (for example {@code bedrock_guardrail}). */
    String id();

    /**
     * Screens {@code content}; an empty list means the service let it through.
     *
     * @throws RuntimeException when the service cannot answer
     */
    List<Finding> screen(Stage stage, String content);
}
