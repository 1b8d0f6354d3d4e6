package io.flowmesh.reference.backend.lora;

/** Which field of an adapter entry names its source. */
public enum SourceKind {
    /** {@code path}: a local adapter directory or archive. */
    PATH("path"),
    /** {@code url}: an archive (or, with {@code file:}, a directory) to download and unpack. */
    URL("url"),
    /** {@code task_id}: the artifact of an earlier stage. */
    TASK_ID("task_id");

    private final String field;

    SourceKind(String field) {
        this.field = field;
    }

    /** The adapter entry's field for this kind, as templates spell it. */
    public String field() {
        return field;
    }
}
