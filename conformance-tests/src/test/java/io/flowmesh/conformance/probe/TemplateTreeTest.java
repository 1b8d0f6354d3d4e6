package io.flowmesh.conformance.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TemplateTreeTest {

    @Test
    void readsAMapping() {
        JsonNode tree = TemplateTree.read("kind: PPOTask\nspec:\n  replicas: 2\n  stop: [a]\n");

        assertThat(tree.path("kind").textValue()).isEqualTo("PPOTask");
        assertThat(tree.at("/spec/replicas").isIntegralNumber()).isTrue();
        assertThat(tree.at("/spec/stop/0").textValue()).isEqualTo("a");
    }

    @ParameterizedTest
    @ValueSource(strings = {"- a\n- b\n", "just text\n", "42\n", "", "# only a comment\n"})
    void refusesADocumentThatIsNotAMapping(String yaml) {
        assertThatThrownBy(() -> TemplateTree.read(yaml))
                .as("a template must be a mapping: %s", yaml)
                .isInstanceOf(TemplateTree.TemplateReadException.class)
                .hasMessageContaining("mapping");
    }

    @Test
    void refusesBrokenYaml() {
        assertThatThrownBy(() -> TemplateTree.read("spec: [unclosed\n"))
                .isInstanceOf(TemplateTree.TemplateReadException.class);
    }

    @Test
    void anAliasBombIsRefused() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append('l').append(level).append(": &l").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
            }
            yaml.append("]\n");
        }

        assertThatThrownBy(() -> TemplateTree.read(yaml.toString()))
                .isInstanceOf(TemplateTree.TemplateReadException.class)
                .hasMessageContaining("alias *l0 at line 2");
    }

    @Test
    void anAliasIsRefusedRatherThanReadAsItsAnchorName() {
        assertThatThrownBy(() -> TemplateTree.read("base: &x {n: 5}\nother: *x\n"))
                .isInstanceOf(TemplateTree.TemplateReadException.class)
                .hasMessageContaining("the template uses the YAML alias *x at line 2");
    }

    @Test
    void refusesDuplicateKeys() {
        assertThatThrownBy(() -> TemplateTree.read("spec:\n  replicas: 1\n  replicas: 2\n"))
                .as("a duplicate key silently hides one of its values")
                .isInstanceOf(TemplateTree.TemplateReadException.class)
                .hasMessageContaining("replicas");
    }

    @Test
    void refusesExcessiveNesting() {
        String deep = "a: " + "[".repeat(200) + "]".repeat(200) + "\n";

        assertThatThrownBy(() -> TemplateTree.read(deep)).isInstanceOf(TemplateTree.TemplateReadException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"16", "0.5", "1e3", "true", "no", "null", "~", "0x1F", "64Gi", "", " padded "})
    void aStringThatLooksLikeAnotherTypeStaysAString(String text) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("spec").put("value", text);

        JsonNode back = TemplateTree.read(TemplateTree.write(tree));

        assertThat(back.at("/spec/value").isTextual()).as("'%s' must read back as a string from:%n%s", text,
                TemplateTree.write(tree)).isTrue();
        assertThat(back.at("/spec/value").textValue()).isEqualTo(text);
    }

    @Test
    void writeThenReadKeepsTypesAndOrder() {
        JsonNode tree = TemplateTree.read("b: 16\na: 0.5\nc: [x, 2, false]\nd: {z: null}\n");

        JsonNode back = TemplateTree.read(TemplateTree.write(tree));

        assertThat(back).as("written and read back").isEqualTo(tree);
        assertThat(back.fieldNames()).toIterable().containsExactly("b", "a", "c", "d");
        assertThat(back.path("b").isIntegralNumber()).as("a number stays a number").isTrue();
    }
}
