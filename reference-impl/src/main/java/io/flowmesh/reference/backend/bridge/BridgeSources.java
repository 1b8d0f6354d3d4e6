package io.flowmesh.reference.backend.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds the folder to put on {@code PYTHONPATH} so that {@code python3 -m flowmesh_bridge} imports the
 * bridge shipped with this build.
 *
 * <p>Looked up in this order: the system property {@value #PATH_PROPERTY} (an explicit folder); the
 * classpath resources under {@value #RESOURCE_ROOT}{@code /flowmesh_bridge/} (used directly when they
 * are plain files, copied once per JVM to a temporary folder when they sit inside a jar, which is how
 * the shaded CLI runs); the source tree, {@code reference-impl/src/main/python} under the repository
 * root property {@value #ROOT_PROPERTY} or the working directory. The classpath copy is the robust
 * path for a distributed jar: it needs no checkout and always matches the Java code it was built with;
 * the source-tree fallback serves builds whose resources do not (yet) include the Python files.
 */
public final class BridgeSources {

    /** System property naming a folder that holds the {@code flowmesh_bridge} package. */
    public static final String PATH_PROPERTY = "flowmesh.bridge.pythonpath";

    /** System property the build sets to the repository root. */
    public static final String ROOT_PROPERTY = "flowmesh.repository.root";

    /** Classpath folder holding the {@code flowmesh_bridge} package. */
    public static final String RESOURCE_ROOT = "flowmesh-python";

    private static final String PACKAGE = "flowmesh_bridge";
    private static final String MARKER = PACKAGE + "/__main__.py";

    private static Path extracted;

    private BridgeSources() {
    }

    /**
     * The folder to put on {@code PYTHONPATH}.
     *
     * @throws BridgeException of kind {@value BridgeException#SOURCES_MISSING} naming every place looked at
     */
    public static synchronized Path locate() {
        List<String> looked = new ArrayList<>();
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path folder = Path.of(explicit);
            if (Files.isRegularFile(folder.resolve(MARKER))) {
                return folder;
            }
            throw new BridgeException(BridgeException.SOURCES_MISSING, "-D" + PATH_PROPERTY + "=" + explicit
                    + " holds no " + MARKER);
        }
        URL resource = BridgeSources.class.getClassLoader().getResource(RESOURCE_ROOT + "/" + MARKER);
        if (resource != null) {
            return fromClasspath(resource);
        }
        looked.add("classpath " + RESOURCE_ROOT + "/" + MARKER);
        for (Path root : sourceRoots()) {
            Path folder = root.resolve("reference-impl/src/main/python");
            if (Files.isRegularFile(folder.resolve(MARKER))) {
                return folder.toAbsolutePath().normalize();
            }
            looked.add(folder.toString());
        }
        throw new BridgeException(BridgeException.SOURCES_MISSING,
                "cannot find the flowmesh_bridge Python package; looked in " + String.join(", ", looked));
    }

    private static List<Path> sourceRoots() {
        List<Path> roots = new ArrayList<>();
        String root = System.getProperty(ROOT_PROPERTY);
        if (root != null && !root.isBlank()) {
            roots.add(Path.of(root));
        }
        Path cwd = Path.of("").toAbsolutePath();
        roots.add(cwd);
        if (cwd.getParent() != null) {
            roots.add(cwd.getParent());
        }
        return roots;
    }

    private static Path fromClasspath(URL resource) {
        try {
            URI uri = resource.toURI();
            if ("file".equals(uri.getScheme())) {
                return Path.of(uri).getParent().getParent();
            }
            if (extracted == null) {
                extracted = extract(uri);
            }
            return extracted;
        } catch (URISyntaxException | IOException | UncheckedIOException e) {
            throw new BridgeException(BridgeException.SOURCES_MISSING,
                    "cannot unpack the flowmesh_bridge Python package from " + resource + ": " + e.getMessage(), e);
        }
    }

    private static Path extract(URI uri) throws IOException {
        Path target = Files.createTempDirectory("flowmesh-bridge-");
        target.toFile().deleteOnExit();
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of());
                Stream<Path> files = Files.walk(jar.getPath(RESOURCE_ROOT, PACKAGE))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = jar.getPath(RESOURCE_ROOT).relativize(file);
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    try (InputStream in = Files.newInputStream(file)) {
                        Files.copy(in, destination, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                destination.toFile().deleteOnExit();
            }
        }
        return target;
    }
}
