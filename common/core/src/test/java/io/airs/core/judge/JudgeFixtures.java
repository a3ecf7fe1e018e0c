package io.airs.core.judge;

import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Decision;
import io.airs.core.Finding;
import io.airs.core.Stage;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Shared builders for judge tests. */
final class JudgeFixtures {

    private JudgeFixtures() {}

    static Finding finding(Category category, double score) {
        return new Finding(category, "test", 0, 4, score, "test-detector");
    }

    static Decision allow(Stage stage, List<Finding> findings) {
        return new Decision.Allow("d-1", "rev", stage, findings, List.<CheckResult>of());
    }

    static Decision block(Stage stage, List<Finding> findings) {
        return new Decision.Block(
                "d-1",
                "rev",
                stage,
                findings,
                List.<CheckResult>of(),
                findings.getFirst().category().wireName());
    }

    static JudgeVerdict verdict(JudgeVerdict.Verdict v, double score, String judge) {
        Map<Criterion, Double> scores = new EnumMap<>(Criterion.class);
        for (Criterion c : Criterion.values()) {
            scores.put(c, score);
        }
        return new JudgeVerdict(v, scores, List.of("because " + v.name().toLowerCase()), judge, Duration.ofMillis(3));
    }

    /** A judge that answers a fixed verdict (or throws) and counts its calls. */
    static final class FakeJudge implements Judge {
        private final String id;
        private final JudgeVerdict answer;
        private final JudgeException.Kind failure;
        volatile int calls;

        FakeJudge(String id, JudgeVerdict answer) {
            this.id = id;
            this.answer = answer;
            this.failure = null;
        }

        FakeJudge(String id, JudgeException.Kind failure) {
            this.id = id;
            this.answer = null;
            this.failure = failure;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public JudgeVerdict judge(JudgeRequest request) {
            calls++;
            if (failure != null) {
                throw new JudgeException(failure, id + " failed");
            }
            return answer;
        }
    }
}
