package io.flowmesh.conformance.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationLoader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedModelStoreTest {

    private static final String PINNED = "0123456789abcdef0123456789abcdef01234567";

    private static final String PPO = """
            spec:
              taskType: ppo
              model: {source: {identifier: org/policy, revision: v2}}
              reward_model: {identifier: org/reward, type: sentiment}
            """;
    private static final String PIPELINE = """
            spec:
              model: {source: {identifier: org/base}}
              stages:
                - spec: {model: {source: {identifier: org/pinned, revision: "%s"}, vllm: {tokenizer_revision: tok-1}}}
                - spec: {model: {source: {identifier: "${earlier.output}"}}}
                - spec: {model: {source: {identifier: /models/local}}}
            """.formatted(PINNED);

    private static Classification revisionProbes(String... values) throws Exception {
        return ClassificationLoader.parse("""
                version: 1
                rows:
                  - id: model-source-revision
                    group: executor key
                    field: model.source.revision
                    patterns: ["**.model.source.revision"]
                    treatment: support
                    reason: another revision loads another commit
                    upstreamUses: 0
                    probes: [%s]
                    effect: {keys: [resolved_commit]}
                """.formatted(String.join(", ", java.util.Arrays.stream(values)
                        .map(v -> "{value: " + v + ", expect: {keys: [resolved_commit]}}").toList())),
                "revisions.yaml");
    }

    private static SortedSet<String> sorted(String... values) {
        return new TreeSet<>(List.of(values));
    }

    @Nested
    class Demand {

        @Test
        void namesEveryLiteralIdentifierAndThePpoRewardModel() throws Exception {
            ModelDemand demand = ModelDemand.of(List.of(new Template("ppo.yaml", PPO), new Template("p.yaml", PIPELINE)),
                    revisionProbes());

            assertThat(demand.revisions().keySet()).containsExactly("org/base", "org/pinned", "org/policy", "org/reward");
        }

        @Test
        void asksForMainEveryRevisionTheTemplatesNameAndEveryProbedRevisionOfEveryModel() throws Exception {
            ModelDemand demand = ModelDemand.of(List.of(new Template("ppo.yaml", PPO), new Template("p.yaml", PIPELINE)),
                    revisionProbes("v1.0", "main"));

            assertThat(demand.revisions().values()).containsOnly(sorted("main", "v1.0", "v2", "tok-1", PINNED));
        }

        @Test
        void ignoresTemplatesItCannotRead() throws Exception {
            ModelDemand demand = ModelDemand.of(List.of(Template.unreadable("x.yaml", "not UTF-8"),
                    new Template("y.yaml", "spec: [unclosed\n")), revisionProbes());

            assertThat(demand.revisions()).isEmpty();
        }
    }

    @Nested
    class Store {

        @TempDir
        Path root;

        @Test
        void mapsEachRefToTheSha1OfIdentifierAtRefAndGivesACommitIdItsOwnSnapshot() throws Exception {
            GeneratedModelStore.writeInto(root, ModelDemand.of(List.of(new Template("p.yaml", PIPELINE)), revisionProbes()));

            Path pinned = root.resolve("models--org--pinned");
            // printf '%s' 'org/pinned@main' | sha1sum
            assertThat(Files.readString(pinned.resolve("refs/main"))).isEqualTo("32388b25ea9c315eaeb76364e8001e86ab1e36ac");
            assertThat(pinned.resolve("snapshots/32388b25ea9c315eaeb76364e8001e86ab1e36ac/config.json")).exists();
            assertThat(pinned.resolve("snapshots/" + PINNED + "/config.json")).exists();
            assertThat(pinned.resolve("refs/" + PINNED)).doesNotExist();
            assertThat(pinned.resolve("refs/v1.0")).as("a revision nobody names is not in the store").doesNotExist();
        }

        @Test
        void standInsAcceptLongContextsAndDifferByCommit() {
            String main = GeneratedModelStore.standIn("1111111111111111111111111111111111111111").get("config.json");
            String other = GeneratedModelStore.standIn("2222222222222222222222222222222222222222").get("config.json");

            assertThat(main).contains("\"max_position_embeddings\" : 131072").isNotEqualTo(other);
        }

        @Test
        void isDeletedWhenClosed() throws Exception {
            Path written;
            try (GeneratedModelStore store = GeneratedModelStore.write(
                    ModelDemand.of(List.of(new Template("ppo.yaml", PPO)), revisionProbes()))) {
                written = store.root();
                assertThat(written.resolve("models--org--reward/refs/main")).exists();
            }
            assertThat(written).doesNotExist();
        }
    }
}
