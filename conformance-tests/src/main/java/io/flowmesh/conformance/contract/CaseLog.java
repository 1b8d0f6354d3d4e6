package io.flowmesh.conformance.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the judged cases of one contract. Every helper records exactly one case, so a contract
 * reads as its list of cases.
 */
final class CaseLog {

    private final Contract contract;
    private final List<ContractCheck> checks = new ArrayList<>();

    CaseLog(Contract contract) {
        this.contract = contract;
    }

    List<ContractCheck> checks() {
        return List.copyOf(checks);
    }

    /** Records a case from its verdict and evidence; it backs every row of the contract. */
    void record(String caseName, String rule, boolean pass, String expected, String observed) {
        record(caseName, rule, contract.rows(), pass, expected, observed);
    }

    /** Records a case that backs only some rows of its contract. */
    void record(String caseName, String rule, List<String> rows, boolean pass, String expected, String observed) {
        checks.add(new ContractCheck(contract.id(), caseName, rule, rows,
                pass ? ContractCheck.Status.PASSED : ContractCheck.Status.FAILED, expected, observed));
    }

    /** The run completed and {@code channel/name} holds the expected value. */
    void expectValue(String caseName, String rule, Observed run, String channel, String name, Object expected) {
        String want = channel + "/" + name + " = " + Observed.show(expected);
        Optional<String> missing = missing(run, channel, name);
        if (missing.isPresent()) {
            record(caseName, rule, false, want, missing.get());
            return;
        }
        Object actual = run.value(channel, name).orElse(null);
        record(caseName, rule, Observed.same(expected, actual), want, channel + "/" + name + " = " + Observed.show(actual));
    }

    /**
     * The run completed with {@code channel/name} = {@code commit}, and, when the run is witnessed, the kit's
     * hub served the repository's files at that commit: a trace that disagrees with its witness fails with
     * both shown.
     */
    void expectLoaded(String caseName, String rule, Observed run, String channel, String name, String repo, String commit) {
        String want = channel + "/" + name + " = " + Observed.show(commit) + HubEvidence.expectation(run, repo, List.of(commit));
        Optional<String> missing = missing(run, channel, name);
        if (missing.isPresent()) {
            record(caseName, rule, false, want, missing.get() + HubEvidence.observation(run, repo));
            return;
        }
        Object actual = run.value(channel, name).orElse(null);
        record(caseName, rule, Observed.same(commit, actual) && HubEvidence.served(run, repo, List.of(commit)), want,
                channel + "/" + name + " = " + Observed.show(actual) + HubEvidence.observation(run, repo));
    }

    /**
     * The run was refused at one of the pointers, and, when witnessed, it asked the kit's hub for the
     * repository at that revision and was told the hub does not know it.
     */
    void expectRefusedRevision(String caseName, String rule, Observed run, List<String> pointers, String repo,
            String revision) {
        String want = "rejected at " + String.join(" or ", pointers)
                + HubEvidence.refusalExpectation(run, repo, revision).orElse("");
        String observed = run.rejected() ? run.violations().stream().map(v -> v.pointer() + " [" + v.code() + "]")
                .reduce((a, b) -> a + ", " + b).map(v -> "rejected at " + v).orElse("rejected") : run.describe();
        record(caseName, rule, run.rejectedAt(pointers) && HubEvidence.refused(run, repo, revision), want,
                observed + HubEvidence.observation(run, repo));
    }

    /** The run completed and {@code channel/name} is absent or null. */
    void expectAbsent(String caseName, String rule, Observed run, String channel, String name) {
        String want = "no " + channel + "/" + name + " (or null)";
        if (!run.completed()) {
            record(caseName, rule, false, want, run.describe());
            return;
        }
        Optional<Object> actual = run.value(channel, name);
        record(caseName, rule, actual.isEmpty(), want,
                actual.map(v -> channel + "/" + name + " = " + Observed.show(v)).orElse("absent"));
    }

    /** The run was refused with a violation at one of the pointers. */
    void expectRejected(String caseName, String rule, Observed run, List<String> pointers) {
        String want = "rejected at " + String.join(" or ", pointers);
        String observed = run.rejected() ? run.violations().stream().map(v -> v.pointer() + " [" + v.code() + "]")
                .reduce((a, b) -> a + ", " + b).map(v -> "rejected at " + v).orElse("rejected") : run.describe();
        record(caseName, rule, run.rejectedAt(pointers), want, observed);
    }

    /** The run completed with a warning at the pointer. */
    void expectWarning(String caseName, String rule, Observed run, String pointer) {
        String want = "a warning at " + pointer;
        if (!run.completed()) {
            record(caseName, rule, false, want, run.describe());
            return;
        }
        boolean warned = run.warnings().stream().anyMatch(w -> w.pointer().equals(pointer));
        record(caseName, rule, warned, want, warned ? "warned at " + pointer : "warnings at "
                + run.warnings().stream().map(w -> w.pointer()).distinct().toList());
    }

    /** Why {@code channel/name} cannot be read from the run, if it cannot. */
    static Optional<String> missing(Observed run, String channel, String name) {
        if (!run.completed()) {
            return Optional.of(run.describe());
        }
        if (!run.has(channel, name)) {
            return Optional.of("no " + channel + "/" + name + " in the trace");
        }
        return Optional.empty();
    }
}
