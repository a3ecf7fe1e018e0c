package io.airs.databricks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.compile.DatabricksAiGatewayCompiler;
import io.airs.core.compile.DatabricksCompileOptions;
import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.core.policy.PolicyLoader;
import io.airs.databricks.gateway.DatabricksGateway;
import io.airs.databricks.gateway.GatewaySettings;
import io.airs.databricks.sync.AiGatewaySync;
import io.airs.databricks.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code java -jar airs-databricks-gateway.jar [serve|sync|drift]}: the Databricks package's command
 * line. Configuration comes from the environment, as a service's does.
 */
@Command(
        name = "airs-databricks",
        mixinStandardHelpOptions = true,
        description = "AIRS Enforcer for Databricks: the enforcement gateway in front of serving endpoints,"
                + " and the policy's AI Gateway configuration kept in sync.",
        subcommands = {
            DatabricksMain.Serve.class,
            DatabricksMain.Sync.class,
            DatabricksMain.DriftCheck.class,
            CommandLine.HelpCommand.class
        })
public final class DatabricksMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(System.getenv(), null, null, args.length == 0 ? new String[] {"serve"} : args));
    }

    /** Runs the command line; exit status 0 ok, 2 for unusable arguments, settings or policy. */
    static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new DatabricksMain(), new Factory(env));
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("airs-databricks: " + ex.getMessage());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Loads the policy file, or the built-in default. */
    static Policy policy(Path file) {
        try {
            return file == null ? PolicyLoader.defaultPolicy() : new PolicyLoader().load(file);
        } catch (PolicyException e) {
            throw new IllegalArgumentException("policy rejected:\n" + e.getMessage());
        }
    }

    /** Gives each command the environment it reads. */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == Serve.class) {
                return cls.cast(new Serve(env));
            }
            if (cls == Sync.class) {
                return cls.cast(new Sync(env));
            }
            if (cls == DriftCheck.class) {
                return cls.cast(new DriftCheck(env));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }

    @Command(
            name = "serve",
            mixinStandardHelpOptions = true,
            description = {
                "Runs the enforcement gateway (the default command). Routes: POST",
                "/serving-endpoints/{name}/invocations, POST /v1/chat/completions (model = endpoint),",
                "POST /v1/evaluate, GET /v1/escalations[/{ticket}], POST /v1/escalations/{ticket}/decision,",
                "GET /v1/breakers, PUT /v1/breakers/{scope}, GET /v1/status, GET /healthz.",
                "Settings from the environment: DATABRICKS_HOST, DATABRICKS_TOKEN or DATABRICKS_CLIENT_ID and",
                "DATABRICKS_CLIENT_SECRET, AIRS_ENDPOINTS (required), AIRS_POLICY, AIRS_BIND, AIRS_PORT,",
                "AIRS_DATA_DIR, AIRS_CALLER_TOKENS, AIRS_ADMIN_TOKEN, AIRS_JUDGE_ENDPOINT, AIRS_WAREHOUSE_ID,",
                "AIRS_BREAKER_TABLE, AIRS_FLAGS_TTL_SECONDS, AIRS_UPSTREAM_TIMEOUT_SECONDS."
            })
    static final class Serve implements Callable<Integer> {

        private final Map<String, String> env;

        Serve(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() throws Exception {
            GatewaySettings s = GatewaySettings.fromEnvironment(env);
            Workspace ws = Workspace.fromEnvironment(env);
            Policy p = policy(s.policy());
            DatabricksGateway g = DatabricksGateway.start(s, ws, p, env::get, Clock.systemUTC());
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                g.close();
                stopped.countDown();
            }));
            System.out.printf(
                    "airs-databricks: listening on http://%s:%d (policy %s, revision %s, tier %s; workspace %s"
                            + " as %s; endpoints %s; judge %s; kill switches %s; data %s)%n",
                    s.bind(),
                    g.port(),
                    p.name(),
                    p.revision(),
                    p.riskTier(),
                    ws.host(),
                    ws.auth().sdkName(),
                    String.join(",", s.endpoints()),
                    s.judgeEndpoint() != null
                            ? "serving endpoint " + s.judgeEndpoint()
                            : g.gateway().hasLlmJudge() ? "policy's LLM judge" : "classifier only",
                    s.breakerTable() != null ? s.breakerTable() : s.dataDir().resolve("flags.json"),
                    s.dataDir());
            System.out.flush();
            stopped.await();
            return 0;
        }
    }

    /** The options of the AI Gateway commands: which endpoints, which policy, the inference table. */
    static final class GatewayTarget {

        @Option(
                names = {"-e", "--endpoint"},
                required = true,
                paramLabel = "NAME",
                description = "Serving endpoint to check (repeat for several)")
        List<String> endpoints;

        @Option(
                names = {"-p", "--policy"},
                paramLabel = "FILE",
                description = "Policy file (YAML or JSON). Default: the built-in default policy.")
        Path policy;

        @Option(names = "--catalog", description = "Catalog of the inference table (with --schema)")
        String catalog;

        @Option(names = "--schema", description = "Schema of the inference table (with --catalog)")
        String schema;

        @Option(names = "--table-prefix", description = "Inference table name prefix (default: the endpoint's name)")
        String tablePrefix;

        @Option(names = "--fallback", description = "Fall back to the endpoint's other served entities on failure")
        boolean fallback;

        ObjectNode compiled() {
            for (String e : endpoints) {
                if (!e.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,62}")) {
                    throw new IllegalArgumentException("--endpoint: '" + e + "' is not a serving endpoint name");
                }
            }
            DatabricksCompileOptions options = new DatabricksCompileOptions(catalog, schema, tablePrefix, fallback);
            return new DatabricksAiGatewayCompiler(new ObjectMapper()).aiGateway(policy(policy), options);
        }

        /**
         * Compiles the policy, then runs {@code step} on every endpoint through the workspace the
         * environment names; the exit status is 0 when every endpoint is left in line, else 1.
         */
        int forEachEndpoint(Map<String, String> env, PrintWriter out, EndpointStep step) {
            ObjectNode compiled = compiled();
            AiGatewaySync sync =
                    new AiGatewaySync(Workspace.fromEnvironment(env).client());
            int notInLine = 0;
            for (String e : endpoints) {
                if (!step.run(e, compiled, sync, out)) {
                    notInLine++;
                }
            }
            out.flush();
            return notInLine == 0 ? 0 : 1;
        }
    }

    /** What {@code drift} or {@code sync} does to one endpoint; true when it is left in line with the policy. */
    interface EndpointStep {
        boolean run(String endpoint, ObjectNode compiled, AiGatewaySync sync, PrintWriter out);
    }

    @Command(
            name = "drift",
            mixinStandardHelpOptions = true,
            description = {
                "Compares each endpoint's AI Gateway with what the policy compiles to and prints every",
                "difference. Exit status: 0 in line, 1 drift found, 2 unusable arguments or settings.",
                "Workspace from DATABRICKS_HOST and DATABRICKS_TOKEN (or DATABRICKS_CLIENT_ID and _SECRET)."
            })
    static final class DriftCheck implements Callable<Integer> {

        private final Map<String, String> env;

        @CommandLine.Mixin
        GatewayTarget target = new GatewayTarget();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        DriftCheck(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            return target.forEachEndpoint(env, spec.commandLine().getOut(), (e, compiled, sync, out) -> {
                ObjectNode live = sync.live(e);
                List<AiGatewaySync.Drift> d = AiGatewaySync.compare(compiled, live);
                if (d.isEmpty()) {
                    out.println(e + ": in line with the policy");
                    return true;
                }
                out.println(e + ": " + d.size() + " difference(s) from the policy"
                        + (AiGatewaySync.stoppedByBreaker(live) ? " (stopped by its kill switch)" : ""));
                d.forEach(x -> out.println("  " + x));
                return false;
            });
        }
    }

    @Command(
            name = "sync",
            mixinStandardHelpOptions = true,
            description = {
                "Writes the policy's AI Gateway configuration to each endpoint that differs from it. An",
                "endpoint stopped by its kill switch is left stopped unless --force. Exit status: 0 every",
                "endpoint in line, 1 one was left as it is, 2 unusable arguments or settings."
            })
    static final class Sync implements Callable<Integer> {

        private final Map<String, String> env;

        @CommandLine.Mixin
        GatewayTarget target = new GatewayTarget();

        @Option(names = "--force", description = "Also rewrite an endpoint its kill switch has stopped (reopens it)")
        boolean force;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Sync(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            return target.forEachEndpoint(env, spec.commandLine().getOut(), (e, compiled, sync, out) -> {
                switch (sync.apply(e, compiled, force)) {
                    case IN_SYNC -> out.println(e + ": already in line with the policy");
                    case UPDATED -> out.println(e + ": AI Gateway updated from the policy");
                    case STOPPED_BY_BREAKER -> {
                        out.println(e + ": stopped by its kill switch, left as it is (--force to rewrite it)");
                        return false;
                    }
                }
                return true;
            });
        }
    }
}
