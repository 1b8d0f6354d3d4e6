package io.flowmesh.reference.parse;

import java.util.Map;

/**
 * The envelope's metadata.
 *
 * @param name names the workflow and its tasks
 * @param owner informational owner, or null
 * @param project informational project, or null
 * @param annotations annotations for people, in template order; empty when absent
 * @param labels labels, in template order; empty when absent
 */
public record Metadata(String name, String owner, String project, Map<String, String> annotations,
        Map<String, String> labels) {

    public Metadata {
        annotations = Immutable.map(annotations);
        labels = Immutable.map(labels);
    }
}
