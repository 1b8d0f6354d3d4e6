package io.flowmesh.conformance.classification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassificationLoaderTest {

    private static final String SOURCE = "broken.yaml";

    private static final String VALID = String.join("\n",
            "version: 1",
            "rows:",
            "  - id: owner",
            "    group: metadata only",
            "    field: metadata.owner",
            "    patterns: [\"/metadata/owner\"]",
            "    treatment: keep",
            "    reason: owner comes from the auth context",
            "    upstreamUses: 29",
            "");

    /** Every row of the RFC table, which the published classification must carry. */
    private static final List<String> RFC_ROW_IDS = List.of("resources-replicas", "spec-slo-seconds", "spec-parallel",
            "agent-timeout", "ppo-target-kl", "ppo-early-stopping", "ppo-do-sample", "ppo-padding-side",
            "ppo-optimize-cuda-cache", "ppo-log-with", "ppo-tracker-project-name", "model-source-revision",
            "adapter-url", "metadata-project", "metadata-owner", "metadata-annotations-description", "api-version",
            "kind", "model-source-type");

    @Test
    void thePublishedClassificationLoadsWithEveryRfcRow() throws ClassificationException {
        Classification classification = ClassificationLoader.load(RepositoryRoot.find().resolve("expected/classification.yaml"));

        assertThat(classification.rows()).extracting(ClassificationRow::id).as("row ids of expected/classification.yaml")
                .containsAll(RFC_ROW_IDS)
                .doesNotHaveDuplicates();
        assertThat(classification.rows()).filteredOn(row -> row.treatment() == Treatment.REMOVE)
                .as("every remove row says how to inject its field")
                .allSatisfy(row -> assertThat(row.injection()).as(row.id()).isPresent());
        assertThat(classification.rows()).filteredOn(row -> row.treatment() == Treatment.SUPPORT)
                .as("every support row names its effect")
                .allSatisfy(row -> assertThat(row.effect()).as(row.id()).isPresent());
    }

    @Test
    void thePublishedClassificationMapsLogWithToReportTo() throws ClassificationException {
        Classification classification = ClassificationLoader.load(RepositoryRoot.find().resolve("expected/classification.yaml"));

        ClassificationRow logWith = classification.rowFor("/spec/training/log_with").orElseThrow();
        assertThat(logWith.id()).isEqualTo("ppo-log-with");
        assertThat(logWith.probes()).extracting(ProbeValue::value).containsExactly("tensorboard", "wandb");
        ExpectedEffect wandb = logWith.probes().get(1).expect().orElseThrow();
        assertThat(wandb.channel()).contains("ppo.config");
        assertThat(wandb.keys()).containsExactly("report_to");
        assertThat(wandb.value()).as("the expected value as canonical JSON").contains("[\"wandb\"]");
        assertThat(classification.rowFor("/spec/training/target_kl").orElseThrow().forbidden())
                .extracting(ForbiddenEffect::key).containsExactly("kl_coef");
    }

    @Test
    void parsesAMinimalClassification() throws ClassificationException {
        Classification classification = ClassificationLoader.parse(VALID, "minimal.yaml");

        assertThat(classification.source()).isEqualTo("minimal.yaml");
        assertThat(classification.rows()).singleElement().satisfies(row -> {
            assertThat(row.treatment()).isEqualTo(Treatment.KEEP);
            assertThat(row.upstreamUses()).isEqualTo(29);
            assertThat(row.effect()).as("a keep row has no effect").isEmpty();
            assertThat(row.covers("/metadata/owner")).isTrue();
        });
        assertThat(classification.enumerations()).isEmpty();
    }

    @Test
    void anUnknownKeyInARowNamesSourceLineAndPath() {
        String yaml = VALID + "    colour: red\n";

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":3:")
                .hasMessageContaining("/rows/0")
                .hasMessageContaining("colour");
    }

    @Test
    void aBadTreatmentNamesSourceLineAndPath() {
        String yaml = VALID.replace("treatment: keep", "treatment: drop");

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":7:")
                .hasMessageContaining("/rows/0/treatment");
    }

    @Test
    void aSupportRowWithoutEffectNamesSourceLineAndPath() {
        String yaml = VALID.replace("treatment: keep", "treatment: support");

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":3:")
                .hasMessageContaining("/rows/0")
                .hasMessageContaining("effect");
    }

    @Test
    void aRemoveRowWithoutInjectNamesSourceLineAndPath() {
        String yaml = VALID.replace("treatment: keep", "treatment: remove");

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":3:")
                .hasMessageContaining("/rows/0")
                .hasMessageContaining("inject");
    }

    @Test
    void anInjectOnAKeepRowIsRefused() {
        String yaml = VALID + "    inject: {into: metadata, key: owner, value: x}\n";

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessage(SOURCE + ":3: /rows/0/inject: only a remove row has 'inject'; this row's treatment is 'keep'");
    }

    @Test
    void aDuplicateIdNamesTheSecondRow() {
        String second = VALID.substring(VALID.indexOf("  - id: owner"));
        String yaml = VALID + second;

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":10:")
                .hasMessageContaining("/rows/1/id")
                .hasMessageContaining("duplicate row id 'owner'");
    }

    @Test
    void anExpectedValueWithSeveralKeysIsRefused() {
        String yaml = VALID.replace("treatment: keep", "treatment: support")
                + "    effect: {channel: ppo.config, keys: [a, b], value: 1}\n";

        assertThatThrownBy(() -> ClassificationLoader.parse(yaml, SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":10:")
                .hasMessageContaining("exactly one key");
    }

    @Test
    void textThatIsNotYamlNamesTheSourceAndLine() {
        assertThatThrownBy(() -> ClassificationLoader.parse("version: 1\nrows: [unclosed\n", SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":2:")
                .hasMessageContaining("not valid YAML")
                .hasMessageContaining("expected ',' or ']'");
    }

    @Test
    void anEmptyFileNamesTheSource() {
        assertThatThrownBy(() -> ClassificationLoader.parse("", SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessage(SOURCE + ": the classification is empty; it needs 'version: 1' and 'rows'");
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() {
        assertThatThrownBy(() -> ClassificationLoader.parse("- a\n- b\n", SOURCE))
                .isInstanceOf(ClassificationException.class)
                .hasMessageStartingWith(SOURCE + ":");
    }

    @Test
    void aMissingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.yaml");

        assertThatThrownBy(() -> ClassificationLoader.load(missing))
                .isInstanceOf(ClassificationException.class)
                .hasMessage(missing + ": the classification file is not found");
    }

    @Test
    void loadNamesTheFileAsTheSource(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), VALID.replace("treatment: keep", "treatment: drop"));

        assertThatThrownBy(() -> ClassificationLoader.load(file)).hasMessageStartingWith(file + ":7:");
    }
}
