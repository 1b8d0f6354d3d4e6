package io.flowmesh.conformance.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.flowmesh.conformance.process.ProcessImplementation;
import io.flowmesh.conformance.process.ProcessPool;
import io.flowmesh.conformance.process.ProcessLimits;
import io.flowmesh.conformance.process.ProtocolException;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Finds the implementation under test through {@link ServiceLoader}: the one named by
 * {@value #PROPERTY} (or the CLI's {@code --impl}), or the only one present.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ImplementationSelector {

    /** The system property that names the implementation to test. */
    public static final String PROPERTY = "conformance.implementation";

    private ImplementationSelector() {
    }

    /**
     * Selects an implementation as {@link #select(Optional, Optional, ProcessLimits, int)} does, a process
     * running within the limits the system properties set.
     */
    public static WorkflowImplementation select(Optional<String> name, Optional<String> processCommand, int workers)
            throws AuditInputException {
        ProcessLimits limits;
        try {
            limits = ProcessLimits.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            throw new AuditInputException(e.getMessage());
        }
        return select(name, processCommand, limits, workers);
    }

    /**
     * Selects an implementation: the process the command line starts when one is given, with up to
     * {@code workers} processes ({@link ProcessPool}, one per audit job; a single
     * {@link ProcessImplementation} for 1), else one found through {@link ServiceLoader}.
     *
     * @param name the wanted implementation's name; empty to take the only one present
     * @param processCommand the command line of an implementation process, if the implementation is one
     * @param limits how far the kit trusts the process
     * @param workers the most processes at once
     */
    public static WorkflowImplementation select(Optional<String> name, Optional<String> processCommand,
            ProcessLimits limits, int workers) throws AuditInputException {
        if (processCommand.isPresent() && !processCommand.get().isBlank()) {
            List<String> command = ProcessImplementation.commandLine(processCommand.get());
            try {
                return workers <= 1 ? new ProcessImplementation(command, limits) : new ProcessPool(command, limits, workers);
            } catch (ProtocolException e) {
                throw new AuditInputException(e.getMessage());
            }
        }
        return select(name);
    }

    /**
     * The run options with the backend family asked for, when the implementation declares it: an audit
     * that asks for {@code gpu} of a CPU-only implementation is a usage error, never a run that quietly
     * measures the CPU backend.
     *
     * @param backend the backend family asked for ({@code cpu}, {@code gpu}); empty to leave the choice to
     *     the implementation
     */
    public static RunOptions onBackend(WorkflowImplementation implementation, RunOptions options,
            Optional<String> backend) throws AuditInputException {
        if (backend.isEmpty() || backend.get().isBlank()) {
            return options;
        }
        Set<String> declared = new TreeSet<>(implementation.capabilities().backends());
        if (!implementation.capabilities().supportsBackend(backend.get())) {
            throw new AuditInputException("the implementation '" + implementation.name() + "' declares the backends "
                    + declared + ", not '" + backend.get() + "'");
        }
        return options.with(RunOptions.BACKEND, backend.get());
    }

    /** Whether {@link ServiceLoader} finds any implementation at all. */
    public static boolean anyRegistered() {
        return ServiceLoader.load(WorkflowImplementation.class).findFirst().isPresent();
    }

    /**
     * Selects an implementation.
     *
     * @param name the wanted implementation's name; empty to take the only one present
     */
    public static WorkflowImplementation select(Optional<String> name) throws AuditInputException {
        List<WorkflowImplementation> found = new ArrayList<>();
        ServiceLoader.load(WorkflowImplementation.class).forEach(found::add);
        String names = found.stream().map(WorkflowImplementation::name).sorted().collect(Collectors.joining(", "));
        if (name.isPresent()) {
            return found.stream().filter(i -> i.name().equals(name.get())).findFirst()
                    .orElseThrow(() -> new AuditInputException("no implementation named '" + name.get()
                            + "' on the class path (found: " + (names.isEmpty() ? "none" : names) + ")"));
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            throw new AuditInputException("no FlowMesh implementation on the class path: register one in "
                    + "META-INF/services/" + WorkflowImplementation.class.getName());
        }
        throw new AuditInputException("several implementations on the class path (" + names
                + "): choose one with -D" + PROPERTY + "=NAME or --impl NAME");
    }
}
