package io.flowmesh.conformance.cli;

import java.io.PrintWriter;

import org.apiguardian.api.API;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code flowmesh-conformance} command and its entry point. */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@Command(name = "flowmesh-conformance", mixinStandardHelpOptions = true, version = "flowmesh-conformance 0.1",
        description = "Checks FlowMesh workflow templates and measures implementations against the field classification.",
        subcommands = {ValidateCommand.class, AuditCommand.class, BenchCommand.class},
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.USAGE)
public final class FlowMeshConformance implements Runnable {

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
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            cmd.getErr().println("error: internal failure: " + e);
            e.printStackTrace(cmd.getErr());
            return ExitCodes.USAGE;
        });
        return commandLine.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: validate, audit or bench");
    }
}
