package io.flowmesh.conformance.migrate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What a node means, to compare templates by: mappings as maps (a key written twice keeps its last
 * value, as the parsers do), sequences as lists, scalars as their resolved tag and text.
 */
final class Shape {

    private static final int MAX_DEPTH = 128;

    private Shape() {
    }

    /** The meaning of a node. */
    static Object of(Node node) {
        return of(node, Map.of(), 0);
    }

    /** The meaning of a node once these edits are made: what its migrated text must parse to. */
    static Object of(Node node, Map<NodeTuple, Edit> edits, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH + " levels (a recursive alias?)");
        }
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar.getTag().getValue() + ":" + scalar.getValue();
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> items = new ArrayList<>();
            sequence.getValue().forEach(item -> items.add(of(item, edits, depth + 1)));
            return items;
        }
        Map<Object, Object> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : ((MappingNode) node).getValue()) {
            Edit edit = edits.get(tuple);
            List<NodeTuple> kept = edit == null ? List.of(tuple) : edit.lifted();
            for (NodeTuple entry : kept) {
                entries.put(of(entry.getKeyNode(), edits, depth + 1), of(entry.getValueNode(), edits, depth + 1));
            }
        }
        return entries;
    }
}
