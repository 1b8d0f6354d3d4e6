package io.flowmesh.conformance.probe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apiguardian.api.API;

/** One change to one field of a template. */
@API(status = API.Status.INTERNAL, since = "0.1")
public sealed interface Probe permits Probe.Remove, Probe.Perturb, Probe.Invalid, Probe.Inject {

    /** What a probe does to its field. */
    enum Kind {
        /** Deletes the field. */
        REMOVE,
        /** Sets another valid value. */
        PERTURB,
        /** Sets a value the classification says must be refused. */
        INVALID,
        /** Adds a removed field the template lacks. */
        INJECT;

        /** The lower-case word used in check IDs and reports. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The JSON pointer of the field the probe changes. */
    String pointer();

    /** What the probe does. */
    Kind kind();

    /**
     * The last part of the probe's stable check ID: the kind's word, and for an invalid value the
     * value too, since one field gets one such probe per invalid value ({@code invalid:"300"}).
     */
    default String idSuffix() {
        return kind().word();
    }

    /** A short description for display names and reports, e.g. {@code perturb: 0.7 -> 2.4}. */
    String describe();

    /** A deep copy of the template tree with this probe's change applied. */
    JsonNode applyTo(JsonNode template);

    /**
     * Deletes the field.
     *
     * @param pointer the field
     */
    record Remove(String pointer) implements Probe {
        @Override
        public Kind kind() {
            return Kind.REMOVE;
        }

        @Override
        public String describe() {
            return "remove";
        }

        @Override
        public JsonNode applyTo(JsonNode template) {
            JsonNode copy = template.deepCopy();
            JsonNode parent = navigate(copy, Pointers.parent(pointer));
            String last = Pointers.last(pointer);
            if (parent instanceof ObjectNode object) {
                object.remove(last);
            } else if (parent instanceof ArrayNode array) {
                array.remove(Integer.parseInt(last));
            }
            return copy;
        }
    }

    /**
     * Replaces the field's value with another valid-looking value.
     *
     * @param pointer the field
     * @param before the value in the template
     * @param after the value the probe sets
     * @param alternative 0 for the field's perturb probe; 1, 2, ... for the further values of a row whose
     *     effect may show for any of its values ({@code anyProbe}), each with an ID of its own
     */
    record Perturb(String pointer, JsonNode before, JsonNode after, int alternative) implements Probe {

        /** The field's perturb probe. */
        public Perturb(String pointer, JsonNode before, JsonNode after) {
            this(pointer, before, after, 0);
        }

        @Override
        public Kind kind() {
            return Kind.PERTURB;
        }

        @Override
        public String idSuffix() {
            // The first keeps the plain suffix, so that IDs stay what they were for every other row.
            return alternative == 0 ? kind().word() : kind().word() + ":" + after;
        }

        @Override
        public String describe() {
            return "perturb: " + Values.brief(before) + " -> " + Values.brief(after);
        }

        @Override
        public JsonNode applyTo(JsonNode template) {
            JsonNode copy = template.deepCopy();
            set(copy, pointer, after);
            return copy;
        }
    }

    /**
     * Replaces the field's value with one that must be refused.
     *
     * @param pointer the field
     * @param before the value in the template
     * @param after the invalid value the probe sets
     */
    record Invalid(String pointer, JsonNode before, JsonNode after) implements Probe {
        @Override
        public Kind kind() {
            return Kind.INVALID;
        }

        @Override
        public String idSuffix() {
            return "invalid:" + after;
        }

        @Override
        public String describe() {
            return "invalid: " + Values.brief(before) + " -> " + Values.brief(after);
        }

        @Override
        public JsonNode applyTo(JsonNode template) {
            JsonNode copy = template.deepCopy();
            set(copy, pointer, after);
            return copy;
        }
    }

    /**
     * Adds a field the template lacks, creating missing parent mappings.
     *
     * @param pointer where the field goes
     * @param value its value
     */
    record Inject(String pointer, JsonNode value) implements Probe {
        @Override
        public Kind kind() {
            return Kind.INJECT;
        }

        @Override
        public String describe() {
            return "inject: " + Values.brief(value);
        }

        @Override
        public JsonNode applyTo(JsonNode template) {
            JsonNode copy = template.deepCopy();
            set(copy, pointer, value);
            return copy;
        }
    }

    private static JsonNode navigate(JsonNode root, String pointer) {
        JsonNode node = root;
        for (String segment : Pointers.segments(pointer)) {
            node = node.isArray() ? node.get(Integer.parseInt(segment)) : node.get(segment);
            if (node == null) {
                throw new IllegalArgumentException("no field at " + pointer);
            }
        }
        return node;
    }

    private static void set(JsonNode root, String pointer, JsonNode value) {
        List<String> segments = Pointers.segments(pointer);
        JsonNode node = root;
        for (String segment : segments.subList(0, segments.size() - 1)) {
            JsonNode next = node.isArray() ? node.get(Integer.parseInt(segment)) : node.get(segment);
            if (next == null && node instanceof ObjectNode object) {
                next = object.putObject(segment);
            }
            if (next == null) {
                throw new IllegalArgumentException("no container for " + pointer);
            }
            node = next;
        }
        String last = segments.get(segments.size() - 1);
        if (node instanceof ObjectNode object) {
            object.set(last, value.deepCopy());
        } else if (node instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value.deepCopy());
        } else {
            throw new IllegalArgumentException("not a container above " + pointer);
        }
    }
}
