package io.airs.cli;

import io.airs.cli.serve.EchoModel;
import io.airs.cli.serve.LocalRunner;
import io.airs.cli.serve.OpenAiCompatibleUpstream;
import io.airs.core.breaker.FileFlagSource;
import io.airs.core.evidence.FileEvidenceSink;
import io.airs.core.gateway.ChatApi;
import io.airs.core.gateway.Gateway;
import io.airs.core.gateway.LayerConfigs;
import io.airs.core.judge.OpenAiCompatibleJudge;
import io.airs.core.oversight.FileEscalationStore;
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
            "Runs the local enforcement endpoint on 127.0.0.1 with every layer: guardrails, judge, human",
            "oversight (a durable queue in the data directory) and circuit breakers (kill switches in",
            "DIR/flags.json, re-read when it changes). Routes: POST /v1/evaluate, POST /v1/chat/completions,",
            "GET /v1/escalations[/{ticket}], POST /v1/escalations/{ticket}/decision, GET /v1/breakers,",
            "PUT /v1/breakers/{scope}, GET /v1/status, GET /healthz. The default upstream is a built-in echo model."
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
            description = "Where evidence, escalations and flags are kept (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--tick",
            defaultValue = "1000",
            paramLabel = "MS",
            description = "How often SLAs, breakers and PACE advance (default ${DEFAULT-VALUE} ms)")
    long tickMillis;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UsageException("--port must be between 0 and 65535");
        }
        if (tickMillis < 10) {
            throw new UsageException("--tick must be at least 10 ms");
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
        Clock clock = Clock.systemUTC();
        FileEvidenceSink evidence = FileEvidenceSink.open(evidencePath);
        FileEscalationStore escalations;
        try {
            escalations = FileEscalationStore.open(dataDir.resolve("escalations"), LayerConfigs.oversight(p));
        } catch (IOException | RuntimeException e) {
            evidence.close();
            throw new UsageException("cannot open the escalation store in " + dataDir + ": " + e.getMessage());
        }
        FileFlagSource flags = new FileFlagSource(dataDir.resolve("flags.json"));
        WireCodec codec = new WireCodec();
        Gateway.Builder gb = Gateway.builder(p)
                .evidence(evidence)
                .escalations(escalations)
                .flags(flags)
                .clock(clock);
        try {
            LayerConfigs.llmJudge(p, System::getenv)
                    .ifPresent(c -> gb.llmJudge(
                            OpenAiCompatibleJudge.builder(c).clock(clock).build()));
        } catch (IllegalArgumentException e) {
            evidence.close();
            escalations.close();
            throw new UsageException(e.getMessage());
        }
        Gateway gateway = gb.build();
        ChatApi.Upstream model = upstream == null
                ? new EchoModel(codec.mapper(), clock)
                : new OpenAiCompatibleUpstream(codec.mapper(), upstream, Duration.ofSeconds(upstreamTimeout));
        LocalRunner runner;
        try {
            runner = LocalRunner.start(
                    gateway, flags, model, codec, clock, "127.0.0.1", port, Duration.ofMillis(tickMillis));
        } catch (BindException e) {
            gateway.close();
            evidence.close();
            escalations.close();
            throw new UsageException("port " + port + " is in use (try --port 0 or another port)");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.close();
            gateway.close();
            try {
                escalations.close();
                evidence.close();
            } catch (Exception e) {
                System.err.println("airs serve: closing: " + e.getMessage());
            }
            stopped.countDown();
        }));
        System.out.printf(
                "airs serve: listening on http://127.0.0.1:%d (policy %s, revision %s, tier %s; upstream %s;"
                        + " judge %s; data %s)%n",
                runner.port(),
                p.name(),
                p.revision(),
                p.riskTier(),
                upstream == null ? "built-in echo model" : upstream,
                gateway.hasLlmJudge() ? "classifier + LLM" : "classifier",
                dataDir);
        System.out.flush();
        stopped.await();
        return 0;
    }
}
