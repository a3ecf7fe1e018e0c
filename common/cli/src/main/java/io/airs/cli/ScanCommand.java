package io.airs.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.airs.core.Decision;
import io.airs.core.Evaluation;
import io.airs.core.RequestContext;
import io.airs.core.Stage;
import io.airs.core.evidence.EvidenceSink;
import io.airs.core.evidence.FileEvidenceSink;
import io.airs.core.evidence.InMemoryEvidenceSink;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.Policy;
import io.airs.core.wire.WireCodec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code airs scan}: checks JSON Lines rows ({@code id}, {@code text}) and writes one decision per row. */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Checks each JSON Lines row ({\"id\", \"text\"}) at one stage and writes one line per row:",
            "{\"id\", \"decision\", \"findings\": [...], \"latency_us\"}. A bad row gets an \"error\" field",
            "and the scan goes on. Exit status 0, or 2 when the arguments or the policy are unusable."
        })
final class ScanCommand implements Callable<Integer> {

    @Option(
            names = "--stage",
            required = true,
            paramLabel = "STAGE",
            description = "input, context, output or tool_call")
    String stage;

    @Mixin
    PolicyOption policy = new PolicyOption();

    @Option(names = "--in", paramLabel = "FILE", description = "JSON Lines to read (default: standard input)")
    Path in;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write results (default: standard output)")
    Path out;

    @Option(names = "--evidence", paramLabel = "FILE", description = "Append evidence records to this JSON Lines file")
    Path evidenceFile;

    @Override
    public Integer call() throws IOException {
        Stage st;
        try {
            st = Stage.fromWire(stage);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--stage: " + e.getMessage());
        }
        Policy p = policy.load();
        if (in != null && !Files.isReadable(in)) {
            throw new UsageException("--in: cannot read " + in);
        }
        EvidenceSink sink = evidenceFile == null ? new InMemoryEvidenceSink(1024) : FileEvidenceSink.open(evidenceFile);
        Enforcer enforcer = Enforcer.builder(p).evidence(sink).build();
        WireCodec codec = new WireCodec();
        long started = System.nanoTime();
        long firstDecisionMillis = -1;
        long rows = 0;
        long errors = 0;
        long flagged = 0;
        boolean progress = out != null;
        try (Reader r = in == null
                        ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
                        : Files.newBufferedReader(in, StandardCharsets.UTF_8);
                BufferedReader reader = new BufferedReader(r, 1 << 16);
                Writer w = out == null
                        ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16)
                        : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
                JsonGenerator g = codec.mapper().getFactory().createGenerator(w)) {
            g.setRootValueSeparator(null);
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                rows++;
                JsonNode row;
                try {
                    row = codec.mapper().readTree(line);
                } catch (JsonProcessingException e) {
                    errors++;
                    writeError(g, w, null, "line " + lineNo + ": not JSON: " + e.getOriginalMessage());
                    continue;
                }
                JsonNode id = row.isObject() ? row.get("id") : null;
                JsonNode text = row.isObject() ? row.get("text") : null;
                if (text == null || !text.isTextual()) {
                    errors++;
                    writeError(
                            g,
                            w,
                            id,
                            "line " + lineNo + ": "
                                    + (!row.isObject()
                                            ? "expected a JSON object"
                                            : text == null ? "no 'text' field" : "'text' is not a string"));
                    continue;
                }
                long t0 = System.nanoTime();
                String requestId = id == null || id.isNull() ? null : id.asText();
                Decision d = enforcer.evaluate(
                        new Evaluation(st, text.asText(), RequestContext.empty().withRequestId(requestId)));
                long micros = (System.nanoTime() - t0) / 1000;
                if (firstDecisionMillis < 0) {
                    firstDecisionMillis = millisSinceJvmStart();
                }
                if (d.verdict() != Decision.Verdict.ALLOW) {
                    flagged++;
                }
                g.writeStartObject();
                writeId(g, id);
                g.writeStringField("decision", d.verdict().wireName());
                g.writeFieldName("findings");
                codec.writeFindings(g, d.findings(), -1);
                g.writeNumberField("latency_us", micros);
                g.writeEndObject();
                g.flush();
                w.write('\n');
                if (progress && rows % 1000 == 0) {
                    System.err.printf("airs scan: %d rows…%n", rows);
                }
            }
            g.flush();
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot open " + e.getFile());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            if (sink instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("airs scan: closing evidence: " + e.getMessage());
                }
            }
        }
        System.err.printf(
                "airs scan: %d rows, %d flagged, %d errors in %.2f s%s%n",
                rows,
                flagged,
                errors,
                (System.nanoTime() - started) / 1e9,
                firstDecisionMillis < 0 ? "" : " (first decision " + firstDecisionMillis + " ms after JVM start)");
        return 0;
    }

    private static long millisSinceJvmStart() {
        return ProcessHandle.current()
                .info()
                .startInstant()
                .map(t -> System.currentTimeMillis() - t.toEpochMilli())
                .orElse(-1L);
    }

    private static void writeId(JsonGenerator g, JsonNode id) throws IOException {
        g.writeFieldName("id");
        if (id == null) {
            g.writeNull();
        } else {
            g.writeTree(id);
        }
    }

    private static void writeError(JsonGenerator g, Writer w, JsonNode id, String error) throws IOException {
        g.writeStartObject();
        writeId(g, id);
        g.writeStringField("error", error);
        g.writeEndObject();
        g.flush();
        w.write('\n');
    }
}
