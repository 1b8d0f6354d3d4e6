package io.flowmesh.conformance.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import io.flowmesh.conformance.classification.ClassificationLoader;
import io.flowmesh.conformance.suite.SuiteSettings;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Migrations edit only the lines of the fields they change; every expected text is written by hand. */
class MigratorTest {

    static final Migrator MIGRATOR = migrator();

    private static Migrator migrator() {
        try {
            return new Migrator(MigrationRules.of(ClassificationLoader.load(SuiteSettings.classification())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A pre-RFC template with every legacy field, heavy comments and odd formatting; the reference's
     * tests validate it before and after migration.
     */
    static final String PRE_RFC = read(SuiteSettings.root().resolve("reference-impl/src/test/resources/pre-rfc/everything_legacy.yaml"));

    static final String MIGRATED = """
            # A pre-RFC pipeline: every legacy field the RFC removes, and an adapter in the old shape (kwargs
            # carried the download URL, so today's parser finds no source). migrate turns it into a template that
            # validates with no warnings.

            apiVersion: flowmesh/v1
            kind: Workflow
            metadata:
                name: legacy-everything   # four-space indents throughout
                owner: ml-team
            spec:
                stages:
                    - name: tone
                      spec:
                          taskType: inference
                          # read by no dispatcher
                          resources:
                              hardware: {cpu: "8", memory: 32Gi, gpu: {type: any, count: 1}}

                          model:
                              source: {type: huggingface, identifier: meta-llama/Llama-3.2-1B-Instruct}
                              vllm: {max_model_len: 1024}
                              adapters:
                                  - type: lora
                                    name: tone
                                    url: "https://example.com/tone.tar.gz"
                                    apply: runtime
                          inference: {temperature: 0.3, max_tokens: 8}
                          data: {type: list, items: [Say hello.]}
                    - name: align
                      spec:
                          taskType: ppo
                          resources: {hardware: {cpu: "8", memory: 16Gi, gpu: {type: any, count: 1}}}
                          model:
                              source: {type: huggingface, identifier: openai-community/gpt2}
                          training:
                              learning_rate: 0.00001
                              steps: 8
                          generation: {max_new_tokens: 10}
                          reward_model: {identifier: lvwerra/distilbert-imdb, type: sentiment}
                          data:
                              prompts: [The weather today is]
            """;

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String migrate(String text) throws MigrationException {
        return MIGRATOR.migrate(text, "t.yaml").after();
    }

    @Nested
    class PreRfcTemplate {

        @Test
        void becomesTheCurrentShape() throws MigrationException {
            assertThat(migrate(PRE_RFC)).isEqualTo(MIGRATED);
        }

        @Test
        void touchesOnlyTheLinesOfTheLegacyFields() throws MigrationException {
            Set<String> removed = new HashSet<>(PRE_RFC.lines().toList());
            removed.removeAll(migrate(PRE_RFC).lines().toList());
            Set<String> added = new HashSet<>(migrate(PRE_RFC).lines().toList());
            PRE_RFC.lines().toList().forEach(added::remove);

            assertThat(removed).containsExactlyInAnyOrder(
                    "              sloSeconds: 30     # trailing comment on a removed line",
                    "              \"parallel\":",
                    "                  enabled: true",
                    "                  # shards nothing makes",
                    "                  max_shards: 4",
                    "                  # the last comment of the block",
                    "                  replicas: 2",
                    "                        kwargs: {url: \"https://example.com/tone.tar.gz\", revision: v2}   # old shape",
                    "              resources: {replicas: 1, hardware: {cpu: \"8\", memory: 16Gi, gpu: {type: any, count: 1}}}",
                    "                  optimize_cuda_cache: true",
                    "              generation: {max_new_tokens: 10, do_sample: true}");
            assertThat(added).containsExactlyInAnyOrder(
                    "                        url: \"https://example.com/tone.tar.gz\"",
                    "              resources: {hardware: {cpu: \"8\", memory: 16Gi, gpu: {type: any, count: 1}}}",
                    "              generation: {max_new_tokens: 10}");
        }

        @Test
        void namesEveryChangeWithItsRow() throws MigrationException {
            assertThat(MIGRATOR.migrate(PRE_RFC, "t.yaml").changes()).extracting(c -> c.line() + " " + c.pointer()
                    + " " + c.kind() + " " + c.rule()).containsExactly(
                    "16 /spec/stages/0/spec/sloSeconds REMOVED spec-slo-seconds",
                    "17 /spec/stages/0/spec/parallel REMOVED spec-parallel",
                    "25 /spec/stages/0/spec/resources/replicas REMOVED resources-replicas",
                    "32 /spec/stages/0/spec/model/adapters/0/kwargs/url LIFTED adapter-url",
                    "32 /spec/stages/0/spec/model/adapters/0/kwargs/revision DROPPED adapter-url",
                    "39 /spec/stages/1/spec/resources/replicas REMOVED resources-replicas",
                    "44 /spec/stages/1/spec/training/optimize_cuda_cache REMOVED ppo-optimize-cuda-cache",
                    "46 /spec/stages/1/spec/generation/do_sample REMOVED ppo-do-sample");
        }

        @Test
        void aSecondRunChangesNothing() throws MigrationException {
            Migration again = MIGRATOR.migrate(migrate(PRE_RFC), "t.yaml");

            assertThat(again.changed()).isFalse();
            assertThat(again.changes()).isEmpty();
        }
    }

    @Nested
    class Shapes {

        @Test
        void aRemovedLastKeyOfAFileWithoutTrailingNewlineKeepsTheFileWithoutOne() throws MigrationException {
            String text = "spec:\n  taskType: echo\n  resources:\n    hardware: {cpu: \"1\"}\n    replicas: 3";

            assertThat(migrate(text)).isEqualTo("spec:\n  taskType: echo\n  resources:\n    hardware: {cpu: \"1\"}");
        }

        @Test
        void aMappingLeftEmptyGoesWithItsKeyAndItsComment() throws MigrationException {
            String text = """
                    spec:
                      taskType: echo
                      resources:   # nothing but replicas
                        # one worker
                        replicas: 1
                      data: {items: [a]}
                    """;

            assertThat(migrate(text)).isEqualTo("""
                    spec:
                      taskType: echo
                      data: {items: [a]}
                    """);
        }

        @Test
        void aFlowMappingLeftEmptyGoesWithItsKey() throws MigrationException {
            assertThat(migrate("spec:\n  generation: {do_sample: false}\n  taskType: ppo\n"))
                    .isEqualTo("spec:\n  taskType: ppo\n");
        }

        @Test
        void flowEntriesGoWithOneSeparator() throws MigrationException {
            assertThat(migrate("spec:\n  generation: {do_sample: true, max_new_tokens: 4, top_k: 2}\n"))
                    .isEqualTo("spec:\n  generation: {max_new_tokens: 4, top_k: 2}\n");
            assertThat(migrate("spec:\n  generation: {max_new_tokens: 4, do_sample: true, top_k: 2}\n"))
                    .isEqualTo("spec:\n  generation: {max_new_tokens: 4, top_k: 2}\n");
            assertThat(migrate("spec:\n  generation: {max_new_tokens: 4, top_k: 2, do_sample: true}\n"))
                    .isEqualTo("spec:\n  generation: {max_new_tokens: 4, top_k: 2}\n");
        }

        @Test
        void blockKwargsAreLiftedWithTheirIndentationAndBlockValues() throws MigrationException {
            String text = """
                    spec:
                      model:
                        adapters:
                          - type: lora
                            kwargs:
                              # where it comes from
                              url: https://example.com/a.tar.gz
                              revision: v2
                              headers:
                                Authorization: Bearer ${TOKEN}
                            name: a
                    """;

            assertThat(migrate(text)).isEqualTo("""
                    spec:
                      model:
                        adapters:
                          - type: lora
                            url: https://example.com/a.tar.gz
                            headers:
                              Authorization: Bearer ${TOKEN}
                            name: a
                    """);
        }

        @Test
        void kwargsInAFlowAdapterAreLiftedInPlace() throws MigrationException {
            assertThat(migrate("spec:\n  model:\n    adapters: [{type: lora, kwargs: {path: /a, scale: 2}, name: a}]\n"))
                    .isEqualTo("spec:\n  model:\n    adapters: [{type: lora, path: /a, name: a}]\n");
        }

        @Test
        void kwargsWithNothingToLiftGo() throws MigrationException {
            assertThat(migrate("spec:\n  model:\n    adapters:\n      - type: lora\n        path: /a\n        kwargs: {revision: v2}\n"))
                    .isEqualTo("spec:\n  model:\n    adapters:\n      - type: lora\n        path: /a\n");
        }

        @Test
        void crlfLineBreaksAreKept() throws MigrationException {
            assertThat(migrate("spec:\r\n  sloSeconds: 3\r\n  taskType: inference\r\n"))
                    .isEqualTo("spec:\r\n  taskType: inference\r\n");
        }

        @Test
        void aTemplateWithNothingToMigrateIsLeftAsItIs() throws MigrationException {
            String text = "# only current fields\nspec:\n  taskType: echo   # fine\n";

            Migration migration = MIGRATOR.migrate(text, "t.yaml");

            assertThat(migration.changed()).isFalse();
            assertThat(migration.after()).isSameAs(text);
        }
    }

    @Nested
    class Refusals {

        @Test
        void anUnparseableTemplateIsRefusedWithItsLineAndColumn() {
            assertThatThrownBy(() -> migrate("spec:\n  taskType: echo\n   replicas: [1\n"))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageStartingWith("t.yaml:3:")
                    .hasMessageContaining("cannot parse the template");
        }

        @Test
        void theFirstKeyOfAListItemIsRefusedNotCorrupted() {
            assertThatThrownBy(() -> migrate("spec:\n  model:\n    adapters:\n      - kwargs: {url: u}\n        type: lora\n"))
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("t.yaml:4:9: /spec/model/adapters/0/kwargs: migrate cannot change a key written after '-'"
                            + " on its line (such as the first key of a list item); move it to a line of its own and run"
                            + " migrate again");
        }

        @Test
        void aLiftedKeyThatIsAlreadySetOtherwiseIsRefused() {
            assertThatThrownBy(() -> migrate("spec:\n  model:\n    adapters:\n      - type: lora\n        url: a\n        kwargs: {url: b}\n"))
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("t.yaml:6:18: /spec/model/adapters/0/kwargs/url: 'url' is also set on"
                            + " /spec/model/adapters/0 with another value; keep one of them by hand");
        }

        @Test
        void aTemplateLeftEmptyIsRefused() {
            assertThatThrownBy(() -> migrate("spec:\n  sloSeconds: 3\n"))
                    .isInstanceOf(MigrationException.class)
                    .hasMessage("t.yaml:1:1: /spec: removing it would leave an empty mapping that no key holds; edit this"
                            + " template by hand");
        }
    }
}
