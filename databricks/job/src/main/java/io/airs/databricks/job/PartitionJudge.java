package io.airs.databricks.job;

import io.airs.core.judge.Judge;
import io.airs.core.judge.LlmJudgeConfig;
import io.airs.core.judge.OpenAiCompatibleJudge;
import io.airs.core.policy.Policy;
import io.airs.databricks.workspace.Workspace;
import java.io.Serializable;
import java.net.URI;
import java.time.Clock;
import java.util.Iterator;
import java.util.Objects;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * The work of one Spark partition: builds a {@link RowJudge} (policy, detectors, classifier, judge
 * client) once, then judges the partition's rows as Spark pulls them.
 */
final class PartitionJudge implements MapPartitionsFunction<Row, Row>, Serializable {

    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private final Clock clock;

    PartitionJudge(JobSettings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TaskContext task = TaskContext.get();
        long seed = task == null ? 0 : ((long) task.stageId() << 32) ^ task.partitionId() ^ task.taskAttemptId();
        RowJudge judge = new RowJudge(settings, llmJudge(settings), clock, seed);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                return judge.judge(rows.next());
            }
        };
    }

    /**
     * The LLM judge on the judge endpoint, through the workspace's OpenAI-compatible chat completions
     * API ({@code <host>/serving-endpoints/chat/completions} with the endpoint as {@code model}),
     * authenticated like every other call to the workspace.
     */
    static Judge llmJudge(JobSettings settings) {
        Policy policy = settings.policy();
        if (policy.judge().enabled() != null && !policy.judge().enabled()) {
            return null;
        }
        Workspace ws = Workspace.fromEnvironment(settings.workspace());
        LlmJudgeConfig c = LlmJudgeConfig.defaults()
                .withEndpoint(URI.create(ws.host() + "/serving-endpoints"), settings.judgeEndpoint());
        var llm = policy.judge().llm();
        if (llm != null && (llm.timeout() != null || llm.retries() != null)) {
            c = c.withRetries(
                    llm.timeout() == null ? c.timeout() : llm.timeout(),
                    llm.retries() == null ? c.maxRetries() : llm.retries(),
                    c.initialBackoff(),
                    c.maxBackoff(),
                    c.retryAfterCap());
        }
        return OpenAiCompatibleJudge.builder(c).bearerTokens(() -> bearer(ws)).build();
    }

    private static String bearer(Workspace ws) {
        String h = ws.authHeaders().get("Authorization");
        if (h == null || !h.startsWith("Bearer ")) {
            throw new IllegalStateException("the workspace gave no bearer token");
        }
        return h.substring("Bearer ".length());
    }
}
