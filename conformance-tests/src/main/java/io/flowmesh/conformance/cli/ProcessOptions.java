package io.flowmesh.conformance.cli;

import java.time.Duration;
import java.util.Optional;

import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.process.ProcessLimits;
import picocli.CommandLine.Option;

/** The options of an implementation process: its command line and how long one answer may take. */
final class ProcessOptions {

    @Option(names = "--process", paramLabel = "COMMAND",
            description = "an implementation process speaking the JSON-lines protocol (command split on spaces)")
    String process;

    @Option(names = "--process-timeout", paramLabel = "SECONDS",
            description = {"the longest wait for one answer of the process (default: 120, or -D"
                    + ProcessLimits.TIMEOUT_PROPERTY + ")", "a late answer fails that request and restarts the process"})
    Double timeoutSeconds;

    Optional<String> command() throws AuditInputException {
        if (process != null && process.isBlank()) {
            throw new AuditInputException("--process: the command line is empty; give the program and its arguments");
        }
        return Optional.ofNullable(process);
    }

    ProcessLimits limits() throws AuditInputException {
        ProcessLimits limits;
        try {
            limits = ProcessLimits.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            throw new AuditInputException(e.getMessage());
        }
        if (timeoutSeconds == null) {
            return limits;
        }
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 86_400)) {
            throw new AuditInputException("--process-timeout " + timeoutSeconds
                    + ": expected a number of seconds in (0, 86400]");
        }
        return limits.withRequestTimeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
    }
}
