package io.flowmesh.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowmesh.conformance.probe.TemplateTree;
import org.junit.jupiter.api.Test;

class BenchCorpusTest {

    @Test
    void aCopyIsItsSeedsTextWithTheNameChangedOnItsLine() {
        String seed = """
                # a comment the copy keeps
                kind: InferenceTask
                metadata:
                  name: "echo"   # and this one goes with the old value
                  owner: alice
                spec:
                  taskType: echo
                """;

        String copy = BenchCommand.renamed(seed, "-g7");

        assertThat(copy).isEqualTo("""
                # a comment the copy keeps
                kind: InferenceTask
                metadata:
                  name: "echo-g7"
                  owner: alice
                spec:
                  taskType: echo
                """);
    }

    @Test
    void aNameTheLineEditCannotChangeAloneIsWrittenWithTheWholeTree() {
        String seed = "kind: InferenceTask\nmetadata: {name: echo, owner: alice}\nspec: {taskType: echo}\n";

        String copy = BenchCommand.renamed(seed, "-g7");

        assertThat(TemplateTree.read(copy).at("/metadata/name").asText()).isEqualTo("echo-g7");
        assertThat(TemplateTree.read(copy).at("/metadata/owner").asText()).as("the rest of the tree").isEqualTo("alice");
    }
}
