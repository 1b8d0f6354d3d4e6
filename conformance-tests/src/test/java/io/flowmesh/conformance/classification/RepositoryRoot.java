package io.flowmesh.conformance.classification;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root in tests: the build's system property, else the first folder up that holds expected/. */
final class RepositoryRoot {

    private RepositoryRoot() {
    }

    static Path find() {
        String configured = System.getProperty("flowmesh.repository.root");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("expected/classification.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no expected/classification.yaml above " + Path.of("").toAbsolutePath());
    }
}
