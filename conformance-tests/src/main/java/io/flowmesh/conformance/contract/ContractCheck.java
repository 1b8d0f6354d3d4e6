package io.flowmesh.conformance.contract;

import java.util.List;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One contract case, judged.
 *
 * @param contract the contract's id, e.g. {@code ppo-early-stop}
 * @param caseName the case's name within the contract, e.g. {@code stops-strictly-above}
 * @param rule the rule the case checks, as a sentence
 * @param rows the classification rows the contract backs
 * @param status how the case ended
 * @param expected what the kit's oracle computed; for a case that is not applicable, why
 * @param observed what the implementation did
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public record ContractCheck(String contract, String caseName, String rule, List<String> rows, Status status,
        String expected, String observed) {

    /** How a contract case ended. */
    public enum Status {
        /** The implementation did what the oracle computed. */
        PASSED,
        /** It did not. */
        FAILED,
        /** The implementation does not declare what the case needs; neither passed nor failed. */
        NOT_APPLICABLE,
        /** It did not, as a listed known deviation says; counted as passed. */
        EXPECTED_FAILURE
    }

    public ContractCheck {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(rule, "rule");
        rows = List.copyOf(rows);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(observed, "observed");
    }

    /** The stable check ID: {@code contract/<contract>/<case>}. */
    public String id() {
        return "contract/" + contract + "/" + caseName;
    }

    /** Whether the case counts as passed (passed, or failed as a known deviation). */
    public boolean pass() {
        return status == Status.PASSED || status == Status.EXPECTED_FAILURE;
    }

    /** The same case with another status and observation, e.g. after known deviations are applied. */
    public ContractCheck withStatus(Status newStatus, String newObserved) {
        return new ContractCheck(contract, caseName, rule, rows, newStatus, expected, newObserved);
    }

    /** The case in three lines: its id and rule, what was expected, what was observed. */
    public String message() {
        String label = status == Status.NOT_APPLICABLE ? "not applicable" : "expected";
        return id() + ": " + rule + System.lineSeparator() + "  " + label + ": " + expected
                + System.lineSeparator() + "  observed: " + observed;
    }
}
