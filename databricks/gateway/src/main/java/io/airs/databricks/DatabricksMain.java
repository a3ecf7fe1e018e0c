package io.airs.databricks;

import io.airs.core.policy.Policy;
import io.airs.core.policy.PolicyException;
import io.airs.core.policy.PolicyLoader;
import io.airs.databricks.gateway.DatabricksGateway;
import io.airs.databricks.gateway.GatewaySettings;
import io.airs.databricks.workspace.Workspace;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar airs-databricks-gateway.jar [serve|sync|drift]}: the Databricks package's command
 * line. Configuration comes from the environment, as a service's does.
 */
@Command(
        name = "airs-databricks",
        mixinStandardHelpOptions = true,
        description = "AIRS Enforcer for Databricks: the enforcement gateway in front of serving endpoints,"
                + " and the policy's AI Gateway configuration kept in sync.",
        subcommands = {DatabricksMain.Serve.class, CommandLine.HelpCommand.class})
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
}
