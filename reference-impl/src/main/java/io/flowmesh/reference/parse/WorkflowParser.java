package io.flowmesh.reference.parse;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.reference.schema.SchemaViolation;
import io.flowmesh.reference.schema.WorkflowSchema;

/**
 * The strict, safe parser of workflow templates: safe YAML loading, schema validation with source
 * locations, warnings for legacy fields, and binding to the typed {@link Workflow}.
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
        SourceMap sourceMap = loaded.sourceMap();
        List<Diagnostic> warnings = sorted(LegacyFields.warnings(tree, sourceMap, source));
        List<Diagnostic> violations = new ArrayList<>();
        for (SchemaViolation violation : schema.validate(tree)) {
            SourceMap.Location at = sourceMap.locate(violation.pointer());
            violations.add(new Diagnostic(source, violation.pointer(), at.line(), at.column(),
                    violation.keyword(), violation.message()));
        }
        if (!violations.isEmpty()) {
            return new ParseOutcome.Invalid(sorted(violations), warnings);
        }
        return new ParseOutcome.Parsed(WorkflowBinder.bind(tree), tree, sourceMap, warnings);
    }

    private static List<Diagnostic> sorted(List<Diagnostic> diagnostics) {
        List<Diagnostic> copy = new ArrayList<>(diagnostics);
        copy.sort(SOURCE_ORDER);
        return copy;
    }
}
