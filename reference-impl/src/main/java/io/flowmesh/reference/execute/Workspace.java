package io.flowmesh.reference.execute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scratch folder of one run: artifacts that stages hand to later stages live here, and the whole
 * folder goes when the run ends. Traces never name its paths, so runs stay byte-identical.
 */
public final class Workspace implements AutoCloseable {

    private final Path root;
    private final Map<String, Path> artifacts = new LinkedHashMap<>();
    private final Map<Path, Path> archives = new LinkedHashMap<>();

    private Workspace(Path root) {
        this.root = root;
    }

    /** A fresh, empty workspace in the temporary folder. */
    public static Workspace create() {
        try {
            return new Workspace(Files.createTempDirectory("flowmesh-run-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a run workspace", e);
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

    /** The folder where downloaded or unpacked inputs are cached for this run. */
    public Path cacheDir() {
        return root.resolve(".cache");
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the run workspace " + root, e);
        }
    }
}
