package io.flowmesh.reference.backend.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowmesh.conformance.store.HubCacheWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixtureStoreTest {

    private static final String REGENERATE = "flowmesh.fixtures.regenerate";

    @Test
    void committedFixtureStoreMatchesTheCatalogByteForByte(@TempDir Path generated) throws IOException {
        Path committed = ModelStore.repositoryFixture().root();
        if (Boolean.getBoolean(REGENERATE)) {
            FixtureStoreCatalog.writeTo(committed);
        }
        FixtureStoreCatalog.writeTo(generated);

        List<String> expectedFiles = relativeFiles(generated);
        assertThat(relativeFiles(committed).stream().filter(f -> !f.equals("README.md")).toList())
                .as("files of the committed store (regenerate with -D%s=true)", REGENERATE)
                .isEqualTo(expectedFiles);
        for (String file : expectedFiles) {
            assertThat(Files.readString(committed.resolve(file)))
                    .as("committed %s", file)
                    .isEqualTo(Files.readString(generated.resolve(file)));
        }
    }

    @Test
    void everyFixtureModelResolvesBothRefsToDifferentCommitsAndConfigs() throws Exception {
        ModelStore store = ModelStore.repositoryFixture();
        assertThat(store.models()).as("fixture models")
                .containsExactlyInAnyOrderElementsOf(FixtureStoreCatalog.identifiers());
        for (String identifier : FixtureStoreCatalog.identifiers()) {
            ResolvedModel main = store.resolve(identifier, null);
            ResolvedModel v1 = store.resolve(identifier, "v1.0");
            assertThat(store.refs(identifier)).as("refs of %s", identifier).containsExactly("main", "v1.0");
            assertThat(main.commit()).as("main commit of %s", identifier)
                    .isEqualTo(HubCacheWriter.commitOf(identifier, "main"))
                    .isNotEqualTo(v1.commit());
            assertThat(main.configLong("num_hidden_layers")).as("layers at main of %s", identifier)
                    .contains((long) FixtureStoreCatalog.layers(identifier, "main"));
            assertThat(v1.configLong("num_hidden_layers")).as("layers at v1.0 of %s", identifier)
                    .contains((long) FixtureStoreCatalog.layers(identifier, "v1.0"));
            assertThat(main.snapshotDir().resolve("tokenizer_config.json")).as("tokenizer config").isRegularFile();
        }
    }

    private static List<String> relativeFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }
}
