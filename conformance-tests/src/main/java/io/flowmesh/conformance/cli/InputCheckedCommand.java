package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.suite.Verbosity;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command whose input problems (a missing folder, a bad classification, no implementation) end it
 * with one {@code error:} line and exit code 2, never a stack trace.
 */
abstract class InputCheckedCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", description = {"let the implementation log at INFO and below (by default only its",
            "warnings and errors show: an audit runs each template many times)"})
    private boolean verbose;

    @Override
    public final Integer call() {
        try (Verbosity verbosity = Verbosity.quietUnless(verbose)) {
            return run(spec.commandLine().getOut());
        } catch (AuditInputException e) {
            spec.commandLine().getErr().println("error: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Where the command's diagnostics go (the progress line, warnings), apart from its report. */
    final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The command's picocli model, e.g. for the original arguments. */
    final CommandSpec commandSpec() {
        return spec;
    }

    /** Runs the command, printing its report to {@code out}, and returns the exit code. */
    abstract int run(PrintWriter out) throws AuditInputException;
}
