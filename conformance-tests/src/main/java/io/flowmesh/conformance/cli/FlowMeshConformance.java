package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.util.List;

import io.flowmesh.conformance.audit.NearestNames;
import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowmesh-conformance} command and its entry point. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Command(name = "flowmesh-conformance", mixinStandardHelpOptions = true, version = "flowmesh-conformance " + FlowMeshConformance.VERSION,
        description = "Checks FlowMesh workflow templates and measures implementations against the field classification.",
        subcommands = {ValidateCommand.class, AuditCommand.class, BenchCommand.class, MigrateCommand.class,
                SchemaCommand.class, VerifyBundleCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.USAGE)
public final class FlowMeshConformance implements Runnable {

    /** The kit's version, as {@code --version} prints it and results bundles record it. */
    public static final String VERSION = "0.1";

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (for tests and embedding). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new FlowMeshConformance());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(FlowMeshConformance::usageError);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("error: internal failure: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    /**
     * A usage mistake in one screen: what is wrong, the nearest option or command for a misspelt one,
     * and where the full usage is, instead of the whole usage text.
     */
    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + e.getMessage());
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> near = unmatched.getUnmatched().stream().filter(arg -> arg.startsWith("-"))
                    .flatMap(arg -> nearest(arg, cmd.getCommandSpec().optionsMap().keySet()).stream()).distinct().toList();
            if (!near.isEmpty()) {
                err.println("did you mean " + String.join(" or ", near) + "?");
            }
        }
        err.println("see '" + cmd.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** The option names within two edits of a misspelt one, nearest first. */
    static List<String> nearest(String typed, java.util.Collection<String> names) {
        return NearestNames.to(typed, names.stream().filter(name -> name.startsWith("--")).toList(), 2, Integer.MAX_VALUE);
    }

    @Override
    public void run() {
        List<String> commands = List.copyOf(spec.subcommands().keySet());
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: "
                + String.join(", ", commands.subList(0, commands.size() - 1)) + " or " + commands.get(commands.size() - 1));
    }
}
