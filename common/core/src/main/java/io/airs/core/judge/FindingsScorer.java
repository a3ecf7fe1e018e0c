package io.airs.core.judge;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link TextScorer} that derives unsafe probabilities per criterion from guardrail findings, so
 * that {@link ClassifierJudge} works before a trained classifier is plugged in.
 *
 * <p>Within one category only the strongest finding counts (ten e-mail addresses are not ten times
 * as unsafe as one); across categories the weighted scores combine as a noisy-or, {@code 1 - Π(1 -
 * weight × score)}, so independent kinds of evidence reinforce each other without exceeding 1.
 *
 * <p>For a {@link JudgeRequest} it uses the findings the guardrails already produced. For bare text
 * it runs the guardrails it was given (none by default, in which case bare text scores 0).
 *
 * <pre>{@code
 * Judge judge = new ClassifierJudge(new FindingsScorer(), JudgeConfig.defaults());
 * }</pre>
 */
public final class FindingsScorer implements TextScorer {

    private static final int CATEGORIES = Category.values().length;

    private final double[][] weights;
    private final List<Guardrail> guardrails;

    /** A scorer with the default weights and no guardrails of its own. */
    public FindingsScorer() {
        this(FindingsScorerConfig.defaults(), List.of());
    }

    /**
     * @param config the category to criterion weights
     * @param guardrails guardrails to run when scoring bare text (not used for a {@link JudgeRequest},
     *     which carries its findings)
     */
    public FindingsScorer(FindingsScorerConfig config, List<Guardrail> guardrails) {
        Objects.requireNonNull(config, "config");
        this.guardrails = List.copyOf(guardrails);
        this.weights = new double[CATEGORIES][Criterion.count()];
        for (Map.Entry<Category, Map<Criterion, Double>> e : config.weights().entrySet()) {
            for (Map.Entry<Criterion, Double> w : e.getValue().entrySet()) {
                weights[e.getKey().ordinal()][w.getKey().ordinal()] = w.getValue();
            }
        }
    }

    @Override
    public String id() {
        return "findings";
    }

    @Override
    public double[] score(String text) {
        if (guardrails.isEmpty()) {
            return new double[Criterion.count()];
        }
        List<Finding> found = new ArrayList<>();
        for (Guardrail g : guardrails) {
            g.scan(text, found);
        }
        return scoreFindings(found);
    }

    @Override
    public double[] score(JudgeRequest request) {
        return scoreFindings(request.findings());
    }

    /** Unsafe probability per criterion, in criterion order, for {@code findings}. */
    private static final java.util.Set<String> NAMED = java.util.Set.of("PERSON", "LOCATION", "ORGANIZATION");

    public double[] scoreFindings(List<Finding> findings) {
        double[] out = new double[Criterion.count()];
        if (findings.isEmpty()) {
            return out;
        }
        double[] strongest = new double[CATEGORIES];
        for (Finding f : findings) {
            if (f.category() == Category.PII && NAMED.contains(f.type())) {
                // A name, place or organisation is redacted by the guardrails and says nothing about
                // whether the content is safe to release; counting names sent one benign prompt in ten
                // to review.
                continue;
            }
            int c = f.category().ordinal();
            strongest[c] = Math.max(strongest[c], f.score());
        }
        // out[k] accumulates Π(1 - w·s) and is inverted at the end.
        java.util.Arrays.fill(out, 1.0);
        for (int cat = 0; cat < CATEGORIES; cat++) {
            double s = strongest[cat];
            if (s == 0.0) {
                continue;
            }
            double[] w = weights[cat];
            for (int k = 0; k < out.length; k++) {
                out[k] *= 1.0 - w[k] * s;
            }
        }
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.min(1.0, Math.max(0.0, 1.0 - out[k]));
        }
        return out;
    }
}
