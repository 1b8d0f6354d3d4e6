package io.flowmesh.reference.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The workflow JSON Schema (draft 2020-12), loaded once from the classpath, and validation of a
 * template tree against it with readable, stable violations.
 *
 * <p>Thread-safe and meant to be shared. A validation is a function of the tree, and the results of the
 * last {@value #MAX_REMEMBERED} distinct trees, and of as many template texts, are remembered.
 */
public final class WorkflowSchema {

    /** Classpath location of the schema; editors can use the same file. */
    public static final String RESOURCE = "/io/flowmesh/reference/schema/workflow.schema.json";

    /**
     * How many validations are remembered: a probe differs from its template in one field, so the other
     * stages of a workflow, the template itself (validated, then run) and a refused probe's second parse
     * validate a tree seen before.
     */
    private static final int MAX_REMEMBERED = 2048;

    private final Schema schema;
    private final ViolationWording wording;
    private final Map<String, List<SchemaViolation>> validated = new ConcurrentHashMap<>();
    private final Map<String, List<SchemaViolation>> validatedTexts = new ConcurrentHashMap<>();

    /** Loads the schema from {@link #RESOURCE}. */
    public WorkflowSchema() {
        String text = readResource();
        JsonNode schemaTree;
        try {
            schemaTree = new ObjectMapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled workflow schema is not JSON", e);
        }
        this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(text);
        this.wording = new ViolationWording(schemaTree);
    }

    /**
     * Validates a template tree.
     *
     * @param tree the whole template, as loaded from YAML or JSON
     * @return the violations, empty when the tree is valid; one per problem, in a stable order
     */
    public List<SchemaViolation> validate(JsonNode tree) {
        // The tree's JSON text keeps key order and number types, so equal texts validate alike.
        return remembered(validated, tree.toString(), () -> tree);
    }

    /**
     * Validates the tree read from a template's text, remembered by that text rather than by the tree's:
     * reading is a function of the text, so equal texts validate alike, and a text is compared where a
     * tree would first have to be written out (a sixth of a new tree's validation, measured warm); for a
     * text seen before, the tree to validate is not even made.
     *
     * @param text the template's text, which alone decides the tree
     * @param tree the tree read from it, asked for only when the text was not validated before
     * @return the violations, as {@link #validate(JsonNode)} gives them for that tree
     */
    public List<SchemaViolation> validate(String text, Supplier<? extends JsonNode> tree) {
        return remembered(validatedTexts, text, tree);
    }

    private List<SchemaViolation> remembered(Map<String, List<SchemaViolation>> memo, String key,
                                             Supplier<? extends JsonNode> tree) {
        List<SchemaViolation> known = memo.get(key);
        if (known != null) {
            return known;
        }
        List<SchemaViolation> violations = validateAnew(tree.get());
        if (memo.size() >= MAX_REMEMBERED) {
            memo.clear();
        }
        memo.put(key, violations);
        return violations;
    }

    private List<SchemaViolation> validateAnew(JsonNode tree) {
        List<Error> errors = schema.validate(tree);
        // Errors of one anyOf/oneOf are gathered where the first of them appears, then reduced to the
        // most useful line(s); everything else keeps the validator's (schema-ordered) sequence.
        Map<String, List<Error>> buckets = new LinkedHashMap<>();
        for (int i = 0; i < errors.size(); i++) {
            Error error = errors.get(i);
            String group = AlternativeGroup.key(error);
            buckets.computeIfAbsent(group == null ? "#" + i : group, g -> new ArrayList<>()).add(error);
        }
        LinkedHashSet<SchemaViolation> violations = new LinkedHashSet<>();
        for (Map.Entry<String, List<Error>> bucket : buckets.entrySet()) {
            if (bucket.getKey().startsWith("#")) {
                violations.add(wording.violation(bucket.getValue().get(0)));
            } else {
                violations.addAll(AlternativeGroup.reduce(bucket.getValue(), wording));
            }
        }
        return List.copyOf(violations);
    }

    private static String readResource() {
        try (InputStream in = WorkflowSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("workflow schema missing from the classpath: " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workflow schema " + RESOURCE, e);
        }
    }
}
