package io.flowmesh.conformance.audit;

import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.classification.ProbeValue;
import io.flowmesh.conformance.probe.TemplateTree;
import org.apiguardian.api.API;

/**
 * The models an audit of some templates will ask a model store for: every identifier the templates
 * name ({@code model.source.identifier}, a PPO {@code reward_model.identifier}), each at every revision
 * the audit can ask for: {@code main}, every revision the templates name ({@code model.source.revision},
 * {@code model.vllm.tokenizer_revision}) and every value the classification probes a revision with.
 * Every identifier gets every revision because a probe may move any template to any of them.
 *
 * @param revisions by identifier, both sorted, so the same templates always give the same demand
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record ModelDemand(SortedMap<String, SortedSet<String>> revisions) {

    /** The ref every model has. */
    public static final String DEFAULT_REF = "main";

    private static final Pattern PLACEHOLDER = Pattern.compile(".*\\$\\{[^}]*}.*", Pattern.DOTALL);
    private static final String REVISION_POINTER = "/spec/model/source/revision";
    private static final Set<String> IDENTIFIER_PARENTS = Set.of("source", "reward_model");
    private static final Set<String> REVISION_KEYS = Set.of("revision", "tokenizer_revision");

    public ModelDemand {
        SortedMap<String, SortedSet<String>> copy = new TreeMap<>();
        revisions.forEach((identifier, refs) -> copy.put(identifier, java.util.Collections.unmodifiableSortedSet(new TreeSet<>(refs))));
        revisions = java.util.Collections.unmodifiableSortedMap(copy);
    }

    /**
     * The demand of an audit of these templates under this classification; templates the kit cannot
     * read as YAML name nothing.
     */
    public static ModelDemand of(java.util.List<Template> templates, Classification classification) {
        SortedSet<String> identifiers = new TreeSet<>();
        SortedSet<String> refs = new TreeSet<>(Set.of(DEFAULT_REF));
        for (Template template : templates) {
            if (template.readProblem().isPresent()) {
                continue;
            }
            try {
                collect(TemplateTree.read(template.yaml()), null, identifiers, refs);
            } catch (TemplateTree.TemplateReadException unreadable) {
                // The audit reports such a template as invalid; it needs no model.
            }
        }
        classification.rowFor(REVISION_POINTER).map(ClassificationRow::probes).ifPresent(probes -> {
            for (ProbeValue probe : probes) {
                if (probe.value() instanceof String revision) {
                    refs.add(revision);
                }
            }
        });
        SortedMap<String, SortedSet<String>> revisions = new TreeMap<>();
        identifiers.forEach(identifier -> revisions.put(identifier, refs));
        return new ModelDemand(revisions);
    }

    private static void collect(JsonNode node, String key, Set<String> identifiers, Set<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                JsonNode value = entry.getValue();
                if (key != null && IDENTIFIER_PARENTS.contains(key) && entry.getKey().equals("identifier") && usable(value)) {
                    identifiers.add(value.textValue().strip());
                } else if (REVISION_KEYS.contains(entry.getKey()) && usable(value)) {
                    refs.add(value.textValue().strip());
                }
                collect(value, entry.getKey(), identifiers, refs);
            }
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, key, identifiers, refs));
        }
    }

    /** A literal name: not a placeholder resolved at run time, not a local path, not empty. */
    private static boolean usable(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return false;
        }
        String text = value.textValue().strip();
        return !text.isEmpty() && !PLACEHOLDER.matcher(text).matches() && !text.startsWith("/") && !text.startsWith(".")
                && !text.contains("..");
    }
}
