package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.fixtureOptions;
import static io.flowmesh.reference.execute.TemplateRuns.repositoryRoot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.reference.ReferenceImplementation;

/**
 * {@code validate} refuses every value a run would refuse: on every bundled template, each scalar
 * field of each task spec is replaced by a word where a number belongs, and by a negative number,
 * and whenever the run refuses the template at that field, parsing must report the same diagnostic:
 * as a violation, or as a run refusal found ahead. Only refusals that depend on the machine or on other files, not on the value
 * written, are left to the run: they are listed here, each with its reason.
 */
class ValidationAgreesWithRunningTest {

    /** Refusals a template's text cannot decide, by code. */
    private static final Map<String, String> RUN_TIME_ONLY = Map.of(
            "execute.model-resolution", "whether a revision resolves depends on the model store",
            "execute.adapter", "whether an adapter path or URL holds an adapter depends on the files",
            "execute.checkpoint", "whether a checkpoint exists depends on the files",
            "execute.placeholder", "a placeholder resolves against the results of earlier stages");

    private static final List<JsonNode> BAD_VALUES = List.of(TextNode.valueOf("not-a-value"), DoubleNode.valueOf(-7.5));

    static Stream<Path> bundledTemplates() throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("templates"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledTemplates")
    void everyValueARunRefusesIsRefusedByValidation(Path file) throws IOException {
        JsonNode plain = TemplateTree.read(Files.readString(file));
        ReferenceImplementation reference = new ReferenceImplementation();
        List<String> disagreements = new ArrayList<>();
        for (String pointer : scalarFields(plain)) {
            for (JsonNode bad : BAD_VALUES) {
                String yaml = replaced(plain, pointer, bad);
                RunResult run = reference.run(yaml, fixtureOptions());
                if (!(run instanceof RunResult.Rejected rejected)) {
                    continue;
                }
                for (Diagnostic refusal : rejected.violations()) {
                    if (!refusal.pointer().equals(pointer) || RUN_TIME_ONLY.containsKey(refusal.code())) {
                        continue;
                    }
                    ParseResult parsed = reference.parse(yaml, "template");
                    if (!parsed.violations().contains(refusal) && !parsed.runRefusals().contains(refusal)) {
                        disagreements.add(pointer + " = " + bad + ": the run refuses with " + refusal.format()
                                + " but validation gives " + parsed.violations() + " and run refusals " + parsed.runRefusals());
                    }
                }
            }
        }

        assertThat(disagreements).as("values of %s a run refuses and validation accepts", file.getFileName()).isEmpty();
    }

    /** The pointers of the scalar fields under {@code /spec}, other than the task type that routes a task. */
    private static List<String> scalarFields(JsonNode tree) {
        List<String> pointers = new ArrayList<>();
        collect(tree.path("spec"), "/spec", pointers);
        return pointers;
    }

    private static void collect(JsonNode node, String pointer, List<String> pointers) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!Set.of("taskType", "stages", "graph").contains(field.getKey()) || !pointer.endsWith("spec")) {
                    collect(field.getValue(), pointer + "/" + field.getKey().replace("~", "~0").replace("/", "~1"), pointers);
                } else if (!field.getKey().equals("taskType")) {
                    collect(field.getValue(), pointer + "/" + field.getKey(), pointers);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), pointer + "/" + i, pointers);
            }
        } else if (!node.isNull()) {
            pointers.add(pointer);
        }
    }

    private static String replaced(JsonNode plain, String pointer, JsonNode value) {
        JsonNode tree = plain.deepCopy();
        JsonPointer field = JsonPointer.compile(pointer);
        JsonNode parent = tree.at(field.head());
        if (parent instanceof ObjectNode object) {
            object.set(field.last().getMatchingProperty(), value);
        } else {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(field.last().getMatchingIndex(), value);
        }
        return TemplateTree.write(tree);
    }
}
