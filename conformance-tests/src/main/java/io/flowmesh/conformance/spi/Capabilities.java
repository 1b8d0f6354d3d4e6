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
 * @param witnessed the boundaries the kit serves that the implementation goes through when their
 *     address is in the run options, e.g. {@value #HUB}; for each, the kit's record of what the run
 *     asked for (its witness) must agree with the trace. Empty unless the implementation says so: an
 *     implementation that does not fetch through the kit's servers is judged on its trace alone.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Capabilities(Set<String> taskTypes, Set<String> backends, boolean concurrent, Set<String> witnessed) {

    /** Backends that run on the CPU, with real semantics at small scale. */
    public static final String CPU = "cpu";

    /** Backends that run real engines on an NVIDIA GPU. */
    public static final String GPU = "gpu";

    /**
     * The kit's Hugging Face-compatible hub ({@link RunOptions#HUB_ENDPOINT}): the implementation
     * resolves revisions and downloads model files through it when given its address.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public static final String HUB = "hub";

    /**
     * The kit's URL server ({@link RunOptions#URL_ENDPOINT}): the implementation fetches http(s) URLs
     * (adapters, data) through it, with their headers, when given its address.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public static final String URLS = "urls";

    /**
     * The kit's scripted agent endpoint ({@link RunOptions#AGENT_ENDPOINT}): the implementation's agents
     * talk to it, in real time, when given its address.
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.3")
    public static final String AGENT = "agent";

    public Capabilities {
        taskTypes = Set.copyOf(taskTypes);
        backends = Set.copyOf(backends);
        witnessed = Set.copyOf(witnessed);
    }

    /**
     * The capabilities of an implementation the kit judges on its trace alone.
     *
     * @param taskTypes the {@code spec.taskType} values it can run
     * @param backends the backend families it can run on
     * @param concurrent whether it may be called from several threads at once
     */
    public Capabilities(Set<String> taskTypes, Set<String> backends, boolean concurrent) {
        this(taskTypes, backends, concurrent, Set.of());
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

    /** Whether the implementation goes through this kit-served boundary, e.g. {@value #HUB}, when given its address. */
    public boolean witnesses(String boundary) {
        return witnessed.contains(boundary);
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
