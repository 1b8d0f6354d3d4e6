package io.flowmesh.reference.backend.lora;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Where a LoRA adapter comes from: one of the three sources an adapter entry may name. */
public sealed interface AdapterSource {

    /** Which entry field this source came from. */
    SourceKind kind();

    /** The source as the template wrote it: the path, the URL or the task id. */
    String value();

    /**
     * A local adapter directory (holding {@code adapter_config.json}) or a tar, tar.gz or zip archive.
     *
     * @param value the path; a relative path is resolved against the resolver's working directory
     */
    record LocalPath(String value) implements AdapterSource {
        public LocalPath {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public SourceKind kind() {
            return SourceKind.PATH;
        }
    }

    /**
     * An archive to download ({@code http:}, {@code https:}) or read ({@code file:}) and unpack.
     *
     * @param value the URL
     * @param archiveFormat {@code tar}, {@code tar.gz} (or {@code tgz}, {@code gztar}) or {@code zip};
     *     {@code null} to tell from the URL's extension
     * @param headers request headers, e.g. an authorization header; never echoed in messages
     */
    record Url(String value, String archiveFormat, Map<String, String> headers) implements AdapterSource {
        public Url {
            Objects.requireNonNull(value, "value");
            headers = Collections.unmodifiableMap(new TreeMap<>(headers));
        }

        @Override
        public SourceKind kind() {
            return SourceKind.URL;
        }
    }

    /**
     * The artifact (an adapter directory or archive) an earlier stage produced.
     *
     * @param value the earlier stage's task id
     */
    record TaskArtifact(String value) implements AdapterSource {
        public TaskArtifact {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public SourceKind kind() {
            return SourceKind.TASK_ID;
        }
    }
}
