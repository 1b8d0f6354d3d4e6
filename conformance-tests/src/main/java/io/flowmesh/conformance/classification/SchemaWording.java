package io.flowmesh.conformance.classification;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

/**
 * Words a schema error of a kit input for people: what is wrong at the field and what is allowed
 * there, never a fragment of the schema.
 */
final class SchemaWording {

    private SchemaWording() {
    }

    static String of(Error error, JsonNode schema) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        JsonNode rule = at(schema, error.getSchemaLocation().getFragment());
        JsonNode value = error.getInstanceNode();
        String field = lastSegment(error.getInstanceLocation());
        switch (keyword) {
            case "additionalProperties": {
                List<String> allowed = new ArrayList<>();
                at(schema, parent(error.getSchemaLocation().getFragment())).path("properties").fieldNames()
                        .forEachRemaining(allowed::add);
                return "unknown key '" + error.getProperty() + "'; allowed: " + String.join(", ", allowed);
            }
            case "required":
                return "missing required key '" + error.getProperty() + "'";
            case "type": {
                Object[] arguments = error.getArguments();
                return arguments != null && arguments.length >= 2
                        ? "expected " + arguments[1] + ", found " + arguments[0] + " " + shown(value)
                        : "has the wrong type: " + shown(value);
            }
            case "enum": {
                List<String> members = new ArrayList<>();
                rule.forEach(member -> members.add(member.asText()));
                String what = field.equals("treatment") ? "unknown treatment " : "";
                return what + shown(value) + " is not allowed; allowed: " + String.join(", ", members);
            }
            case "const":
                return "must be " + rule + ", found " + shown(value);
            case "pattern":
                return field.equals("id")
                        ? shown(value) + " is not a row id: lower-case letters, digits, '.' and '-', starting with a letter or digit"
                        : shown(value) + " does not match " + rule.asText();
            case "minLength":
                return "must not be empty";
            case "minItems":
                return "needs at least " + rule.asText() + " item(s)";
            case "uniqueItems":
                return "lists a value twice; each may appear once";
            case "minimum":
                return "must be at least " + rule.asText() + ", found " + shown(value);
            default:
                return error.getMessage();
        }
    }

    private static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    private static String lastSegment(NodePath path) {
        return path == null || path.getNameCount() == 0 ? "" : String.valueOf(path.getElement(path.getNameCount() - 1));
    }

    private static JsonNode at(JsonNode schema, NodePath fragment) {
        JsonNode node = schema;
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
}
