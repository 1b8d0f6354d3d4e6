package io.flowmesh.conformance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HubCacheWriterTest {

    @TempDir
    Path root;

    @Test
    void commitIdsAreTheSha1OfIdentifierAtRef() {
        // printf '%s' 'openai-community/gpt2@main' | sha1sum
        assertThat(HubCacheWriter.commitOf("openai-community/gpt2", "main"))
                .isEqualTo("005b55f3e9ae573581d82a93cfde3483f6cce20a");
    }

    @Test
    void refsAndSnapshotsFollowTheHubCacheLayout() throws IOException {
        String commit = HubCacheWriter.commitOf("org/model", "main");
        HubCacheWriter.at(root).tinyModel("org/model", commit).ref("org/model", "main", commit);

        Path model = root.resolve("models--org--model");
        assertThat(Files.readString(model.resolve("refs/main"))).isEqualTo(commit);
        assertThat(model.resolve("snapshots/" + commit + "/config.json")).isRegularFile();
        assertThat(Files.readString(model.resolve("snapshots/" + commit + "/tokenizer_config.json")))
                .contains("\"model_max_length\" : 2048");
        assertThat(Files.readString(model.resolve("snapshots/" + commit + "/config.json")))
                .contains("\"_commit_hash\" : \"" + commit + "\"");
    }

    @Test
    void theSameCallsGiveTheSameBytes() throws IOException {
        String commit = HubCacheWriter.commitOf("org/model", "v1.0");
        HubCacheWriter.at(root.resolve("a")).snapshot("org/model", commit, Map.of("x.json", "{}\n"));
        HubCacheWriter.at(root.resolve("b")).snapshot("org/model", commit, Map.of("x.json", "{}\n"));
        assertThat(root.resolve("a/models--org--model/snapshots/" + commit + "/x.json"))
                .hasSameBinaryContentAs(root.resolve("b/models--org--model/snapshots/" + commit + "/x.json"));
    }

    @Test
    void aCommitIdMustBeFortyHexDigits() {
        assertThatIllegalArgumentException().isThrownBy(() -> HubCacheWriter.at(root).ref("org/model", "main", "abc"))
                .withMessage("a commit id is 40 lower-case hex digits, got 'abc'");
    }

    @Test
    void identifiersCannotEscapeTheStore() {
        assertThatIllegalArgumentException().isThrownBy(() -> HubCacheWriter.at(root).modelDir("../x"))
                .withMessage("not a model identifier: '../x'");
    }
}
