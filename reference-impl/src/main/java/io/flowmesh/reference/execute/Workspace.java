package io.flowmesh.reference.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The scratch folder of one run: artifacts that stages hand to later stages live here, and the whole
 * folder goes when the run ends. Traces never name its paths, so runs stay byte-identical.
 *
 * <p>The folder is created when a stage first writes into it, not with the workspace: most runs write
 * nothing, and on ext4 each directory made and removed makes the next one dearer to make (the inode
 * allocator steps over recently deleted inodes), which cost an audit of thousands of runs a sixth of its
 * time. Workspaces are named inside one folder per JVM, made once and removed at exit when empty.
 */
public final class Workspace implements AutoCloseable {

    private static final AtomicLong RUNS = new AtomicLong();

    private final Path root;
    private final Map<String, Path> artifacts = new LinkedHashMap<>();
    private final Map<Path, Path> archives = new LinkedHashMap<>();

    private Workspace(Path root) {
        this.root = root;
    }

    /** A fresh, empty workspace in the temporary folder, not yet made on disk. */
    public static Workspace create() {
        return new Workspace(RunsFolder.PATH.resolve("run-" + RUNS.incrementAndGet()));
    }

    /** The folder of this JVM's workspaces, made on first use. */
    private static final class RunsFolder {
        static final Path PATH = make();

        private static Path make() {
            try {
                Path folder = Files.createTempDirectory("flowmesh-runs-");
                folder.toFile().deleteOnExit();
                return folder;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder for run workspaces", e);
            }
        }
    }

    /**
     * The folder where archives are unpacked for every run of this JVM, each under a name made of its
     * content's hash ({@link io.flowmesh.reference.backend.lora.AdapterResolver}): the same archive,
     * unpacked once, serves every run that reads it, as a hub cache serves every run that loads a model.
     * Unpacked archives are only read. The folder is made on first use and removed, with what it holds,
     * when the JVM exits.
     */
    public static Path archiveCache() {
        return ArchiveCache.PATH;
    }

    private static final class ArchiveCache {
        static final Path PATH = make();

        private static Path make() {
            Path folder = RunsFolder.PATH.resolve("archives");
            try {
                Files.createDirectories(folder);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder for unpacked archives", e);
            }
            // Shutdown hooks run before the deletions registered with deleteOnExit, the runs folder's among them.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "flowmesh-archive-cache-removal"));
            return folder;
        }
    }

    /** A new folder for a stage's artifact, registered as that stage's artifact. */
    public Path artifactDir(String stage, String name) {
        try {
            Path dir = Files.createDirectories(root.resolve(stage).resolve(name));
            artifacts.put(stage, dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an artifact folder in " + root, e);
        }
    }

    /** The folder a stage's artifacts live in: what an {@link ArtifactRef}'s path is relative to. */
    public Path stageDir(String stage) {
        return root.resolve(stage);
    }

    /** The artifact folder of each stage that produced one. */
    public Map<String, Path> artifacts() {
        return Map.copyOf(artifacts);
    }

    /** Registers an archive this run packed from an artifact folder. */
    public void archived(Path archive, Path folder) {
        archives.put(archive.toAbsolutePath().normalize(), folder);
    }

    /**
     * The artifact folder an archive this run packed holds, as unpacking it would give it back; empty
     * for a file the run did not pack.
     */
    public Optional<Path> unpacked(Path archive) {
        return Optional.ofNullable(archives.get(archive.toAbsolutePath().normalize()));
    }

    /** The folder where this run's downloads from a hub are kept. */
    public Path cacheDir() {
        return root.resolve(".cache");
    }

    @Override
    public void close() {
        deleteTree(root);
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + folder, e);
        }
    }
}
