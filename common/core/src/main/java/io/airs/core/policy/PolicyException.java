package io.airs.core.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy that cannot be used. The message names, for every problem, the file, the line, the key
 * path and the reason, for example {@code policy.yaml:12: stages.input[0].threshold: must be between
 * 0 and 1 (was 1.5)}.
 */
public final class PolicyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** One problem in a policy; {@code line} is 1-based, 0 when unknown. */
    public record Problem(String source, int line, String key, String reason) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(source);
            if (line > 0) {
                sb.append(':').append(line);
            }
            sb.append(": ");
            if (key != null && !key.isEmpty()) {
                sb.append(key).append(": ");
            }
            return sb.append(reason).toString();
        }
    }

    private final transient List<Problem> problems;

    public PolicyException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, in file order. */
    public List<Problem> problems() {
        return problems;
    }
}
