package io.flowmesh.reference.backend.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;

import io.flowmesh.conformance.store.HubCacheWriter;
import io.flowmesh.conformance.witness.HubRequest;
import io.flowmesh.conformance.witness.WitnessServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A model store through the kit's hub resolves as the folder it serves does (same commits, same config,
 * same messages), and fetches what it loads, which the hub's witness shows.
 */
class ModelStoreThroughHubTest {

    private static final String MODEL = "acme/tiny-lm";

    @TempDir
    Path served;
    @TempDir
    Path cache;

    private WitnessServer server;
    private WitnessServer.Run run;
    private ModelStore folder;
    private ModelStore hub;

    @BeforeEach
    void serve() {
        HubCacheWriter.at(served).json(MODEL, HubCacheWriter.commitOf(MODEL, "main"), "config.json", Map.of("layers", 4))
                .json(MODEL, HubCacheWriter.commitOf(MODEL, "v2"), "config.json", Map.of("layers", 2))
                .ref(MODEL, "main", HubCacheWriter.commitOf(MODEL, "main"))
                .ref(MODEL, "v2", HubCacheWriter.commitOf(MODEL, "v2"))
                .ref(MODEL, "pr/1", HubCacheWriter.commitOf(MODEL, "v2"));
        server = WitnessServer.start();
        run = server.open(served);
        folder = ModelStore.at(served);
        hub = ModelStore.throughHub(RemoteHub.at(run.hubEndpoint()), cache);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Nested
    class ItResolvesAsTheFolderItServes {

        @ParameterizedTest
        @ValueSource(strings = {"main", "v2", "pr/1"})
        void aRefGivesTheSameCommitAndConfig(String ref) throws Exception {
            ResolvedModel fetched = hub.resolve(MODEL, ref);
            ResolvedModel read = folder.resolve(MODEL, ref);

            assertThat(fetched.commit()).isEqualTo(read.commit());
            assertThat(fetched.config()).isEqualTo(read.config());
            assertThat(fetched.snapshotDir()).startsWith(cache);
        }

        @Test
        void aCommitIdNamesItsSnapshot() throws Exception {
            String commit = HubCacheWriter.commitOf(MODEL, "v2");

            assertThat(hub.resolve(MODEL, commit).config()).containsEntry("layers", 2);
        }

        @Test
        void theRefsAreTheSame() {
            assertThat(hub.refs(MODEL)).containsExactly("main", "pr/1", "v2").isEqualTo(folder.refs(MODEL));
            assertThat(hub.refs("acme/absent")).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"no-such-revision", "0123456789abcdef0123456789abcdef01234567", "../main"})
        void aRevisionTheStoreLacksFailsWithTheFoldersMessage(String revision) {
            assertThatThrownBy(() -> hub.resolve(MODEL, revision)).isInstanceOf(ModelResolutionException.class)
                    .hasMessage(messageOf(() -> folder.resolve(MODEL, revision)));
        }

        @Test
        void aModelTheStoreLacksFailsWithTheFoldersMessage() {
            assertThatThrownBy(() -> hub.resolve("acme/absent", "main")).isInstanceOf(ModelResolutionException.class)
                    .hasMessage("cannot resolve model 'acme/absent' at revision 'main': no such model in the model store");
        }
    }

    @Nested
    class ItFetchesWhatItLoads {

        @Test
        void aTagIsAskedByNameAndItsFilesByCommit() throws Exception {
            String tag = HubCacheWriter.commitOf(MODEL, "v2");

            hub.resolve(MODEL, "v2");

            assertThat(run.finish().hub()).containsExactly(
                    new HubRequest(HubRequest.Kind.FILE, "GET", MODEL, tag, "config.json", 200, tag),
                    new HubRequest(HubRequest.Kind.REVISION_INFO, "GET", MODEL, "v2", "", 200, tag));
        }

        @Test
        void aHubThatIsNotThereIsAResolutionErrorWithoutItsAddress() {
            server.close();

            assertThatThrownBy(() -> hub.resolve(MODEL, "main")).isInstanceOf(ModelResolutionException.class)
                    .hasMessageStartingWith("cannot resolve model 'acme/tiny-lm' at revision 'main': the hub did not answer (")
                    .hasMessageNotContaining("127.0.0.1");
        }

        @Test
        void anEndpointThatIsNoHttpUrlIsRefused() {
            assertThatIllegalArgumentException().isThrownBy(() -> RemoteHub.at("file:///tmp/hub"))
                    .withMessage("the hub endpoint must be an http(s) URL, got 'file:///tmp/hub'");
        }
    }

    private static String messageOf(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (Throwable e) {
            return e.getMessage();
        }
        throw new AssertionError("the folder store resolved it");
    }
}
