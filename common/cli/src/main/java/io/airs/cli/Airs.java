package io.airs.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code airs} command line. */
@Command(
        name = "airs",
        mixinStandardHelpOptions = true,
        versionProvider = Airs.Version.class,
        description = "AIRS Enforcer: runtime security for AI systems.",
        subcommands = {
            ScanCommand.class,
            ServeCommand.class,
            PolicyCommand.class,
            EvidenceCommand.class,
            EvalCommand.class,
            TrainCommand.class,
            ReviewCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Airs implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status (0 ok, 2 unusable arguments or policy). */
    public static int run(String... args) {
        return run(null, null, args);
    }

    /**
     * Runs the command line with what commands print through picocli going to {@code out} and
     * {@code err} (null keeps standard output and error); for tests.
     */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new Airs());
        if (out != null) {
            cl.setOut(out);
        }
        if (err != null) {
            cl.setErr(err);
        }
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("airs: " + ex.getMessage());
            return 2;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("airs: " + ex.getMessage());
            ex.getCommandLine().usage(ex.getCommandLine().getErr());
            return 2;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Airs.class.getPackage().getImplementationVersion();
            return new String[] {"airs " + (v == null ? "dev" : v)};
        }
    }
}
