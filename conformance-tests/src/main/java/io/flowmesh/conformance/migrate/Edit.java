package io.flowmesh.conformance.migrate;

import java.util.List;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * One mapping entry the migration changes: deleted, or replaced by entries lifted out of its value.
 *
 * @param tuple the entry
 * @param pointer its JSON pointer
 * @param owner the mapping that holds it
 * @param lifted the entries of its value that take its place; empty to delete it
 */
record Edit(NodeTuple tuple, String pointer, MappingNode owner, List<NodeTuple> lifted) {

    Edit {
        lifted = List.copyOf(lifted);
    }

    /** Whether the entry goes without a replacement. */
    boolean deletes() {
        return lifted.isEmpty();
    }
}
