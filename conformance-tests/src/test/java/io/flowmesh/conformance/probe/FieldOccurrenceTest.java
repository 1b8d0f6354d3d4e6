package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class FieldOccurrenceTest {

    private static final String TEMPLATE = String.join("\n",
            "apiVersion: flowmesh.io/v1",
            "metadata:",
            "  name: demo",
            "  labels:",
            "    team/owner: ml",
            "spec:",
            "  stop: [\"</s>\", \"\\n\"]",
            "  tags: []",
            "  stages:",
            "    - name: first",
            "      spec: {temperature: 0.7}",
            "    - name: second",
            "  extra: {}",
            "  nothing: null",
            "");

    private final List<FieldOccurrence> fields = FieldOccurrence.allIn(TemplateTree.read(TEMPLATE));

    @Test
    void listsEveryLeafInDocumentOrder() {
        assertThat(fields).extracting(FieldOccurrence::pointer).as("leaf pointers in document order").containsExactly(
                "/apiVersion",
                "/metadata/name",
                "/metadata/labels/team~1owner",
                "/spec/stop",
                "/spec/tags",
                "/spec/stages/0/name",
                "/spec/stages/0/spec/temperature",
                "/spec/stages/1/name",
                "/spec/extra",
                "/spec/nothing");
    }

    @Test
    void aListOfScalarsIsOneField() {
        JsonNode stop = byPointer().get("/spec/stop");

        assertThat(stop.isArray()).as("the field's value is the whole list").isTrue();
        assertThat(stop.size()).isEqualTo(2);
        assertThat(byPointer()).as("no per-element fields for a list of scalars")
                .doesNotContainKeys("/spec/stop/0", "/spec/stop/1");
    }

    @Test
    void anEmptyListAndAnEmptyMapAreLeaves() {
        assertThat(byPointer().get("/spec/tags").isArray()).as("an empty list is a leaf").isTrue();
        assertThat(byPointer().get("/spec/extra").isObject()).as("an empty mapping is a leaf").isTrue();
    }

    @Test
    void scalarValuesAreKept() {
        assertThat(byPointer().get("/spec/stages/0/spec/temperature").doubleValue()).isEqualTo(0.7);
        assertThat(byPointer().get("/spec/nothing").isNull()).as("an explicit null is a field").isTrue();
        assertThat(byPointer().get("/metadata/labels/team~1owner").textValue()).isEqualTo("ml");
    }

    @Test
    void anEmptyDocumentHasNoFields() {
        assertThat(FieldOccurrence.allIn(TemplateTree.read("{}"))).as("the root mapping itself is not a field").isEmpty();
    }

    private Map<String, JsonNode> byPointer() {
        return fields.stream().collect(Collectors.toMap(FieldOccurrence::pointer, FieldOccurrence::value, (a, b) -> a));
    }
}
