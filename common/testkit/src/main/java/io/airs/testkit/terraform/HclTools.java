package io.airs.testkit.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * HashiCorp's own HCL parser and formatter ({@code @cdktf/hcl2json} and {@code @cdktf/hcl-tools} from
 * npm, compiled to WebAssembly) run over a Terraform stack by {@code node}, with their JSON answer.
 *
 * <p>The script ships in this jar ({@code hcl-check.js}); the npm packages come from the {@code
 * node_modules} of the module whose tests call it (its {@code package.json} lists them and the build
 * runs {@code npm ci}). The child gets a bounded time; whatever happens it is stopped by its PID, with
 * anything it started, before {@link #run} returns.
 *
 * <pre>{@code
 * HclTools hcl = HclTools.run(repo.resolve("infra/azure"), repo.resolve("azure"));
 * assertThat(hcl.file("modules/airs/main.tf").path("fmtClean").asBoolean()).isTrue();
 * }</pre>
 */
public final class HclTools {

    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private static final String SCRIPT = "/io/airs/testkit/terraform/hcl-check.js";

    private final JsonNode report;

    private HclTools(JsonNode report) {
        this.report = report;
    }

    /**
     * Checks every {@code .tf} file under {@code infraDir} (skipping {@code .terraform}); {@code
     * npmProject} is the directory whose {@code node_modules} holds the two packages.
     */
    public static HclTools run(Path infraDir, Path npmProject) throws IOException, InterruptedException {
        Path nodeModules = npmProject.resolve("node_modules");
        if (!Files.isDirectory(nodeModules.resolve("@cdktf/hcl2json"))
                || !Files.isDirectory(nodeModules.resolve("@cdktf/hcl-tools"))) {
            throw new AssertionError("@cdktf/hcl2json and @cdktf/hcl-tools are not installed: run `npm ci` in "
                    + npmProject + " (the Maven build does it before the tests)");
        }
        Path work = Files.createTempDirectory("hcl-check");
        Path script = work.resolve("hcl-check.js");
        Path out = work.resolve("out.json");
        Path err = work.resolve("err.txt");
        Process process = null;
        try {
            try (InputStream in = HclTools.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    throw new AssertionError(SCRIPT + " is not on the class path");
                }
                Files.copy(in, script);
            }
            ProcessBuilder builder = new ProcessBuilder("node", script.toString(), infraDir.toString())
                    .directory(npmProject.toFile())
                    // Output goes to files, so a chatty child can never block on a full pipe.
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            // The script lives outside the npm project, so require() finds the packages through NODE_PATH.
            builder.environment().put("NODE_PATH", nodeModules.toAbsolutePath().toString());
            process = builder.start();
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
            deleteTree(work);
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
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("node process " + pid + " did not stop", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** {@code formatterRewritesBadLayout} and {@code parserRejectsBrokenHcl}: both tools can fail here. */
    public JsonNode selfCheck() {
        return report.path("selfCheck");
    }

    /** One entry per {@code .tf} file: path, parsed, parseError, fmtClean, firstUnformattedLine. */
    public List<JsonNode> files() {
        List<JsonNode> files = new ArrayList<>();
        report.path("files").forEach(files::add);
        return files;
    }

    /** The entry of one file, by its path relative to the checked directory (with "/"). */
    public JsonNode file(String relativePath) {
        return files().stream()
                .filter(f -> f.path("path").asText().equals(relativePath))
                .findFirst()
                .orElseThrow(() -> new AssertionError("hcl-check.js did not check " + relativePath));
    }

    /** Directories (relative, with "/") that hold at least one checked file. */
    public List<String> directories() {
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
    public Map<String, JsonNode> blocks(String directory, String kind, String type) {
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

    /**
     * The blocks with one label across a directory's files, by label: for {@code "variable"} every
     * variable, for {@code "module"} every module call; also {@code "output"} and {@code "check"}.
     */
    public Map<String, JsonNode> blocks(String directory, String kind) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        for (JsonNode file : filesIn(directory)) {
            file.path("parsed").path(kind).properties().forEach(e -> {
                if (found.put(e.getKey(), e.getValue().path(0)) != null) {
                    throw new AssertionError(directory + ": " + kind + " " + e.getKey() + " declared twice");
                }
            });
        }
        return found;
    }

    /** Every local of a directory with its expression as hcl2json renders it. */
    public Map<String, JsonNode> locals(String directory) {
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
