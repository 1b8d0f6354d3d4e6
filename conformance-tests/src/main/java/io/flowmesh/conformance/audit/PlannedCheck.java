package io.flowmesh.conformance.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * A check an audit plans to run, known before anything runs: what {@code audit --list} prints and what
 * {@code --only} selects from.
 *
 * @param id the check's stable ID
 * @param kind what kind of check it is
 * @param template the file of the template it belongs to, or empty for a contract case or a row check
 * @param contract the ID of the contract a contract case belongs to, or empty for any other check
 * @param rows the classification rows it measures (a probe's covering row, a contract's rows, a row check's row)
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public record PlannedCheck(String id, Kind kind, Optional<String> template, Optional<String> contract,
        List<String> rows) {

    /** The kinds of checks. */
    public enum Kind {
        /** A whole-template check: readable, valid, runs, deterministic. */
        TEMPLATE,
        /** The template's audit within its budget; reported only on an overrun, and selecting it selects the whole template. */
        WHOLE_TEMPLATE,
        /** A field probe or an injection. */
        PROBE,
        /** A contract case of the kit. */
        CONTRACT_CASE,
        /** That a classification row was measured; selecting it selects every probe and contract case of the row. */
        ROW
    }

    public PlannedCheck {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(contract, "contract");
        rows = List.copyOf(rows);
    }

    static PlannedCheck template(String file, String id) {
        return new PlannedCheck(id, Kind.TEMPLATE, Optional.of(file), Optional.empty(), List.of());
    }

    static PlannedCheck whole(String file, String id) {
        return new PlannedCheck(id, Kind.WHOLE_TEMPLATE, Optional.of(file), Optional.empty(), List.of());
    }

    static PlannedCheck probe(String file, String id, Optional<String> row) {
        return new PlannedCheck(id, Kind.PROBE, Optional.of(file), Optional.empty(), row.stream().toList());
    }
}
