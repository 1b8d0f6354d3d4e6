package io.flowmesh.reference.parse;

import java.util.Objects;

/**
 * A parsed, valid workflow template.
 *
 * @param apiVersion the envelope's version as written ({@code flowmesh/v1})
 * @param kind the task family named by the envelope (not used for dispatch)
 * @param metadata the envelope's metadata (empty when absent)
 * @param spec the task spec: one task, or stages / graph nodes with shared defaults
 */
public record Workflow(String apiVersion, String kind, Metadata metadata, TaskSpec spec) {

    public Workflow {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(spec, "spec");
    }
}
