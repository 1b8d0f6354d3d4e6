package io.flowmesh.reference.execute;

import static io.flowmesh.reference.execute.TemplateRuns.fixtureOptions;
import static io.flowmesh.reference.execute.TemplateRuns.repositoryRoot;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.reference.ReferenceImplementation;

/**
 * Every warning the reference raises that says a field has no runtime effect is true, on every
 * bundled template with a key no executor reads added to each of its free-form sections: each added
 * key is warned about at its own pointer, the trace is byte-identical to the plain template's, and the
 * same holds for every other no-effect warning when its field is removed. The kit fails an
 * implementation whose no-effect warning a probe contradicts; this keeps the reference clear of it.
 */
class NoEffectWarningsAcrossTemplatesTest {

    private static final String UNREAD = "zz_unread_key";
    private static final List<String> SECTIONS = List.of("data", "inference", "training", "generation", "agent",
            "reward_model", "lora", "api", "echo", "ssh", "qdrant", "embedding", "search", "profiling", "retrieval",
            "serve");
    private static final List<String> MODEL_SECTIONS = List.of("vllm", "transformers", "diffusers", "config");

    static Stream<Path> bundledTemplates() throws IOException {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("templates"))) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundledTemplates")
    void everyNoEffectWarningHolds(Path file) throws IOException {
        String plain = Files.readString(file);
        JsonNode tree = TemplateTree.read(plain);
        List<String> injected = inject(tree);
        String yaml = TemplateTree.write(tree);

        RunResult.Completed base = completed(plain, file);
        RunResult.Completed completed = completed(yaml, file);

        assertThat(completed.warnings()).as("warnings of %s with %s keys added", file.getFileName(), UNREAD)
                .filteredOn(Diagnostic::declaresNoEffect).extracting(Diagnostic::pointer)
                .containsAll(injected);
        assertThat(TraceJson.write(completed.trace())).as("trace of %s with keys no executor reads",
                file.getFileName()).isEqualTo(TraceJson.write(base.trace()));
        List<String> contradicted = new ArrayList<>();
        for (Diagnostic warning : completed.warnings()) {
            if (!warning.declaresNoEffect() || warning.pointer().isEmpty()) {
                continue;
            }
            RunResult without = new ReferenceImplementation().run(removed(yaml, warning.pointer()), fixtureOptions());
            if (!(without instanceof RunResult.Completed other)
                    || !TraceJson.write(other.trace()).equals(TraceJson.write(completed.trace()))) {
                contradicted.add(warning.format());
            }
        }

        assertThat(contradicted).as("no-effect warnings of %s whose field, removed, changes the run",
                file.getFileName()).isEmpty();
    }

    private static RunResult.Completed completed(String yaml, Path file) {
        RunResult run = new ReferenceImplementation().run(yaml, fixtureOptions());
        assertThat(run).as("run of %s", file.getFileName()).isInstanceOf(RunResult.Completed.class);
        return (RunResult.Completed) run;
    }

    /** Adds the unread key to every free-form section of every task spec; returns their pointers. */
    private static List<String> inject(JsonNode tree) {
        List<String> pointers = new ArrayList<>();
        JsonNode spec = tree.path("spec");
        injectInto(spec, "/spec", pointers);
        for (String kind : List.of("stages", "graph/nodes")) {
            JsonNode stages = spec.at("/" + kind);
            for (int i = 0; i < stages.size(); i++) {
                injectInto(stages.get(i).path("spec"), "/spec/" + kind + "/" + i + "/spec", pointers);
            }
        }
        return pointers;
    }

    private static void injectInto(JsonNode spec, String pointer, List<String> pointers) {
        for (String section : SECTIONS) {
            if (spec.get(section) instanceof ObjectNode object) {
                object.put(UNREAD, 7);
                pointers.add(pointer + "/" + section + "/" + UNREAD);
            }
        }
        for (String section : MODEL_SECTIONS) {
            if (spec.path("model").get(section) instanceof ObjectNode object) {
                object.put(UNREAD, 7);
                pointers.add(pointer + "/model/" + section + "/" + UNREAD);
            }
        }
    }

    private static String removed(String yaml, String pointer) {
        JsonNode tree = TemplateTree.read(yaml);
        JsonPointer field = JsonPointer.compile(pointer);
        JsonNode parent = tree.at(field.head());
        assertThat(parent).as("parent of %s", pointer).isInstanceOf(ObjectNode.class);
        ((ObjectNode) parent).remove(field.last().getMatchingProperty());
        return TemplateTree.write(tree);
    }
}
