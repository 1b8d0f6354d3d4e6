package io.flowmesh.conformance.report;

import java.util.List;

import org.apiguardian.api.API;

/** The words a report uses, explained once, for the text and Markdown reports alike. */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class Legend {

    /** One explained term per line: treatments, verdicts, then the table's columns. */
    public static final List<String> LINES = List.of(
            "treatments (the RFC's decision, in expected/classification.yaml): remove = no template may use the field;"
                    + " injected, it is ignored with a warning or refused; keep = metadata: no execution effect, and"
                    + " every valid value is accepted; support = a probe must change the named effect, with the named"
                    + " mapping; fix = templates that use it validate, with the stated effect",
            "verdicts of a probe (one field changed, the run compared with the unchanged one): NO_EFFECT, EFFECT"
                    + " (the trace changed), REJECTED (refused at parse or at run time), ERROR (the implementation"
                    + " failed)",
            "columns: uses = occurrences of the field in the audited templates, valid or not; upstream = uses the"
                    + " RFC counted in upstream's templates; observed = the probes' verdicts; contracts = contract"
                    + " cases passed of those run (docs/contract-cases.md); result = pass, FAIL, or n/a for a row this"
                    + " implementation's capabilities or this corpus leave nothing to measure by");

    private Legend() {
    }
}
