package io.flowmesh.reference.backend.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.store.HubCacheWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelStoreTest {

    private static final String MODEL = "acme/tiny-lm";
    private static final String MAIN = HubCacheWriter.commitOf(MODEL, "main");
    private static final String TAG = HubCacheWriter.commitOf(MODEL, "v2");

    @TempDir
    Path root;

    private ModelStore store;

    @BeforeEach
    void writeStore() {
        HubCacheWriter.at(root)
                .json(MODEL, MAIN, "config.json", config(4))
                .json(MODEL, TAG, "config.json", config(2))
                .ref(MODEL, "main", MAIN)
                .ref(MODEL, "v2", TAG)
                .ref(MODEL, "pr/1", TAG);
        store = ModelStore.at(root);
    }

    @Test
    void absentRevisionMeansMain() throws Exception {
        ResolvedModel model = store.resolve(MODEL, null);

        assertThat(model.requestedRevision()).as("requested revision").isEqualTo("main");
        assertThat(model.commit()).as("commit of main").isEqualTo(MAIN);
        assertThat(model.snapshotDir()).as("snapshot").isEqualTo(root.resolve("models--acme--tiny-lm/snapshots/" + MAIN));
        assertThat(model.pinned()).as("a branch is not pinned").isFalse();
    }

    @Test
    void tagsAndPullRequestRefsResolveThroughTheirRefFiles() throws Exception {
        assertThat(store.resolve(MODEL, "v2").commit()).as("tag v2").isEqualTo(TAG);
        assertThat(store.resolve(MODEL, "pr/1").commit()).as("ref pr/1").isEqualTo(TAG);
        assertThat(store.resolve(MODEL, "v2").configLong("num_hidden_layers")).as("layers at v2").contains(2L);
    }

    @Test
    void aCommitIdResolvesDirectlyAndIsPinned() throws Exception {
        ResolvedModel model = store.resolve(MODEL, TAG);

        assertThat(model.commit()).as("commit").isEqualTo(TAG);
        assertThat(model.pinned()).as("pinned").isTrue();
    }

    @Test
    void movingABranchChangesWhatItResolvesTo() throws Exception {
        HubCacheWriter.at(root).ref(MODEL, "main", TAG);

        assertThat(store.resolve(MODEL, "main").commit()).as("main after the push").isEqualTo(TAG);
    }

    @Test
    void configKeepsFileOrderAndIsUnmodifiable() throws Exception {
        Map<String, Object> config = store.resolve(MODEL, "main").config();

        assertThat(config.keySet()).as("config keys in file order")
                .containsExactly("architectures", "model_type", "num_hidden_layers", "max_position_embeddings");
        assertThatThrownBy(() -> config.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ((List<?>) config.get("architectures")).clear())
                .as("nested lists are frozen too").isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aConfigRewrittenInPlaceIsReadAgain() throws Exception {
        assertThat(store.resolve(MODEL, "main").configLong("num_hidden_layers")).as("layers before").contains(4L);

        HubCacheWriter.at(root).json(MODEL, MAIN, "config.json", config(7));

        assertThat(store.resolve(MODEL, "main").configLong("num_hidden_layers"))
                .as("layers after config.json was rewritten: parsed configs are remembered by content, not by path")
                .contains(7L);
    }

    @Test
    void twoSnapshotsWithTheSameConfigShareNothingThatCanChange() throws Exception {
        HubCacheWriter.at(root).json(MODEL, TAG, "config.json", config(4));

        Map<String, Object> main = store.resolve(MODEL, "main").config();
        Map<String, Object> tag = store.resolve(MODEL, "v2").config();

        assertThat(tag).as("the same content, the same config").isEqualTo(main);
        assertThatThrownBy(() -> tag.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void unknownModelIsReportedWithIdentifierAndRevision() {
        assertThatThrownBy(() -> store.resolve("acme/missing", "main"))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("model 'acme/missing' at revision 'main'")
                .hasMessageContaining("no such model");
    }

    @Test
    void unknownRefListsTheKnownRefs() {
        assertThatThrownBy(() -> store.resolve(MODEL, "dev"))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessage("cannot resolve model 'acme/tiny-lm' at revision 'dev': unknown revision; "
                        + "known refs: main, pr/1, v2");
    }

    @Test
    void unknownCommitIdIsReportedAsAMissingSnapshot() {
        String missing = "0".repeat(40);

        assertThatThrownBy(() -> store.resolve(MODEL, missing))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("revision '" + missing + "'")
                .hasMessageContaining("snapshot " + missing + " is missing");
    }

    @Test
    void refPointingAtAMissingSnapshotIsAnError() {
        HubCacheWriter.at(root).ref(MODEL, "dangling", "f".repeat(40));

        assertThatThrownBy(() -> store.resolve(MODEL, "dangling"))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("snapshot " + "f".repeat(40) + " is missing");
    }

    @Test
    void malformedRefFileIsAnError() throws Exception {
        // The kit's writer refuses to write a malformed ref, so the test writes the file itself.
        Path ref = HubCacheWriter.at(root).modelDir(MODEL).resolve("refs/broken");
        Files.createDirectories(ref.getParent());
        Files.writeString(ref, "not-a-commit");

        assertThatThrownBy(() -> store.resolve(MODEL, "broken"))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("revision 'broken'")
                .hasMessageContaining("malformed ref file refs/broken");
    }

    @Test
    void snapshotWithoutConfigIsAnError() {
        String bare = "a".repeat(40);
        HubCacheWriter.at(root).snapshot(MODEL, bare, Map.of("README.md", "no config")).ref(MODEL, "bare", bare);

        assertThatThrownBy(() -> store.resolve(MODEL, "bare"))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("has no config.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../main", "..", "/etc/passwd", "refs/../../main", "main/", "a//b", "C:\\x",
            "v2/..", ".hidden", "../../snapshots/" + "0000000000000000000000000000000000000000"})
    void revisionsThatTryToLeaveTheRefsFolderAreRefused(String revision) throws Exception {
        Files.writeString(root.resolve("models--acme--tiny-lm").resolve("outside"), MAIN);

        assertThatThrownBy(() -> store.resolve(MODEL, revision))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("model 'acme/tiny-lm'")
                .hasMessageContaining("not a commit id and not a valid ref name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../acme/tiny-lm", "acme/tiny-lm/extra", "/abs", "acme--x/y", ""})
    void malformedIdentifiersAreRefused(String identifier) {
        assertThatThrownBy(() -> store.resolve(identifier, "main"))
                .isInstanceOf(ModelResolutionException.class)
                .hasMessageContaining("the identifier must be");
    }

    @Test
    void messagesStayOnOneLine() {
        assertThatThrownBy(() -> store.resolve(MODEL, "ma\nin"))
                .isInstanceOf(ModelResolutionException.class)
                .satisfies(e -> assertThat(e.getMessage()).as("message").doesNotContain("\n"));
    }

    private static Map<String, Object> config(int layers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("LlamaForCausalLM"));
        config.put("model_type", "llama");
        config.put("num_hidden_layers", layers);
        config.put("max_position_embeddings", 128);
        return config;
    }
}
