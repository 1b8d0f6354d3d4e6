package io.flowmesh.conformance.contract;

import java.util.List;
import java.util.Optional;

import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.witness.HubRequest;
import io.flowmesh.conformance.witness.Witness;

/**
 * What the kit's hub must have seen for a revision case to pass, judged beside the trace: a run that
 * records {@code resolved_commit = C} for a model must have been served that model's files at {@code C}
 * by the hub, and a run that refuses an unknown revision must have asked the hub for it. A run without a
 * witness (the implementation does not declare {@link Capabilities#HUB}) is judged on its trace alone.
 */
final class HubEvidence {

    private HubEvidence() {
    }

    /** The words a case's expectation gains when the run is witnessed. */
    static String expectation(Observed run, String repo, List<String> commits) {
        return run.witness(Capabilities.HUB).isPresent() ? ", and the hub serving " + repo + " files at "
                + String.join(" and ", commits) : "";
    }

    /** Whether the witness agrees that the hub served the repository's files at every one of these commits. */
    static boolean served(Observed run, String repo, List<String> commits) {
        return run.witness(Capabilities.HUB).map(w -> w.filesServedAt(repo).containsAll(commits)).orElse(true);
    }

    /** Whether the witness agrees that the hub was asked for the repository at this revision and knew it not. */
    static boolean refused(Observed run, String repo, String revision) {
        return run.witness(Capabilities.HUB).map(w -> w.about(repo).stream().anyMatch(r -> r.revision().equals(revision)
                && !r.served() && r.status() == 404)).orElse(true);
    }

    /** What the witness saw of the repository, to print beside the trace; empty without a witness. */
    static String observation(Observed run, String repo) {
        return run.witness(Capabilities.HUB).map(w -> "; " + witnessed(w, repo)).orElse("");
    }

    private static String witnessed(Witness witness, String repo) {
        List<HubRequest> requests = witness.about(repo);
        return requests.isEmpty() ? "no witness: " + witness.describe(repo) : "witness: " + witness.describe(repo)
                + (witness.overflowed() ? " (the run made more requests than the hub records)" : "");
    }

    /** The words a refusal case's expectation gains when the run is witnessed. */
    static Optional<String> refusalExpectation(Observed run, String repo, String revision) {
        return run.witness(Capabilities.HUB).map(w -> ", and the hub asked for " + repo + " at " + revision + ", answering 404");
    }
}
