package io.flowmesh.reference.parse;

import java.util.Map;

/**
 * The envelope's metadata; every part is optional, as upstream's.
 *
 * @param name names the workflow and its tasks, or null
 * @param owner informational owner, or null
 * @param project informational project (the RFC keeps it; upstream's parser refuses it), or null
 * @param annotations annotations for people and tools, in template order, values as JSON-like data
 *     ({@code schedule_hint} is an object); empty when absent
 */
public record Metadata(String name, String owner, String project, Map<String, Object> annotations) {

    public Metadata {
        annotations = Immutable.map(annotations);
    }
}
