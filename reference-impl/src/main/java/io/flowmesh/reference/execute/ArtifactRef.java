package io.flowmesh.reference.execute;

import java.util.Objects;

/**
 * A file or folder a task produced, as upstream's results name it ({@code ArtifactRef(path=...)}):
 * a path relative to the producing stage's artifacts folder. A stage placeholder that lands on one
 * renders it where it lives ({@link Placeholders}), as upstream's dispatcher renders
 * {@code <base_dir>/artifacts/<path>}.
 *
 * @param stage the producing stage
 * @param path the artifact's path inside the stage's artifacts folder, e.g. {@code final_lora.tar.gz}
 */
record ArtifactRef(String stage, String path) {

    ArtifactRef {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(path, "path");
    }
}
