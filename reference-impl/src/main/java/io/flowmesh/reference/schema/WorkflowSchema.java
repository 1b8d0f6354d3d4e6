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
 * last {@value #MAX_REMEMBERED} distinct trees are remembered.
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
        String text = tree.toString();
        List<SchemaViolation> known = validated.get(text);
        if (known != null) {
            return known;
        }
        List<SchemaViolation> violations = validateAnew(tree);
        if (validated.size() >= MAX_REMEMBERED) {
            validated.clear();
        }
        validated.put(text, violations);
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
