package io.airs.core.judge;

/**
 * An in-process scorer for {@link ClassifierJudge}: how likely content is to be unsafe.
 *
 * <p>{@link #score(String)} returns either one probability per {@link Criterion}, in criterion
 * order (length {@link Criterion#count()}), or a single overall probability (length 1) that applies
 * to every criterion. Each value is an <em>unsafe</em> probability in [0, 1]: 0 is clearly fine, 1
 * is clearly in breach. Implementations are immutable, thread-safe, do no I/O and take microseconds:
 * a trained distilled classifier, or {@link FindingsScorer}, which derives the scores from guardrail
 * findings.
 */
public interface TextScorer {

    /** A stable id for evidence, such as {@code findings} or {@code distilbert-int8}. */
    String id();

    /** Unsafe probabilities for {@code text}: one per criterion, or one overall. */
    double[] score(String text);

    /**
     * Unsafe probabilities for a judge request. The default scores the content alone; a scorer that
     * can use the guardrails' findings (already computed for the request) overrides this.
     */
    default double[] score(JudgeRequest request) {
        return score(request.content());
    }
}
