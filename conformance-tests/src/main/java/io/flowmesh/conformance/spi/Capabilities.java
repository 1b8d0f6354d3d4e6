package io.flowmesh.conformance.spi;

import java.util.Set;

import org.apiguardian.api.API;

/**
 * What an implementation supports. The suites skip, with a reason, every check whose template needs
 * a task type or backend not declared here; a skipped check is never reported as passed.
 *
 * @param taskTypes the {@code spec.taskType} values it can run
 * @param backends the backend families it can run on, e.g. {@value #CPU} and {@value #GPU}
 * @param concurrent whether {@link WorkflowImplementation#parse} and {@link WorkflowImplementation#run}
 *     may be called from several threads at once, so that the kit audits several templates in parallel;
 *     {@code false} unless the implementation says so
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Capabilities(Set<String> taskTypes, Set<String> backends, boolean concurrent) {

    /** Backends that run on the CPU, with real semantics at small scale. */
    public static final String CPU = "cpu";

    /** Backends that run real engines on an NVIDIA GPU. */
    public static final String GPU = "gpu";

    public Capabilities {
        taskTypes = Set.copyOf(taskTypes);
        backends = Set.copyOf(backends);
    }

    /**
     * The capabilities of an implementation that must be called from one thread at a time.
     *
     * @param taskTypes the {@code spec.taskType} values it can run
     * @param backends the backend families it can run on
     */
    public Capabilities(Set<String> taskTypes, Set<String> backends) {
        this(taskTypes, backends, false);
    }

    /** Whether the implementation can run templates with this {@code spec.taskType}. */
    public boolean supportsTaskType(String taskType) {
        return taskTypes.contains(taskType);
    }

    /** Whether the implementation declares this backend family. */
    public boolean supportsBackend(String backend) {
        return backends.contains(backend);
    }
}
