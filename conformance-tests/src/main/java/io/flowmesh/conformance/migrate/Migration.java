package io.flowmesh.conformance.migrate;

import java.util.List;

import org.apiguardian.api.API;

/**
 * One template before and after its migration.
 *
 * @param source the file, for messages
 * @param before the text as it was
 * @param after the migrated text; equal to {@code before} when nothing was to change
 * @param changes what the migration did, in document order
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record Migration(String source, String before, String after, List<Change> changes) {

    /** What happened to one field. */
    public enum Kind {
        /** The field went (a remove row, or a retired mapping with nothing to lift). */
        REMOVED,
        /** The key moved out of a retired mapping into the mapping that held it. */
        LIFTED,
        /** The key of a retired mapping went: the current shape has no place for it, or already holds it. */
        DROPPED,
        /** The mapping went because the migration removed all it held. */
        EMPTIED
    }

    /**
     * One field the migration changed.
     *
     * @param pointer the field's JSON pointer in the template as it was
     * @param line its 1-based line there
     * @param kind what happened
     * @param rule the classification row behind it, or {@code empty} for an emptied mapping
     */
    public record Change(String pointer, int line, Kind kind, String rule) {
    }

    public Migration {
        changes = List.copyOf(changes);
    }

    /** Whether the migration changes the text. */
    public boolean changed() {
        return !before.equals(after);
    }
}
