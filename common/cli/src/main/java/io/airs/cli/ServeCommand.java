package io.airs.cli;

import io.airs.cli.serve.EchoModel;
import io.airs.cli.serve.LocalRunner;
import io.airs.cli.serve.OpenAiCompatibleUpstream;
import io.airs.cli.serve.Upstream;
import io.airs.core.evidence.FileEvidenceSink;
import io.airs.core.pipeline.Enforcer;
import io.airs.core.policy.Policy;
import io.airs.core.wire.WireCodec;
import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code airs serve}: the local runner on 127.0.0.1 with embedded defaults. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the local enforcement endpoint on 127.0.0.1: POST /v1/evaluate, an OpenAI-compatible",
            "POST /v1/chat/completions proxy and GET /healthz. The default upstream is a built-in echo model."
        })
final class ServeCommand implements Callable<Integer> {

    @Option(
            names = "--port",
            defaultValue = "8787",
            description = "Port to listen on (default ${DEFAULT-VALUE}; 0 picks one)")
    int port;

    @Mixin
    PolicyOption policy = new PolicyOption();

    @Option(
            names = "--upstream",
            paramLabel = "URL",
            description =
                    "OpenAI-compatible API root, e.g. http://127.0.0.1:11434/v1 (default: the built-in echo model)")
    URI upstream;

    @Option(
            names = "--upstream-timeout",
            defaultValue = "60",
            paramLabel = "SECONDS",
            description = "Timeout for one upstream call (default ${DEFAULT-VALUE} s)")
    int upstreamTimeout;

    @Option(
            names = "--data-dir",
            defaultValue = ".airs",
            paramLabel = "DIR",
            description = "Where evidence and state are kept (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
        }
        if (upstream != null
                && (upstream.getScheme() == null
                        || !(upstream.getScheme().equals("http")
                                || upstream.getScheme().equals("https"))
                        || upstream.getHost() == null)) {
            throw new UsageException("--upstream must be an http(s) URL, was " + upstream);
        }
        Policy p = policy.load();
        Files.createDirectories(dataDir);
        Path evidencePath = dataDir.resolve("evidence.jsonl");
        FileEvidenceSink evidence = FileEvidenceSink.open(evidencePath);
        WireCodec codec = new WireCodec();
        Clock clock = Clock.systemUTC();
        Enforcer enforcer = Enforcer.builder(p).evidence(evidence).clock(clock).build();
        Upstream model = upstream == null
                ? new EchoModel(codec.mapper(), clock)
                : new OpenAiCompatibleUpstream(codec.mapper(), upstream, Duration.ofSeconds(upstreamTimeout));
        LocalRunner runner;
        try {
            runner = LocalRunner.start(enforcer, model, codec, "127.0.0.1", port);
        } catch (BindException e) {
            evidence.close();
            throw new UsageException("port " + port + " is in use (try --port 0 or another port)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            try {
                evidence.close();
            } catch (Exception e) {
                System.err.println("airs serve: closing evidence: " + e.getMessage());
            }
            stopped.countDown();
        }));
        System.out.printf(
                "airs serve: listening on http://127.0.0.1:%d (policy %s, revision %s, tier %s; upstream %s; evidence %s)%n",
                runner.port(),
                p.name(),
                p.revision(),
                p.riskTier(),
                upstream == null ? "built-in echo model" : upstream,
                evidencePath);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
