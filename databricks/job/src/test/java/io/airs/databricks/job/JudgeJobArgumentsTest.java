package io.airs.databricks.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.databricks.workspace.Workspace;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The job's arguments are checked before any Spark work starts, each with a clear message. */
class JudgeJobArgumentsTest {

    private static final Map<String, String> ENV =
            Map.of(Workspace.HOST, "https://adb-1.2.azuredatabricks.net", Workspace.TOKEN, "dapi-x");
    private static final String[] BASE = {
        "--inference-table",
        "main.serving.chat_payload",
        "--endpoint",
        "chat",
        "--judge-endpoint",
        "judge",
        "--schema",
        "airs",
        "--checkpoint",
        "/Volumes/main/airs/state/chat"
    };

    /** The base command line with {@code extra}'s options added or replacing the base's. */
    private static JudgeJob parse(String... extra) {
        java.util.LinkedHashMap<String, String> opts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < BASE.length; i += 2) {
            opts.put(BASE[i], BASE[i + 1]);
        }
        for (int i = 0; i < extra.length; i += 2) {
            opts.put(extra[i], extra[i + 1]);
        }
        java.util.List<String> args = new java.util.ArrayList<>();
        opts.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        JudgeJob job = new JudgeJob();
        new CommandLine(job).parseArgs(args.toArray(String[]::new));
        return job;
    }

    @Test
    void acceptsACompleteCommandLine() {
        JobSettings s = parse("--catalog", "main", "--sample-rate", "0.08", "--max-rows-per-batch", "5000")
                .settings(ENV);

        assertThat(s.table(io.airs.databricks.tables.Tables.VERDICTS)).isEqualTo("`main`.`airs`.`airs_verdicts`");
        assertThat(s.sampleRate()).isEqualTo(0.08);
        assertThat(s.maxRowsPerBatch()).isEqualTo(5000);
        assertThat(s.inferenceTableIsPath()).isFalse();
        assertThat(s.workspace()).containsEntry(Workspace.TOKEN, "dapi-x");
    }

    @Test
    void refusesAModelJudgingItself() {
        assertThatThrownBy(() -> parse("--judge-endpoint", "chat").settings(ENV))
                .hasMessageContaining("--judge-endpoint must be a different endpoint");
    }

    @Test
    void refusesASampleRateOutsideTheTiersCoverage() {
        assertThatThrownBy(() -> parse("--sample-rate", "0.5").settings(ENV))
                .hasMessageStartingWith("--sample-rate:")
                .hasMessageContaining("MEDIUM");
        assertThatThrownBy(() -> parse("--sample-rate", "1.5").settings(ENV)).hasMessageContaining("within [0, 1]");
    }

    @Test
    void refusesMalformedNamesAndCounts() {
        assertThatThrownBy(() -> parse("--endpoint", "chat; DROP").settings(ENV))
                .hasMessageContaining("--endpoint 'chat; DROP' is not a valid name");
        assertThatThrownBy(() -> parse("--schema", "a.b").settings(ENV)).hasMessageContaining("--schema");
        assertThatThrownBy(() -> parse("--max-rows-per-batch", "0").settings(ENV))
                .hasMessageContaining("--max-rows-per-batch must be at least 1");
    }

    @Test
    void refusesAPolicyThatDoesNotLoad(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("policy.yaml"), "version: 1\nrisk_tier: EXTREME\n");

        assertThatThrownBy(() -> parse("--policy", bad.toString()).settings(ENV))
                .hasMessageStartingWith("--policy:");
        assertThatThrownBy(() -> parse("--policy", dir.resolve("missing.yaml").toString())
                        .settings(ENV))
                .hasMessageContaining("cannot read");
    }

    @Test
    void refusesToStartWithoutWorkspaceCredentials() {
        assertThatThrownBy(() -> parse().settings(Map.of(Workspace.HOST, "https://adb-1.2.azuredatabricks.net")))
                .hasMessageStartingWith("workspace:")
                .hasMessageContaining("DATABRICKS_TOKEN");
    }

    @Test
    void reportsAnUnusableArgumentWithExitStatusTwo() {
        StringWriter err = new StringWriter();
        CommandLine cl = JudgeJob.commandLine();
        cl.setErr(new PrintWriter(err));

        int code = cl.execute(
                BASE[0],
                BASE[1],
                "--endpoint",
                "chat",
                "--judge-endpoint",
                "chat",
                "--schema",
                "airs",
                "--checkpoint",
                "/tmp/cp");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("airs-judge-job:");
    }
}
