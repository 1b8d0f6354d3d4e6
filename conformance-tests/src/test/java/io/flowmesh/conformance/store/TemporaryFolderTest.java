package io.flowmesh.conformance.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** What closing a temporary folder removes; its removal at exit is {@code InterruptedAuditTest}'s. */
class TemporaryFolderTest {

    @Test
    void closingRemovesTheFolderWithEverythingInIt() throws Exception {
        TemporaryFolder folder = TemporaryFolder.create("flowmesh-temporary-folder-test-");
        Path nested = Files.createDirectories(folder.path().resolve("a/b/c"));
        Files.writeString(nested.resolve("file.txt"), "x");
        Files.writeString(folder.path().resolve("top.txt"), "y");

        folder.close();

        assertThat(folder.path()).as("the folder after close").doesNotExist();
    }

    @Test
    void aFolderIsNamedByItsPrefixInTheSystemsTemporaryFolder() throws Exception {
        try (TemporaryFolder folder = TemporaryFolder.create("flowmesh-temporary-folder-test-")) {
            assertThat(folder.path()).isDirectory().isEmptyDirectory()
                    .hasParent(Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(folder.path().getFileName().toString()).startsWith("flowmesh-temporary-folder-test-");
        }
    }

    @Test
    void closingTwiceOrAfterTheFolderWasRemovedByHandIsQuiet() throws Exception {
        TemporaryFolder folder = TemporaryFolder.create("flowmesh-temporary-folder-test-");
        Files.delete(folder.path());

        assertThatCode(folder::close).as("close of a folder already gone").doesNotThrowAnyException();
        assertThatCode(folder::close).as("a second close").doesNotThrowAnyException();
    }
}
