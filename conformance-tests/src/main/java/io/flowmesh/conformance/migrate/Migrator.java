package io.flowmesh.conformance.migrate;

import java.util.IdentityHashMap;
import java.util.Map;

import org.apiguardian.api.API;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Migrates one template's text by its rules: it composes the text with SnakeYAML, plans the entries
 * to change, edits only their lines (or, inside {@code { }}, their text), then composes the result
 * again and checks that it means exactly the intended template and that migrating it again changes
 * nothing. A template it cannot parse, or cannot edit safely, is refused with a
 * {@link MigrationException} and no text.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Migrator {

    private final MigrationRules rules;

    /** A migrator applying these rules. */
    public Migrator(MigrationRules rules) {
        this.rules = rules;
    }

    /**
     * Migrates a template.
     *
     * @param text the template's text
     * @param source the file, for messages
     * @throws MigrationException when the text cannot be parsed or edited safely; it names the line and column
     */
    public Migration migrate(String text, String source) throws MigrationException {
        YamlDocument before = YamlDocument.compose(text, source);
        Planner.Plan plan = Planner.plan(before.root(), rules, source);
        if (plan.edits().isEmpty()) {
            return new Migration(source, text, text, plan.changes());
        }
        String migrated = TextEditor.apply(before, plan.edits(), source);
        check(before, plan, migrated, source);
        return new Migration(source, text, migrated, plan.changes());
    }

    /** The edited text parses, means the planned template, and needs no further migration. */
    private void check(YamlDocument before, Planner.Plan plan, String migrated, String source) throws MigrationException {
        YamlDocument after;
        try {
            after = YamlDocument.compose(migrated, source);
        } catch (MigrationException e) {
            throw unsafe(source, "the edited text would not parse: " + e.getMessage());
        }
        Map<NodeTuple, Edit> edits = new IdentityHashMap<>();
        plan.edits().forEach(e -> edits.put(e.tuple(), e));
        Object intended;
        Object edited;
        try {
            intended = Shape.of(before.root(), edits, 0);
            edited = Shape.of(after.root());
        } catch (IllegalArgumentException e) {
            throw unsafe(source, e.getMessage());
        }
        if (!intended.equals(edited)) {
            throw unsafe(source, "the edited text would not mean the migrated template");
        }
        if (!Planner.plan(after.root(), rules, source).edits().isEmpty()) {
            throw unsafe(source, "the edited text would still need migrating");
        }
    }

    private static MigrationException unsafe(String source, String why) {
        return new MigrationException(source + ": migrate cannot edit this template safely (" + why
                + "); it was left as it was");
    }
}
