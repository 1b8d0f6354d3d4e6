package io.flowmesh.conformance.spi;

import org.apiguardian.api.API;

/**
 * An implementation of the FlowMesh workflow contract under test.
 *
 * <p>Implementations are found through {@link java.util.ServiceLoader}. Both operations take the
 * template's YAML text, never a pre-parsed model, so that the implementation's own parser is part of
 * what is measured. Neither operation may throw for a user mistake in the template: such mistakes are
 * reported as {@link Diagnostic violations}. An exception is taken as an implementation error.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface WorkflowImplementation {

    /** A short, stable name, used to choose among several implementations (e.g. {@code reference}). */
    String name();

    /** The implementation's version, as it should appear in reports. */
    String version();

    /** What this implementation supports; unsupported task types are skipped with a reason. */
    Capabilities capabilities();

    /**
     * Validates a template without running it.
     *
     * @param yaml the template text
     * @param sourceName the name diagnostics should carry, typically the file name
     */
    ParseResult parse(String yaml, String sourceName);

    /**
     * Parses, schedules and executes a template and returns the effects it handed to the outside
     * world. The same text and options must give a byte-identical trace.
     *
     * @param yaml the template text
     * @param options implementation settings such as the model store to resolve revisions against
     */
    RunResult run(String yaml, RunOptions options);
}
