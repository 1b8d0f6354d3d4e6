package io.flowmesh.reference.execute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where run folders go: a folder the user names is kept; otherwise memory, where the platform has it. */
class WorkspaceScratchTest {

    private String tmpdir;
    private String scratch;

    @BeforeEach
    void remember() {
        tmpdir = System.getProperty("java.io.tmpdir");
        scratch = System.getProperty(Workspace.SCRATCH_PROPERTY);
    }

    @AfterEach
    void restore() {
        System.setProperty("java.io.tmpdir", tmpdir);
        if (scratch == null) {
            System.clearProperty(Workspace.SCRATCH_PROPERTY);
        } else {
            System.setProperty(Workspace.SCRATCH_PROPERTY, scratch);
        }
    }

    @Test
    void theScratchPropertyNamesTheFolder(@TempDir Path dir) {
        System.setProperty(Workspace.SCRATCH_PROPERTY, dir.toString());
        System.setProperty("java.io.tmpdir", "/tmp");

        assertThat(Workspace.scratchRoot()).isEqualTo(dir);
    }

    @Test
    void aTemporaryFolderTheUserChoseIsKept(@TempDir Path dir) {
        System.clearProperty(Workspace.SCRATCH_PROPERTY);
        System.setProperty("java.io.tmpdir", dir.toString());

        assertThat(Workspace.scratchRoot()).isEqualTo(dir);
    }

    @Test
    void thePlatformsTmpGivesWayToMemoryWhereThereIsAWritableDevShm() {
        Path memory = Path.of("/dev/shm");
        assumeThat(Files.isDirectory(memory) && Files.isWritable(memory))
                .as("a writable /dev/shm (Linux); elsewhere the temporary folder is kept, as the test above shows").isTrue();
        System.clearProperty(Workspace.SCRATCH_PROPERTY);
        System.setProperty("java.io.tmpdir", "/tmp");

        assertThat(Workspace.scratchRoot()).isEqualTo(memory);
    }
}
