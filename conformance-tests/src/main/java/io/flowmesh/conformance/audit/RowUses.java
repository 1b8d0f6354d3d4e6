package io.flowmesh.conformance.audit;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.probe.FieldOccurrence;
import io.flowmesh.conformance.probe.TemplateTree;

/**
 * How many times each classification row's fields occur in a folder of templates, valid or not, as
 * the RFC counted "active template uses": a field a template names counts even when the template is
 * refused, so the table shows what users write, not only what the implementation accepted. A template
 * that is not even YAML names no field.
 */
final class RowUses {

    private RowUses() {
    }

    /** Field occurrences by row ID; rows no template uses are absent. */
    static Map<String, Integer> in(List<Template> templates, Classification classification) {
        Map<String, Integer> uses = new HashMap<>();
        for (Template template : templates) {
            if (template.readProblem().isPresent()) {
                continue;
            }
            try {
                for (FieldOccurrence field : FieldOccurrence.allIn(TemplateTree.read(template.yaml()))) {
                    classification.rowFor(field.pointer()).map(ClassificationRow::id)
                            .ifPresent(row -> uses.merge(row, 1, Integer::sum));
                }
            } catch (TemplateTree.TemplateReadException notYaml) {
                // Nothing to count: the template's report says why it was refused.
            }
        }
        return uses;
    }
}
