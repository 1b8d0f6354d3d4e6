package io.flowmesh.reference.parse;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowmesh.conformance.spi.Diagnostic;

/** What {@link WorkflowParser} made of a template: a valid workflow, or the violations that refuse it. */
public sealed interface ParseOutcome {

    /**
     * Findings that do not refuse the template, such as legacy fields without effect.
     *
     * @return warnings in source order; empty when none
     */
    List<Diagnostic> warnings();

    /**
     * The template is valid.
     *
     * @param workflow the typed workflow
     * @param tree the template as a tree, aliases expanded (this parse's own copy)
     * @param sourceMap where each node of the tree sits in the source
     * @param warnings findings that do not refuse the template
     */
    record Parsed(Workflow workflow, JsonNode tree, SourceMap sourceMap, List<Diagnostic> warnings)
            implements ParseOutcome {

        public Parsed {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The template is refused.
     *
     * @param violations why, at least one, in source order
     * @param warnings findings that would not refuse it on their own
     */
    record Invalid(List<Diagnostic> violations, List<Diagnostic> warnings) implements ParseOutcome {

        public Invalid {
            violations = List.copyOf(violations);
            warnings = List.copyOf(warnings);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an invalid outcome needs at least one violation");
            }
        }
    }
}
