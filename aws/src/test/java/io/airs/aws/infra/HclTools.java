package io.airs.aws.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code aws/src/test/node/hcl-check.js} (HashiCorp's HCL parser and formatter from npm, as
 * WebAssembly) over {@code infra/aws} in a child {@code node} process and reads its JSON answer.
 *
 * <p>The child gets a bounded time; whatever happens it is stopped by its PID, with anything it
 * started, before this returns.
 */
final class HclTools {

    static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final JsonNode report;

    private HclTools(JsonNode report) {
        this.report = report;
    }

    /** Checks every {@code .tf} file under {@code infraDir}; {@code awsModule} holds node_modules. */
    static HclTools run(Path infraDir, Path awsModule) throws IOException, InterruptedException {
        Path script = awsModule.resolve("src/test/node/hcl-check.js");
        if (!Files.isDirectory(awsModule.resolve("node_modules/@cdktf/hcl2json"))
                || !Files.isDirectory(awsModule.resolve("node_modules/@cdktf/hcl-tools"))) {
            throw new AssertionError("@cdktf/hcl2json and @cdktf/hcl-tools are not installed: run `npm ci` in "
                    + awsModule + " (the Maven build does it before the tests)");
        }
        Path out = Files.createTempFile("hcl-check", ".json");
        Path err = Files.createTempFile("hcl-check", ".err");
        Process process = null;
        try {
            // Output goes to files, so a chatty child can never block on a full pipe.
            process = new ProcessBuilder("node", script.toString(), infraDir.toString())
                    .directory(awsModule.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("hcl-check.js did not finish within " + TIMEOUT);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError("hcl-check.js exited " + process.exitValue() + ": " + stderr);
            }
            return new HclTools(new ObjectMapper().readTree(out.toFile()));
        } finally {
            if (process != null) {
                stop(process.pid());
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void stop(long pid) throws InterruptedException {
        var handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        handle.get().descendants().forEach(ProcessHandle::destroyForcibly);
        handle.get().destroyForcibly();
        try {
            handle.get().onExit().get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("node process " + pid + " did not stop", e);
        }
    }

    JsonNode selfCheck() {
        return report.path("selfCheck");
    }

    /** One entry per {@code .tf} file: path, parsed, parseError, fmtClean, firstUnformattedLine. */
    List<JsonNode> files() {
        List<JsonNode> files = new ArrayList<>();
        report.path("files").forEach(files::add);
        return files;
    }

    JsonNode file(String relativePath) {
        return files().stream()
                .filter(f -> f.path("path").asText().equals(relativePath))
                .findFirst()
                .orElseThrow(() -> new AssertionError("hcl-check.js did not check " + relativePath));
    }

    /** Directories (relative, with "/") that hold at least one checked file. */
    List<String> directories() {
        return files().stream()
                .map(f -> directoryOf(f.path("path").asText()))
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * The blocks of one kind across a directory's files, by label: for {@code ("resource",
     * "aws_sqs_queue")} every queue; for {@code ("data", "aws_iam_policy_document")} every document.
     * hcl2json always gives a block's bodies as a list; a label declared once has one body.
     */
    Map<String, JsonNode> blocks(String directory, String kind, String type) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode file : filesIn(directory)) {
            file.path("parsed").path(kind).path(type).properties().forEach(e -> {
                if (found.put(e.getKey(), e.getValue().path(0)) != null) {
                    throw new AssertionError(directory + ": " + type + "." + e.getKey() + " declared twice");
                }
            });
        }
        return found;
    }

    /** Every local of a directory with its expression as hcl2json renders it. */
    Map<String, JsonNode> locals(String directory) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode file : filesIn(directory)) {
            for (JsonNode block : file.path("parsed").path("locals")) {
                block.properties().forEach(e -> found.put(e.getKey(), e.getValue()));
            }
        }
        return found;
    }

    private List<JsonNode> filesIn(String directory) {
        return files().stream()
                .filter(f -> directoryOf(f.path("path").asText()).equals(directory))
                .toList();
    }

    private static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }
}
