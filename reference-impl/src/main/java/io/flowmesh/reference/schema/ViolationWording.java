package io.flowmesh.reference.schema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Words one validator error as a {@link SchemaViolation}: stable code, the pointer a person should
 * look at, and a message that names the field and what is allowed there.
 */
final class ViolationWording {

    private final JsonNode schemaTree;

    ViolationWording(JsonNode schemaTree) {
        this.schemaTree = schemaTree;
    }

    SchemaViolation violation(Error error) {
        String keyword = error.getKeyword() == null ? "invalid" : error.getKeyword();
        String pointer = Pointers.of(error.getInstanceLocation());
        JsonNode rule = schemaAt(error.getSchemaLocation().getFragment());
        JsonNode value = error.getInstanceNode();
        switch (keyword) {
            case "additionalProperties": {
                String key = error.getProperty();
                JsonNode owner = schemaAt(parent(error.getSchemaLocation().getFragment()));
                List<String> allowed = new ArrayList<>();
                owner.path("properties").fieldNames().forEachRemaining(allowed::add);
                return new SchemaViolation(Pointers.child(pointer, key), "schema.unknown-key",
                        "unknown key '" + key + "'" + didYouMean(key, allowed) + " (allowed: " + String.join(", ", allowed) + ")");
            }
            case "required":
                return new SchemaViolation(pointer, "schema.required",
                        "missing required property '" + error.getProperty() + "'");
            case "type": {
                Object[] arguments = error.getArguments();
                String message = arguments != null && arguments.length >= 2
                        ? "expected " + arguments[1] + ", found " + arguments[0]
                        : error.getMessage();
                return new SchemaViolation(pointer, "schema.type", message);
            }
            case "enum": {
                List<String> members = new ArrayList<>();
                rule.forEach(member -> members.add(member.asText()));
                return new SchemaViolation(pointer, "schema.enum",
                        "must be one of " + quotedAlternatives(members) + ", found " + shown(value));
            }
            case "const":
                return new SchemaViolation(pointer, "schema.const",
                        "must be '" + rule.asText() + "', found " + shown(value));
            case "pattern":
                return new SchemaViolation(pointer, "schema.pattern",
                        shown(value) + " does not match " + rule.asText() + describedBy(error));
            case "minimum":
                return new SchemaViolation(pointer, "schema.minimum",
                        "must be at least " + rule.asText() + ", found " + shown(value));
            case "maximum":
                return new SchemaViolation(pointer, "schema.maximum",
                        "must be at most " + rule.asText() + ", found " + shown(value));
            case "maxLength":
                return new SchemaViolation(pointer, "schema.maxLength",
                        "must be at most " + rule.asText() + " characters long");
            default:
                return new SchemaViolation(pointer, "schema." + keyword, error.getMessage());
        }
    }

    /** {@code 'a', 'b' or 'c'}. */
    static String quotedAlternatives(List<String> names) {
        return alternatives(names.stream().map(name -> "'" + name + "'").toList());
    }

    /** {@code a, b or c}. */
    static String alternatives(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    private String describedBy(Error error) {
        JsonNode owner = schemaAt(parent(error.getSchemaLocation().getFragment()));
        String description = owner.path("description").asText("");
        return description.isEmpty() ? "" : " (" + description + ")";
    }

    /**
     * What an alternative as a whole expects, when one of its branches says so: a branch whose
     * description starts with "expected " (the placeholder branch of a typed field) words it.
     *
     * @param fragment the schema location of an error under the alternative
     * @param at the index of the {@code anyOf}/{@code oneOf} in that location
     */
    Optional<String> expectation(NodePath fragment, int at) {
        JsonNode node = schemaTree;
        for (int i = 0; i <= at; i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        for (JsonNode branch : node) {
            String description = branch.path("description").asText("");
            if (description.startsWith("expected ")) {
                return Optional.of(description);
            }
        }
        return Optional.empty();
    }

    static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        return value.isTextual() ? "'" + value.asText() + "'" : value.toString();
    }

    private JsonNode schemaAt(NodePath fragment) {
        JsonNode node = schemaTree;
        for (int i = 0; i < fragment.getNameCount(); i++) {
            Object element = fragment.getElement(i);
            node = element instanceof Integer index ? node.path(index) : node.path(String.valueOf(element));
        }
        return node;
    }

    private static NodePath parent(NodePath fragment) {
        NodePath parent = fragment.getParent();
        return parent == null ? fragment : parent;
    }

    /** {@code ; did you mean 'resources'?} for the allowed keys within two edits of a misspelt one, nearest first. */
    private static String didYouMean(String key, List<String> allowed) {
        LevenshteinDistance distance = LevenshteinDistance.getDefaultInstance();
        List<String> near = allowed.stream().filter(name -> distance.apply(key, name) <= Math.min(2, key.length() / 3))
                .sorted(Comparator.comparingInt((String name) -> distance.apply(key, name)).thenComparing(name -> name))
                .toList();
        return near.isEmpty() ? "" : "; did you mean '" + String.join("' or '", near) + "'?";
    }
}
