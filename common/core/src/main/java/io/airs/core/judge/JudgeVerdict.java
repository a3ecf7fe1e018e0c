package io.airs.core.judge;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a judge concluded about one piece of content.
 *
 * @param verdict PASS (compliant), REVIEW (uncertain: a person may look at it at sampling priority)
 *     or ESCALATE (a person must decide)
 * @param scores per criterion, each in [0, 1] where 1 is fully compliant; criteria a judge did not
 *     score are absent
 * @param reasons short explanations; never the judged text
 * @param judge the id of the judge that gave the verdict
 * @param latency how long the judge took, retries included
 */
public record JudgeVerdict(
        Verdict verdict, Map<Criterion, Double> scores, List<String> reasons, String judge, Duration latency) {

    /** The judge's conclusion, weakest first. */
    public enum Verdict {
        PASS,
        REVIEW,
        ESCALATE;

        /** The stronger of two verdicts. */
        public Verdict max(Verdict other) {
            return other.ordinal() > ordinal() ? other : this;
        }

        /** The wire name, the constant name itself ({@code PASS}, {@code REVIEW}, {@code ESCALATE}). */
        public String wireName() {
            return name();
        }

        /**
         * Parses a verdict, case-insensitively and ignoring surrounding white space.
         *
         * @throws IllegalArgumentException when {@code s} is not a verdict
         */
        public static Verdict fromWire(String s) {
            if (s != null) {
                String t = s.strip().toUpperCase(Locale.ROOT);
                for (Verdict v : values()) {
                    if (v.name().equals(t)) {
                        return v;
                    }
                }
            }
            throw new IllegalArgumentException("unknown verdict (expected PASS, REVIEW or ESCALATE)");
        }
    }

    public JudgeVerdict {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(judge, "judge");
        Objects.requireNonNull(latency, "latency");
        EnumMap<Criterion, Double> copy = new EnumMap<>(Criterion.class);
        if (scores != null) {
            scores.forEach((c, s) -> {
                Objects.requireNonNull(c, "criterion");
                if (s == null || !(s >= 0.0 && s <= 1.0)) {
                    throw new IllegalArgumentException("score for " + c.wireName() + " outside [0, 1]: " + s);
                }
                copy.put(c, s);
            });
        }
        scores = Collections.unmodifiableMap(copy);
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }

    /** The lowest criterion score, or 1 when no criterion was scored. */
    public double minScore() {
        double min = 1.0;
        for (double s : scores.values()) {
            min = Math.min(min, s);
        }
        return min;
    }

    /** The score for {@code criterion}, or 1 when it was not scored. */
    public double score(Criterion criterion) {
        Double s = scores.get(criterion);
        return s == null ? 1.0 : s;
    }

    /** Scores as {@code policy=0.93,grounding=1.00,...} in criterion order, for evidence. */
    public String scoresWire() {
        StringBuilder sb = new StringBuilder(64);
        for (var e : scores.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(e.getKey().wireName()).append('=').append(String.format(Locale.ROOT, "%.3f", e.getValue()));
        }
        return sb.toString();
    }
}
