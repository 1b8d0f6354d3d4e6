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

    @ParameterizedTest
    @ValueSource(doubles = {1e7, 1e-6, 1.5e300, -2.5e-300, 0.1, -0.0, 123456.789, 1e22})
    void aFloatIsWrittenAsAYaml11Float(double value) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode().put("x", value);

        String yaml = TemplateTree.write(tree);
        JsonNode back = TemplateTree.read(yaml);

        assertThat(back.path("x").isFloatingPointNumber()).as("%s written as%n%s", value, yaml).isTrue();
        assertThat(back.path("x").doubleValue()).isEqualTo(value);
        // PyYAML, which upstream reads templates with, takes a float only with a dot and a signed exponent.
        assertThat(yaml).containsPattern("\"x\": -?[0-9]+\\.[0-9]+(E[-+][0-9]+)?\n");
    }

    @Test
    void yaml11FloatAddsTheDotAndTheExponentSign() {
        assertThat(TemplateTree.yaml11Float("1.0E7")).isEqualTo("1.0E+7");
        assertThat(TemplateTree.yaml11Float("1.0E-6")).isEqualTo("1.0E-6");
        assertThat(TemplateTree.yaml11Float("1E+7")).isEqualTo("1.0E+7");
        assertThat(TemplateTree.yaml11Float("15")).isEqualTo("15.0");
        assertThat(TemplateTree.yaml11Float("0.25")).isEqualTo("0.25");
    }

    @ParameterizedTest
    @ValueSource(strings = {"line\u2028break", "next\u0085line", "para\u2029graph", "bell\u0007", "del\u007F",
        "c1\u0090", "bom\uFEFF", "tab\tand\nnewline", "quote \" and \\ backslash", "emoji \uD83D\uDE00",
        "ünïcödé", "#not a comment", "- not a list", "{not: a map}", "a: b", "*alias", "&anchor", "!tag", "%directive"})
    void aStringWithCharactersYamlTreatsSpeciallyReadsBackUnchanged(String text) {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("spec").put(text, text);

        String yaml = TemplateTree.write(tree);

        assertThat(TemplateTree.read(yaml)).as("written as%n%s", yaml).isEqualTo(tree);
    }

    @Test
    void aKeyPastYamlsImplicitKeyLimitIsStillWrittenReadably() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("spec").put("k".repeat(2000), 1);

        assertThat(TemplateTree.read(TemplateTree.write(tree))).isEqualTo(tree);
    }

    @Test
    void aShorterKeyThatEscapingWouldLengthenPastTheLimitReadsBackToo() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.putObject("spec").put("\u2028".repeat(200), 1);

        assertThat(TemplateTree.read(TemplateTree.write(tree))).isEqualTo(tree);
    }

    @Test
    void everyFieldAndItemHasALineOfItsOwn() {
        JsonNode tree = TemplateTree.read("spec:\n  a: 1\n  b: [x, y]\n");

        assertThat(TemplateTree.write(tree)).isEqualTo("""
                {
                  "spec": {
                    "a": 1,
                    "b": [
                      "x",
                      "y"
                    ]
                  }
                }
                """);
    }
}
