package io.airs.databricks.job;

import io.airs.core.judge.JudgeSamplerConfig;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.databricks.workspace.Workspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The judge job, a Databricks JAR task: reads what is new in a serving endpoint's inference table
 * since the last run (Structured Streaming, {@code Trigger.AvailableNow}, a checkpoint), judges every
 * request and response, writes verdicts and escalations with MERGE, then applies reviewers'
 * decisions, expires what passed its SLA and moves the endpoint's circuit breaker.
 *
 * <pre>{@code
 * JudgeJob --inference-table main.serving.chat_payload --endpoint chat --judge-endpoint judge \
 *     --catalog main --schema airs --checkpoint /Volumes/main/airs/state/chat
 * }</pre>
 */
@Command(
        name = "airs-judge-job",
        mixinStandardHelpOptions = true,
        version = "airs-databricks-job 0.1.0",
        description = {
            "Judges a serving endpoint's inference table with the AIRS guardrails, inline classifier and LLM judge,",
            "and writes verdicts, escalations, breaker state and evidence to Delta tables.",
            "The workspace comes from DATABRICKS_HOST with DATABRICKS_TOKEN, or DATABRICKS_CLIENT_ID and",
            "DATABRICKS_CLIENT_SECRET. Exit status 0, 1 when the run failed, 2 when an argument is unusable."
        })
public final class JudgeJob implements Callable<Integer> {

    private static final Pattern ENDPOINT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]{0,254}");

    @Option(
            names = "--inference-table",
            required = true,
            paramLabel = "TABLE",
            description = "the endpoint's inference table: catalog.schema.table, or a Delta path")
    String inferenceTable;

    @Option(names = "--endpoint", required = true, paramLabel = "NAME", description = "the serving endpoint judged")
    String endpoint;

    @Option(
            names = "--judge-endpoint",
            required = true,
            paramLabel = "NAME",
            description = "the serving endpoint of the LLM judge (a different model)")
    String judgeEndpoint;

    @Option(
            names = "--catalog",
            paramLabel = "NAME",
            description = "catalog of the AIRS tables (default: the current one)")
    String catalog;

    @Option(names = "--schema", required = true, paramLabel = "NAME", description = "schema of the AIRS tables")
    String schema;

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH", description = "streaming checkpoint location")
    String checkpoint;

    @Option(names = "--policy", paramLabel = "FILE", description = "policy file (default: the built-in default policy)")
    Path policy;

    @Option(
            names = "--sample-rate",
            paramLabel = "RATE",
            description = "LLM judge sampling rate in [0, 1] at the policy's tier (default: the policy's)")
    Double sampleRate;

    @Option(
            names = "--max-rows-per-batch",
            paramLabel = "N",
            defaultValue = "100000",
            description = "the most rows judged and written in one round (default ${DEFAULT-VALUE})")
    int maxRowsPerBatch;

    /** An argument that cannot be used; exit status 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** What one run did. */
    public record Summary(long judged, long escalationsOpened, int approved, int denied, int expired, int invalid) {}

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** The command line, with the exit codes the job documents. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new JudgeJob());
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("airs-judge-job: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        JobSettings settings = settings(System.getenv());
        // Spark is the cluster's: it is loaded only here, so --help and argument errors need none.
        Summary s = JudgeRun.onCluster(settings);
        System.out.printf(
                "airs-judge-job: %d rows judged, %d escalations opened; %d approved, %d denied, %d expired, %d"
                        + " decisions unusable%n",
                s.judged(), s.escalationsOpened(), s.approved(), s.denied(), s.expired(), s.invalid());
        return 0;
    }

    /** Checks every argument and the workspace variables, and reads the policy file. */
    JobSettings settings(Map<String, String> env) {
        require(inferenceTable, "--inference-table");
        name(endpoint, "--endpoint", ENDPOINT_NAME);
        name(judgeEndpoint, "--judge-endpoint", ENDPOINT_NAME);
        if (judgeEndpoint.equals(endpoint)) {
            throw new UsageException("--judge-endpoint must be a different endpoint from --endpoint (" + endpoint
                    + "): a model does not judge itself");
        }
        if (catalog != null) {
            name(catalog, "--catalog", IDENTIFIER);
        }
        name(schema, "--schema", IDENTIFIER);
        require(checkpoint, "--checkpoint");
        if (sampleRate != null && !(sampleRate >= 0.0 && sampleRate <= 1.0)) {
            throw new UsageException("--sample-rate must be within [0, 1], got " + sampleRate);
        }
        if (maxRowsPerBatch < 1) {
            throw new UsageException("--max-rows-per-batch must be at least 1, got " + maxRowsPerBatch);
        }
        String policyText = null;
        if (policy != null) {
            try {
                policyText = Files.readString(policy, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException(
                        "--policy: cannot read " + policy + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        Map<String, String> workspace = new HashMap<>();
        for (String k : new String[] {Workspace.HOST, Workspace.TOKEN, Workspace.CLIENT_ID, Workspace.CLIENT_SECRET}) {
            if (env.get(k) != null) {
                workspace.put(k, env.get(k));
            }
        }
        try {
            Workspace.fromEnvironment(workspace);
        } catch (IllegalArgumentException e) {
            throw new UsageException("workspace: " + e.getMessage());
        }
        JobSettings s = new JobSettings(
                inferenceTable.strip(),
                endpoint,
                judgeEndpoint,
                catalog,
                schema,
                checkpoint.strip(),
                policyText,
                policy == null ? "default.yaml" : policy.toString(),
                sampleRate,
                maxRowsPerBatch,
                workspace);
        Policy p;
        try {
            p = s.policy();
        } catch (PolicyException e) {
            throw new UsageException("--policy: " + e.getMessage());
        }
        if (sampleRate != null) {
            try {
                JudgeSamplerConfig.defaults().withRate(p.riskTier(), sampleRate);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--sample-rate: " + e.getMessage());
            }
        }
        return s;
    }

    private static void require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new UsageException(option + " is blank");
        }
    }

    private static void name(String value, String option, Pattern pattern) {
        require(value, option);
        if (!pattern.matcher(value).matches()) {
            throw new UsageException(option + " '" + value + "' is not a valid name (letters, digits, '-' and '_')");
        }
    }
}
