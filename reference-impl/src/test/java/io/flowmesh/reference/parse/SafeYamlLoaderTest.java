package io.flowmesh.reference.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.flowmesh.conformance.spi.Diagnostic;

class SafeYamlLoaderTest {

    private final SafeYamlLoader loader = new SafeYamlLoader();

    private Diagnostic refusal(String yaml) {
        YamlLoad load = loader.load(yaml, "t.yaml");
        assertThat(load).as("load of a hostile document").isInstanceOf(YamlLoad.Refused.class);
        Diagnostic violation = ((YamlLoad.Refused) load).violation();
        assertThat(violation.source()).isEqualTo("t.yaml");
        return violation;
    }

    private YamlLoad.Loaded loaded(String yaml) {
        YamlLoad load = loader.load(yaml, "t.yaml");
        assertThat(load).as("load: %s", load).isInstanceOf(YamlLoad.Loaded.class);
        return (YamlLoad.Loaded) load;
    }

    @Test
    void refusesBillionLaughsWithinTheAliasBudget() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            String previous = "*a" + (level - 1);
            yaml.append('a').append(level).append(": &a").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, previous))).append("]\n");
        }

        Diagnostic violation = refusal(yaml.toString());

        assertThat(violation.code()).isEqualTo("yaml.alias-budget");
        assertThat(violation.line()).as("line of the alias that broke the budget").isBetween(4, 10);
        assertThat(violation.column()).isPositive();
    }

    @Test
    void refusesTenThousandLevelsOfNesting() {
        String yaml = "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

        Diagnostic violation = refusal(yaml);

        assertThat(violation.code()).isEqualTo("yaml.depth");
        assertThat(violation.line()).isEqualTo(1);
        assertThat(violation.column()).as("column of the 64th nested sequence").isEqualTo(4 + 63);
    }

    @Test
    void refusesBlockNestingDeeperThanTheLimit() {
        StringBuilder yaml = new StringBuilder();
        for (int depth = 0; depth < 70; depth++) {
            yaml.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
        }
        yaml.append("  ".repeat(70)).append("leaf\n");

        assertThat(refusal(yaml.toString()).code()).isEqualTo("yaml.depth");
    }

    @Test
    void refusesAliasesThatWouldExceedTheDepthLimit() {
        String nested = "[".repeat(40) + "]".repeat(40);
        String yaml = "a: &a " + nested + "\nb: &b " + "[".repeat(30) + "*a" + "]".repeat(30) + "\n";

        Diagnostic violation = refusal(yaml);

        assertThat(violation.code()).isEqualTo("yaml.depth");
        assertThat(violation.line()).isEqualTo(2);
    }

    @Test
    void refusesAScalarOverTheLimit() {
        String yaml = "spec:\n  task: " + "x".repeat(100 * 1024) + "\n";

        Diagnostic violation = refusal(yaml);

        assertThat(violation.code()).isEqualTo("yaml.scalar-size");
        assertThat(violation.pointer()).isEqualTo("/spec/task");
        assertThat(violation.line()).isEqualTo(2);
    }

    @Test
    void refusesADocumentOverTheLimit() {
        String yaml = "items:\n" + "  - abcdefghijklmnopqrstuvwxyz0123456789\n".repeat(2 * 1024 * 1024 / 40);

        Diagnostic violation = refusal(yaml);

        assertThat(violation.code()).isEqualTo("yaml.size");
        assertThat(violation.line()).isEqualTo(1);
    }

    @Test
    void aScalarIsMeasuredInUtf8BytesToTheByte() {
        // 21,845 euro signs are 65,535 bytes, one under the limit; 21,846 are 65,538, over it.
        String within = "\u20ac".repeat(SafeYamlLoader.MAX_SCALAR_BYTES / 3);

        assertThat(loaded("a: \"" + within + "\"\n").tree().get("a").textValue()).as("a scalar of 65,535 bytes")
                .isEqualTo(within);
        assertThat(refusal("a: \"" + within + "\u20ac\"\n").code()).as("a scalar of 65,538 bytes")
                .isEqualTo("yaml.scalar-size");
    }

    @Test
    void aDocumentOverTheLimitInBytesButNotInCharsIsRefused() {
        // 400,000 euro signs are 1,200,000 bytes of UTF-8.
        String yaml = "a: \"" + "\u20ac".repeat(400_000) + "\"\n";

        assertThat(yaml.length()).as("chars").isLessThan(SafeYamlLoader.MAX_DOCUMENT_BYTES);
        assertThat(refusal(yaml).code()).isEqualTo("yaml.size");
    }

    @Test
    void refusesALanguageSpecificTag() {
        Diagnostic violation = refusal("a: 1\nb: !!python/object:os.system echo\n");

        assertThat(violation.code()).isEqualTo("yaml.tag");
        assertThat(violation.pointer()).isEqualTo("/b");
        assertThat(violation.message()).contains("!!python/object:os.system");
        assertThat(violation.line()).isEqualTo(2);
    }

    @Test
    void refusesALocalTag() {
        Diagnostic violation = refusal("a:\n  b: !foo bar\n");

        assertThat(violation.code()).isEqualTo("yaml.tag");
        assertThat(violation.message()).contains("'!foo'");
        assertThat(violation.line()).isEqualTo(2);
    }

    @Test
    void acceptsCoreSchemaTags() {
        JsonNode tree = loaded("a: !!str 12\nb: !!int \"7\"\nc: !!float 1.5\nd: !!bool true\ne: !!null ''\n"
                + "f: !!map {x: 1}\ng: !!seq [1]\n").tree();

        assertThat(tree.get("a").isTextual()).as("!!str keeps 12 a string").isTrue();
        assertThat(tree.get("b").longValue()).isEqualTo(7L);
        assertThat(tree.get("c").doubleValue()).isEqualTo(1.5);
        assertThat(tree.get("d").booleanValue()).isTrue();
        assertThat(tree.get("e").isNull()).isTrue();
    }

    @Test
    void refusesASecondDocument() {
        Diagnostic violation = refusal("a: 1\n---\nb: 2\n");

        assertThat(violation.code()).isEqualTo("yaml.multi-document");
        assertThat(violation.line()).isEqualTo(3);
    }

    @Test
    void keepsTheLastOfDuplicateKeysAndWarnsAtTheSecondOccurrence() {
        YamlLoad.Loaded loaded = loaded("spec:\n  taskType: echo\n  taskType: api\n");

        assertThat(loaded.tree().path("spec").path("taskType").asText()).isEqualTo("api");
        assertThat(loaded.warnings()).singleElement().satisfies(warning -> {
            assertThat(warning.code()).isEqualTo("yaml.duplicate-key.no-effect");
            assertThat(warning.pointer()).isEqualTo("/spec/taskType");
            assertThat(warning.line()).isEqualTo(3);
            assertThat(warning.column()).isEqualTo(3);
            assertThat(warning.message()).contains("'taskType'").contains("line 2").contains("line 3");
        });
    }

    @Test
    void locatesWhatTheLastValueOfADuplicateKeyHolds() {
        YamlLoad.Loaded loaded = loaded("spec:\n  data:\n    a: 1\n  data:\n    b: 2\n");

        assertThat(loaded.sourceMap().find("/spec/data/a")).as("the shadowed value's fields").isEmpty();
        assertThat(loaded.sourceMap().locate("/spec/data/b")).isEqualTo(new SourceMap.Location(5, 5));
    }

    @Test
    void refusesEmptyDocumentsAndNonMappingRoots() {
        assertThat(refusal("").code()).isEqualTo("yaml.empty");
        assertThat(refusal("# only a comment\n").code()).isEqualTo("yaml.empty");
        assertThat(refusal("---\n").code()).isEqualTo("yaml.empty");
        assertThat(refusal("- a\n- b\n").code()).isEqualTo("yaml.root");
        assertThat(refusal("just text\n").code()).isEqualTo("yaml.root");
    }

    @Test
    void reportsSyntaxErrorsWithTheirLocation() {
        Diagnostic violation = refusal("a: 1\nb: [1, 2\nc: 3\n");

        assertThat(violation.code()).isEqualTo("yaml.syntax");
        assertThat(violation.line()).as("line of the problem").isPositive();
        assertThat(violation.message()).startsWith("YAML syntax error: ");

        Diagnostic badIndent = refusal("a:\n  b: 1\n c: 2\n");
        assertThat(badIndent.code()).isEqualTo("yaml.syntax");
        assertThat(badIndent.line()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a tab indents|a:\\n\\tb: 1\\n|2|1|a tab indents this line; YAML indents with spaces only",
            "an unclosed quote|a: 'open\\nb: 2\\n|3|1|the quote opened at line 1, column 4 has no closing quote",
            "a key indented too deep|a: 1\\n  b: 2\\n|2|4|most often this line is indented deeper than the key above it",
            "a line without its colon|a: 1\\nb\\nc: 2\\n|3|1|a line has no ':' after its key",
            "a key indented less than its siblings|a:\\n  b: 1\\n c: 2\\n|3|2|matches no key of the mapping that starts"
                    + " at line 1, column 1"})
    void explainsCommonSyntaxErrorsInWordsAndKeepsTheParsersOwn(String mistake, String yaml, int line, int column,
            String words) {
        Diagnostic violation = refusal(yaml.replace("\\n", "\n").replace("\\t", "\t"));

        assertThat(violation.code()).isEqualTo("yaml.syntax");
        assertThat(violation.line()).as("line").isEqualTo(line);
        assertThat(violation.column()).as("column").isEqualTo(column);
        assertThat(violation.message()).startsWith("YAML syntax error: ").contains(words)
                .contains("(the YAML parser says: ");
    }

    @Test
    void refusesUnknownAliases() {
        Diagnostic violation = refusal("a: *nowhere\n");

        assertThat(violation.code()).isEqualTo("yaml.alias");
        assertThat(violation.pointer()).isEqualTo("/a");
        assertThat(violation.line()).isEqualTo(1);
    }

    @Test
    void expandsAliasesIntoIndependentCopies() {
        YamlLoad.Loaded loaded = loaded("base: &base {cpu: \"2\", memory: 4Gi}\nother: *base\n");

        assertThat(loaded.tree().get("other")).isEqualTo(loaded.tree().get("base"));
        assertThat(loaded.tree().get("other")).isNotSameAs(loaded.tree().get("base"));
        assertThat(loaded.sourceMap().locate("/other/cpu")).as("copied nodes are located at the alias")
                .isEqualTo(new SourceMap.Location(2, 1));
    }

    @Test
    void typesScalarsAsTheCoreSchemaDoes() {
        JsonNode tree = loaded("i: 42\nbig: 123456789012345678901234567890\nf: 0.5\nt: true\nn: ~\ns: '42'\ny: yes\n").tree();

        assertThat(tree.get("i").isLong()).as("ints are LongNodes").isTrue();
        assertThat(tree.get("big").isBigInteger()).isTrue();
        assertThat(tree.get("f").isDouble()).isTrue();
        assertThat(tree.get("t").isBoolean()).isTrue();
        assertThat(tree.get("n").isNull()).isTrue();
        assertThat(tree.get("s").isTextual()).isTrue();
        assertThat(tree.get("y").booleanValue()).as("yes is YAML 1.1's boolean, as in PyYAML's safe_load").isTrue();
    }

    @Test
    void recordsKeyAndItemLocations() {
        SourceMap map = loaded("""
                a: 1
                list:
                  - x
                  - name: y
                    v: 2
                """).sourceMap();

        assertThat(map.find("/a")).contains(new SourceMap.Location(1, 1));
        assertThat(map.find("/list")).contains(new SourceMap.Location(2, 1));
        assertThat(map.find("/list/0")).contains(new SourceMap.Location(3, 5));
        assertThat(map.find("/list/1")).contains(new SourceMap.Location(4, 5));
        assertThat(map.find("/list/1/v")).contains(new SourceMap.Location(5, 5));
        assertThat(map.find("/list/1/missing")).isEmpty();
        assertThat(map.locate("/list/1/missing/deeper")).isEqualTo(new SourceMap.Location(4, 5));
        assertThat(map.locate("")).isEqualTo(new SourceMap.Location(1, 1));
    }

    @Test
    void escapesPointerTokens() {
        SourceMap map = loaded("\"a/b\": 1\n\"c~d\": 2\n").sourceMap();

        assertThat(map.find("/a~1b")).contains(new SourceMap.Location(1, 1));
        assertThat(map.find("/c~0d")).contains(new SourceMap.Location(2, 1));
    }
}
