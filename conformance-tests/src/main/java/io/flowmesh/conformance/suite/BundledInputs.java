package io.flowmesh.conformance.suite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import io.flowmesh.conformance.store.TemporaryFolder;
import org.apiguardian.api.API;

/**
 * The inputs the kit's jar carries: the bundled templates ({@code templates/}), the classification
 * ({@code expected/classification.yaml}) and the fixtures ({@code fixtures/model-store},
 * {@code fixtures/url-mirror}), laid out as in the kit's repository. They are what the suites and the
 * CLI use when no path is configured, so that an implementation needs the kit's one dependency and no
 * clone of its repository.
 *
 * <p>Implementations receive the model store and the URL mirror as folder paths, so a jar's bundle is
 * copied once per JVM into a temporary folder, deleted when the JVM exits; a bundle on the file system
 * (the kit's own {@code target/classes}) is used where it is.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class BundledInputs {

    /** Where the bundle lies on the class path; the kit's pom copies the repository's folders there. */
    static final String PREFIX = "io/flowmesh/conformance/bundled/";

    /** A file every bundle holds, by which the bundle is found. */
    private static final String MARKER = PREFIX + "expected/classification.yaml";

    private static Path root;

    private BundledInputs() {
    }

    /**
     * The folder holding the bundle's {@code templates/}, {@code expected/} and {@code fixtures/}.
     *
     * @throws IllegalStateException when the kit's jar carries no bundle (a build that left it out)
     * @throws UncheckedIOException when the bundle cannot be copied out of the jar
     */
    public static synchronized Path root() {
        if (root == null) {
            root = locate(BundledInputs.class.getClassLoader().getResource(MARKER));
        }
        return root;
    }

    /** The bundle whose marker file is at {@code marker}, copied out of its jar when it is in one. */
    static Path locate(URL marker) {
        if (marker == null) {
            throw new IllegalStateException("the kit's jar carries no bundled inputs (" + MARKER + " is not on the class"
                    + " path); set -D" + SuiteSettings.TEMPLATES + ", -D" + SuiteSettings.CLASSIFICATION + " and -D"
                    + SuiteSettings.URL_MIRROR + ", or -D" + SuiteSettings.ROOT + " to a clone of the kit");
        }
        try {
            if (marker.getProtocol().equals("file")) {
                return Path.of(marker.toURI()).getParent().getParent();
            }
            URLConnection connection = marker.openConnection();
            if (connection instanceof JarURLConnection jar) {
                // No cached JarFile: closing it must not close one that the class loader shares.
                jar.setUseCaches(false);
                try (JarFile file = jar.getJarFile()) {
                    return extract(file);
                }
            }
            throw new IllegalStateException("bundled inputs at " + marker + ": neither a file nor a jar entry");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the kit's bundled inputs out of its jar: " + e.getMessage(), e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("bundled inputs at an unusable location " + marker, e);
        }
    }

    private static Path extract(JarFile jar) throws IOException {
        // Read by the whole JVM's audits, so it is never closed: it goes at exit.
        Path target = TemporaryFolder.create("flowmesh-conformance-bundled-").path();
        Enumeration<JarEntry> entries = jar.entries();
        while (entries.hasMoreElements()) {
            JarEntry entry = entries.nextElement();
            if (!entry.getName().startsWith(PREFIX) || entry.isDirectory()) {
                continue;
            }
            Path file = target.resolve(entry.getName().substring(PREFIX.length())).normalize();
            if (!file.startsWith(target)) {
                // The kit wrote this jar, but a path that climbs out of the folder is never followed.
                throw new IOException("the jar entry " + entry.getName() + " leaves the bundle folder");
            }
            Files.createDirectories(file.getParent());
            try (InputStream in = jar.getInputStream(entry)) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target;
    }
}
