package io.flowmesh.conformance.store;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apiguardian.api.API;

/**
 * A folder the kit writes inputs into, removed with everything in it when it is closed or when the JVM
 * exits, whichever comes first. The exit covers an audit stopped by Ctrl-C or {@code kill}: its
 * try-with-resources blocks never finish, but shutdown hooks run.
 *
 * <p>Removal never throws: at exit, runs on other threads may still be writing into the folder, so a
 * pass that finds new entries is followed by another, and whatever still cannot be removed is left to
 * the operating system's cleaning of its temporary folder.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class TemporaryFolder implements AutoCloseable {

    /** Passes over the folder at removal: enough for writers that stop as the JVM exits. */
    private static final int PASSES = 3;

    private final Path path;
    private final Thread atExit;
    private final AtomicBoolean removed = new AtomicBoolean();

    private TemporaryFolder(Path path) {
        this.path = path;
        this.atExit = new Thread(this::remove, "flowmesh-remove-" + path.getFileName());
    }

    /**
     * A new, empty folder in the system's temporary folder ({@code java.io.tmpdir}).
     *
     * @param prefix the start of its name, e.g. {@code flowmesh-model-store-}
     * @throws IOException when the folder cannot be made
     */
    public static TemporaryFolder create(String prefix) throws IOException {
        TemporaryFolder folder = new TemporaryFolder(Files.createTempDirectory(prefix));
        Runtime.getRuntime().addShutdownHook(folder.atExit);
        return folder;
    }

    /** The folder. */
    public Path path() {
        return path;
    }

    /** Removes the folder and what it holds now, rather than at exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(atExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting: the hook runs, or has run, the same removal.
        }
        remove();
    }

    private void remove() {
        if (!removed.compareAndSet(false, true)) {
            return;
        }
        for (int pass = 0; pass < PASSES && Files.exists(path); pass++) {
            removeOnce();
        }
    }

    private void removeOnce() {
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    file.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Gone already (another writer's clean-up), or unreadable: the next pass sees.
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    dir.toFile().delete();
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // The visitor swallows every failure of an entry; only the root's own can come here.
        }
    }
}
