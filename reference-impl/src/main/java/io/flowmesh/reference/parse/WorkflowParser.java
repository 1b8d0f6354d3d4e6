package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.reference.schema.SchemaViolation;
import io.flowmesh.reference.schema.WorkflowSchema;

/**
 * The parser of workflow templates, strict where upstream FlowMesh's parser is strict and lenient
 * where it is lenient: safe YAML loading, schema validation with source locations, the expansion of
 * stages and graph nodes (each inheriting the workflow's spec, validated on its own), upstream's task
 * rules, warnings for fields without effect, and binding to the typed {@link Workflow}.
 *
 * <p>Thread-safe and reusable; the schema is loaded once per parser. Never throws for user input.
 */
public final class WorkflowParser {

    private static final Comparator<Diagnostic> SOURCE_ORDER =
            Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column);

    private final SafeYamlLoader loader = new SafeYamlLoader();
    private final WorkflowSchema schema;

    /** Creates a parser with the bundled schema. */
    public WorkflowParser() {
        this(new WorkflowSchema());
    }

    /**
     * Creates a parser sharing an already loaded schema.
     *
     * @param schema the workflow schema
     */
    public WorkflowParser(WorkflowSchema schema) {
        this.schema = Objects.requireNonNull(schema, "schema");
    }

    /**
     * Parses one template.
     *
     * @param yaml the template text
     * @param sourceName the file or source name used in diagnostics
     * @return the workflow with its warnings, or the violations that refuse the template
     */
    public ParseOutcome parse(String yaml, String sourceName) {
        String source = sourceName == null ? "<template>" : sourceName;
        if (yaml == null) {
            return new ParseOutcome.Invalid(List.of(new Diagnostic(source, "", 0, 0, "yaml.empty",
                    "no template text")), List.of());
        }
        YamlLoad load = loader.load(yaml, source);
        if (load instanceof YamlLoad.Refused refused) {
            return new ParseOutcome.Invalid(List.of(refused.violation()), List.of());
        }
        YamlLoad.Loaded loaded = (YamlLoad.Loaded) load;
        ObjectNode tree = loaded.tree();
        Locator locator = new Locator(source, loaded.sourceMap());
        List<Diagnostic> warnings = new ArrayList<>(loaded.warnings());
        warnings.addAll(LegacyFields.warnings(tree, loaded.sourceMap(), source));
        warnings = sorted(warnings);
        List<Diagnostic> violations = located(schema.validate(yaml, () -> NullMembers.dropped(tree)), locator);
        if (!violations.isEmpty()) {
            return new ParseOutcome.Invalid(sorted(violations), warnings);
        }
        WorkflowExpander.Expansion expansion = WorkflowExpander.expand(tree, locator);
        violations.addAll(expansion.violations());
        for (ExpandedTask task : expansion.tasks()) {
            if (expansion.multiTask()) {
                violations.addAll(taskViolations(tree, task, locator));
            }
        }
        if (violations.isEmpty()) {
            for (ExpandedTask task : expansion.tasks()) {
                violations.addAll(TaskRules.check(task, locator));
            }
        }
        if (!violations.isEmpty()) {
            return new ParseOutcome.Invalid(sorted(distinct(violations)), warnings);
        }
        return new ParseOutcome.Parsed(WorkflowBinder.bind(tree, expansion), tree, loaded.sourceMap(), warnings);
    }

    /**
     * Validates one task of a workflow as upstream does: as a template of its own, whose spec is the
     * task's merged spec; each violation is reported where the offending field is written.
     */
    private List<Diagnostic> taskViolations(ObjectNode root, ExpandedTask task, Locator locator) {
        // The envelope shares the root's other members: validation reads a tree, never changes it.
        ObjectNode envelope = root.objectNode();
        envelope.setAll(root);
        envelope.set("spec", task.spec().tree());
        List<Diagnostic> violations = new ArrayList<>();
        for (SchemaViolation violation : schema.validate(NullMembers.dropped(envelope))) {
            String pointer = violation.pointer();
            String at = pointer.equals("/spec") || pointer.startsWith("/spec/")
                    ? task.spec().sourceOf(pointer.substring("/spec".length())) : pointer;
            violations.add(locator.at(at, violation.keyword(), task.named(violation.message())));
        }
        return violations;
    }

    private static List<Diagnostic> located(List<SchemaViolation> violations, Locator locator) {
        List<Diagnostic> located = new ArrayList<>();
        for (SchemaViolation violation : violations) {
            located.add(locator.at(violation.pointer(), violation.keyword(), violation.message()));
        }
        return located;
    }

    private static List<Diagnostic> distinct(List<Diagnostic> diagnostics) {
        return List.copyOf(new LinkedHashSet<>(diagnostics));
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(SOURCE_ORDER);
        return copy;
    }
}
