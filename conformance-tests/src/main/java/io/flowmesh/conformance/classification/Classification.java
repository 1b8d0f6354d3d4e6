package io.flowmesh.conformance.classification;

import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.probe.Pointers;
import org.apiguardian.api.API;

/**
 * The whole classification: the RFC rows and the enumerated fields that guide perturbation.
 *
 * @param source where it was loaded from
 * @param rows the RFC rows, in file order
 * @param enumerations the enumerated fields
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Classification(String source, List<ClassificationRow> rows, List<EnumeratedField> enumerations) {

    public Classification {
        rows = List.copyOf(rows);
        enumerations = List.copyOf(enumerations);
    }

    /** The row that covers this field, if any (rows are checked in file order). */
    public Optional<ClassificationRow> rowFor(String pointer) {
        List<String> segments = Pointers.segments(pointer);
        return rows.stream().filter(row -> row.covers(segments)).findFirst();
    }

    /** The enumeration members for this field, or an empty list. */
    public List<String> enumMembers(String pointer) {
        List<String> segments = Pointers.segments(pointer);
        return enumerations.stream()
                .filter(e -> e.pattern().matches(segments))
                .findFirst()
                .map(EnumeratedField::members)
                .orElse(List.of());
    }
}
