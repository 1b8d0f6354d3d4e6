package io.flowmesh.conformance.migrate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flowmesh.conformance.probe.Pointers;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Finds the entries a template's migration changes: the fields of remove rows, the retired mappings
 * of lifts, and a mapping the migration empties, which goes with the entry that holds it.
 */
final class Planner {

    /**
     * What the migration does to one template.
     *
     * @param edits the entries changed, none inside another
     * @param changes what happened, for people, in document order
     */
    record Plan(List<Edit> edits, List<Migration.Change> changes) {
    }

    private final MigrationRules rules;
    private final String source;
    private final Map<Node, Edit> holders = new IdentityHashMap<>();
    private final Map<Node, Boolean> visited = new IdentityHashMap<>();
    private final Map<NodeTuple, Edit> edits = new LinkedHashMap<>();
    private final List<Migration.Change> changes = new ArrayList<>();

    private Planner(MigrationRules rules, String source) {
        this.rules = rules;
        this.source = source;
    }

    static Plan plan(Node root, MigrationRules rules, String source) throws MigrationException {
        Planner planner = new Planner(rules, source);
        if (root != null) {
            planner.walk(root, "");
            planner.cascade();
        }
        return new Plan(List.copyOf(planner.edits.values()), List.copyOf(planner.changes));
    }

    private void walk(Node node, String pointer) throws MigrationException {
        if (visited.put(node, Boolean.TRUE) != null) {
            return; // an alias: its text is where the anchor is, edited there once
        }
        if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                walk(sequence.getValue().get(i), pointer + "/" + i);
            }
        } else if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    continue;
                }
                String at = pointer + "/" + Pointers.escape(key.getValue());
                Optional<MigrationRules.Removal> removal = rules.removalFor(at);
                Optional<MigrationRules.Lift> lift = rules.liftFor(at);
                if (removal.isPresent()) {
                    edits.put(tuple, new Edit(tuple, at, mapping, List.of()));
                    changes.add(change(at, tuple, Migration.Kind.REMOVED, removal.get().rowId()));
                } else if (lift.isPresent()) {
                    lift(tuple, at, mapping, lift.get());
                } else {
                    holders.put(tuple.getValueNode(), new Edit(tuple, at, mapping, List.of()));
                    walk(tuple.getValueNode(), at);
                }
            }
        }
    }

    private void lift(NodeTuple tuple, String at, MappingNode owner, MigrationRules.Lift lift) throws MigrationException {
        List<NodeTuple> lifted = new ArrayList<>();
        if (tuple.getValueNode() instanceof MappingNode value) {
            for (NodeTuple inner : value.getValue()) {
                String key = inner.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : null;
                String innerAt = at + "/" + Pointers.escape(String.valueOf(key));
                if (key == null || !lift.keys().contains(key)) {
                    changes.add(change(innerAt, inner, Migration.Kind.DROPPED, lift.rowId()));
                    continue;
                }
                Optional<NodeTuple> present = owner.getValue().stream()
                        .filter(t -> t != tuple && t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                        .findFirst();
                if (present.isPresent()) {
                    if (!Shape.of(present.get().getValueNode()).equals(Shape.of(inner.getValueNode()))) {
                        throw new MigrationException(where(inner) + innerAt + ": '" + key + "' is also set on "
                                + Pointers.parent(at) + " with another value; keep one of them by hand");
                    }
                    changes.add(change(innerAt, inner, Migration.Kind.DROPPED, lift.rowId()));
                    continue;
                }
                lifted.add(inner);
                changes.add(change(innerAt, inner, Migration.Kind.LIFTED, lift.rowId()));
            }
        }
        edits.put(tuple, new Edit(tuple, at, owner, lifted));
        if (lifted.isEmpty()) {
            changes.add(change(at, tuple, Migration.Kind.REMOVED, lift.rowId()));
        }
    }

    /** A mapping whose every entry is deleted goes with the entry that holds it, up as far as that goes. */
    private void cascade() throws MigrationException {
        boolean again = true;
        while (again) {
            again = false;
            for (Edit edit : List.copyOf(edits.values())) {
                MappingNode owner = edit.owner();
                boolean emptied = owner.getValue().stream().allMatch(t -> edits.containsKey(t) && edits.get(t).deletes());
                if (!emptied || !edits.containsKey(owner.getValue().get(0))) {
                    continue;
                }
                Edit holder = holders.get(owner);
                if (holder == null) {
                    if (owner.getFlowStyle() == DumperOptions.FlowStyle.BLOCK) {
                        throw new MigrationException(where(edit.tuple()) + edit.pointer() + ": removing it would leave"
                                + " an empty mapping that no key holds; edit this template by hand");
                    }
                    continue; // a flow mapping is left as {}
                }
                owner.getValue().forEach(edits::remove);
                edits.put(holder.tuple(), holder);
                changes.add(change(holder.pointer(), holder.tuple(), Migration.Kind.EMPTIED, "empty"));
                again = true;
                break;
            }
        }
    }

    private Migration.Change change(String pointer, NodeTuple tuple, Migration.Kind kind, String rule) {
        return new Migration.Change(pointer, tuple.getKeyNode().getStartMark().getLine() + 1, kind, rule);
    }

    private String where(NodeTuple tuple) {
        return source + ":" + (tuple.getKeyNode().getStartMark().getLine() + 1) + ":"
                + (tuple.getKeyNode().getStartMark().getColumn() + 1) + ": ";
    }
}
