package io.flowmesh.reference.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * time. Workspaces are named inside one folder per JVM, made once and removed with what it holds when
 * the JVM exits: a run stopped by Ctrl-C or {@code kill} never closes its workspace, but shutdown hooks
 * run. Runs on other threads go on while they do, so at exit no workspace is opened any more, and the
 * folder goes once the open ones have closed (or after {@link #EXIT_PATIENCE}, for a run that hangs):
 * removed earlier, a late run's writes would make it again.
 */
public final class Workspace implements AutoCloseable {

    /** The system property that names the folder where run folders go, overriding {@link #scratchRoot}'s choice. */
    public static final String SCRATCH_PROPERTY = "flowmesh.reference.scratch";

    /** The platform's own temporary folder on Linux, which {@code java.io.tmpdir} is unless set. */
    private static final Path DEFAULT_TMPDIR = Path.of("/tmp");
    private static final Path MEMORY = Path.of("/dev/shm");

    /** How long the exit waits for open workspaces to close before it removes the runs folder. */
    static final Duration EXIT_PATIENCE = Duration.ofSeconds(5);

    private static final AtomicLong RUNS = new AtomicLong();
    private static final Object OPEN_LOCK = new Object();
    /** Workspaces created and not yet closed; guarded by {@link #OPEN_LOCK}. */
    private static int open;
    /** Set once, at exit; guarded by {@link #OPEN_LOCK}. */
    private static boolean exiting;

    private final Path root;
    private final Map<String, Path> artifacts = new LinkedHashMap<>();
    private final Map<Path, Path> archives = new LinkedHashMap<>();

    private Workspace(Path root) {
        this.root = root;
    }

    /**
     * A fresh, empty workspace in the temporary folder, not yet made on disk.
     *
     * @throws IllegalStateException when the JVM is exiting
     */
    public static Workspace create() {
        Path runs = RunsFolder.PATH;
        synchronized (OPEN_LOCK) {
            if (exiting) {
                throw new IllegalStateException("the JVM is exiting: no run starts any more");
            }
            open++;
        }
        return new Workspace(runs.resolve("run-" + RUNS.incrementAndGet()));
    }

    /** The folder of this JVM's workspaces, made on first use. */
    private static final class RunsFolder {
        static final Path PATH = make();

        private static Path make() {
            try {
                Path folder = Files.createTempDirectory(scratchRoot(), "flowmesh-runs-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> removeAtExit(folder), "flowmesh-runs-removal"));
                return folder;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder for run workspaces", e);
            }
        }
    }

    /**
     * Where this JVM's run folders go: the folder {@value #SCRATCH_PROPERTY} names when set; else, when
     * {@code java.io.tmpdir} is left at the platform's {@code /tmp}, the memory-backed {@code /dev/shm}
     * where it is a writable folder; else {@code java.io.tmpdir}. A run's files are small (tiny models'
     * configs, adapters, archives), short-lived and gone when the run ends, and an audit writes and removes
     * some thousand of them; on a disk file system each one costs the kernel a journal entry, and on this
     * project's development machine (ext4 mounted with {@code discard}) the bundled audit took about 40%
     * longer in a warm JVM with its runs on {@code /tmp} than on {@code /dev/shm}
     * ({@code docs/performance.md}). A temporary folder a user chose is kept.
     */
    static Path scratchRoot() {
        String configured = System.getProperty(SCRATCH_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path tmpdir = Path.of(System.getProperty("java.io.tmpdir"));
        if (tmpdir.equals(DEFAULT_TMPDIR) && Files.isDirectory(MEMORY) && Files.isWritable(MEMORY)) {
            return MEMORY;
        }
        return tmpdir;
    }

    /**
     * The folder where archives are unpacked for every run of this JVM, each under a name made of what
     * its unpacking depends on ({@link io.flowmesh.reference.backend.lora.AdapterResolver}): the same archive,
     * unpacked once, serves every run that reads it, as a hub cache serves every run that loads a model.
     * Unpacked archives are only read. The folder is made on first use, inside the runs folder, and goes
     * with it when the JVM exits.
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
        try {
            deleteTree(root);
        } finally {
            synchronized (OPEN_LOCK) {
                open--;
                OPEN_LOCK.notifyAll();
            }
        }
    }

    /**
     * Removes the runs folder at exit, never throwing: once no workspace is open, or the patience is spent;
     * a run that still writes may add entries while a pass walks, so a pass is followed by another, and
     * what still cannot be removed is left to the operating system's cleaning of its temporary folder.
     */
    private static void removeAtExit(Path folder) {
        synchronized (OPEN_LOCK) {
            exiting = true;
            long deadline = System.nanoTime() + EXIT_PATIENCE.toNanos();
            for (long left = EXIT_PATIENCE.toNanos(); open > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    OPEN_LOCK.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        for (int pass = 0; pass < 3 && Files.exists(folder); pass++) {
            try {
                deleteTree(folder);
            } catch (UncheckedIOException e) {
                // An entry went while the pass walked (a run closing its workspace): the next pass sees.
            }
        }
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
