package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowmesh.conformance.probe.TemplateTree;

/**
 * The JSON shortcut of {@link SafeYamlLoader} is the YAML reading, only cheaper: every text it reads loads
 * exactly as the YAML reader loads it (tree, number types, source map, warnings), and every text where the
 * two could differ goes to the YAML reader.
 */
class JsonAsYamlTest {

    private final SafeYamlLoader loader = new SafeYamlLoader();

    static Stream<Path> templates() {
        return TemplatesGuardrailTest.templates().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templates")
    void aTemplateWrittenAsJsonIsReadByTheShortcutAsTheYamlReaderReadsIt(Path template) throws IOException {
        YamlLoad original = loader.load(Files.readString(template), template.getFileName().toString());
        assertThat(original).as("the template itself").isInstanceOf(YamlLoad.Loaded.class);
        JsonNode tree = ((YamlLoad.Loaded) original).tree();

        // What the kit hands an implementation for a probe, and the same on one line (its raw line breaks and
        // indents are all between tokens: a string holds its line breaks escaped).
        String probe = TemplateTree.write(tree);
        for (String json : new String[] {probe, probe.replaceAll("\n *", "")}) {
            YamlLoad asYaml = loader.readYaml(json, "probe");
            assertThat(asYaml).as("the YAML reading of %s as JSON", template.getFileName())
                    .isInstanceOf(YamlLoad.Loaded.class);
            assertThat(loader.readJson(json, "probe"))
                    .as("the shortcut's reading of %s as JSON (one field a line: %s)", template.getFileName(),
                            json.contains("\n"))
                    .contains((YamlLoad.Loaded) asYaml);
            assertThat(loader.load(json, "probe")).isEqualTo(asYaml);
        }
    }

    static Stream<Arguments> readByTheShortcut() {
        return Stream.of(
                Arguments.of("a key written twice: the last wins, with the same warning",
                        "{\"a\": 1, \"b\": [2], \"a\": {\"c\": 3}}"),
                Arguments.of("integers of every size", "{\"i\": 7, \"l\": 9223372036854775807, \"big\": 9223372036854775808,"
                        + " \"neg\": -12, \"zero\": -0}"),
                Arguments.of("floats in YAML 1.1's form", "{\"f\": 0.5, \"e\": 1.0E+7, \"small\": 5.0E-7, \"neg\": -0.0,"
                        + " \"huge\": 1.0E+400}"),
                Arguments.of("escapes", "{\"s\": \"caf\\u00e9 \\\" \\\\ \\n \\t \\r \\u0085 \\u2028 \\u0000 \\ud83d\\ude00\"}"),
                Arguments.of("raw characters YAML prints", "{\"s\": \"café ☕ \u00a0 ~\"}"),
                Arguments.of("nesting, nulls, booleans, empties",
                        "{\"a\": [1, [2, {\"b\": null}], true, false, null, \"\"], \"\": {\"x\": {}}, \"e\": []}"),
                Arguments.of("keys a pointer escapes", "{\"a/b~c\": {\"~\": 1}}"),
                Arguments.of("no spaces at all, negative numbers in a sequence",
                        "{\"a\":[-1,-2.5,{\"b\":[]}],\"c\":{},\"d\":true}"),
                Arguments.of("one field a line, a space before the colon",
                        "{\n  \"a\" : 1,\n  \"b\" : [\n    1,\n    \"x\"\n  ]\n}\n"),
                Arguments.of("a key of 900 characters", "{\"" + "k".repeat(900) + "\": 1}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void readByTheShortcut(String what, String json) {
        YamlLoad asYaml = loader.readYaml(json, "t.yaml");

        assertThat(asYaml).as("the YAML reading of %s", json).isInstanceOf(YamlLoad.Loaded.class);
        assertThat(loader.readJson(json, "t.yaml")).as("the shortcut's reading of %s", json)
                .contains((YamlLoad.Loaded) asYaml);
    }

    static Stream<Arguments> leftToTheYamlReader() {
        return Stream.of(
                Arguments.of("a float without a dot", "{\"a\": 1e5}"),
                Arguments.of("an exponent without a sign", "{\"a\": 1.0e5}"),
                Arguments.of("a float without a dot, signed exponent", "{\"a\": 1E+5}"),
                Arguments.of("a key on another line than its colon", "{\"a\"\n: 1}"),
                Arguments.of("a key longer than YAML's implicit keys", "{\"" + "k".repeat(1100) + "\": 1}"),
                Arguments.of("a tab", "{\"a\":\t1}"),
                Arguments.of("a carriage return", "{\"a\": 1,\r\n\"b\": 2}"),
                Arguments.of("the escape \\/", "{\"a\": \"x\\/y\"}"),
                Arguments.of("a supplementary character", "{\"a\": \"\ud83d\ude00\", \"b\": 1}"),
                Arguments.of("a raw U+2028", "{\"a\": \"x\u2028y\"}"),
                Arguments.of("a raw U+0085", "{\"a\": \"x\u0085y\"}"),
                Arguments.of("a raw DEL", "{\"a\": \"x\u007fy\"}"),
                Arguments.of("a byte order mark", "\ufeff{\"a\": 1}"),
                Arguments.of("a root that is not a mapping", "[1, 2]"),
                Arguments.of("text after the document", "{\"a\": 1} x"),
                Arguments.of("two documents", "{\"a\": 1}{\"b\": 2}"),
                Arguments.of("nesting past the limit", "{\"a\": " + "[".repeat(70) + "]".repeat(70) + "}"),
                Arguments.of("YAML that is not JSON", "{a: 1, b: [x, y]}"),
                Arguments.of("a JSON syntax error", "{\"a\": 1,}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void leftToTheYamlReader(String what, String text) {
        assertThat(loader.readJson(text, "t.yaml")).as("the shortcut's reading of %s", text).isEmpty();
        assertThat(loader.load(text, "t.yaml")).isEqualTo(loader.readYaml(text, "t.yaml"));
    }
}
