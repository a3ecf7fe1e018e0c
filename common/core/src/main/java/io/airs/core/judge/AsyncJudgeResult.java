package io.airs.core.judge;

import java.util.Objects;

/**
 * What an {@link AsyncJudgeQueue} delivers for one submitted request.
 *
 * @param decisionId the id of the decision the request belongs to, as submitted
 * @param request the judged request
 * @param status how it ended
 * @param verdict the verdict when {@code status} is {@code JUDGED}, else null
 * @param failure why the judge failed when {@code status} is {@code FAILED}, else null
 */
public record AsyncJudgeResult(
        String decisionId, JudgeRequest request, Status status, JudgeVerdict verdict, JudgeException.Kind failure) {

    /** How an async judgement ended. */
    public enum Status {
        /** The judge gave a verdict. */
        JUDGED,
        /** The judge threw {@link JudgeException}; the caller applies its fail posture. */
        FAILED,
        /** The queue was closed before the request was judged. */
        CANCELLED
    }

    public AsyncJudgeResult {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        if ((status == Status.JUDGED) != (verdict != null)) {
            throw new IllegalArgumentException("a verdict comes with JUDGED, and only with it");
        }
        if ((status == Status.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failure comes with FAILED, and only with it");
        }
    }
}
