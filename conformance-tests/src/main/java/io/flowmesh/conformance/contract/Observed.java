package io.flowmesh.conformance.contract;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.Effect;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.conformance.witness.Witness;

/**
 * What one scenario run gave: a trace, a refusal, or an implementation error, with lookups by the trace
 * keys of {@code docs/contract-cases.md}; and, beside it, what the kit's hub saw the run ask for, when the
 * implementation declares the hub.
 */
final class Observed {

    private final RunResult result;
    private final String error;
    private final Witness witness;
    private final Capabilities judged;

    private Observed(RunResult result, String error, Witness witness, Capabilities judged) {
        this.result = result;
        this.error = error;
        this.witness = witness;
        this.judged = judged;
    }

    static Observed of(RunResult result) {
        return new Observed(result, null, null, null);
    }

    static Observed error(String message) {
        return new Observed(null, message, null, null);
    }

    /**
     * The same run with the kit's witness of it, judged beside the trace at the boundaries the
     * implementation declares ({@link Capabilities#witnessed()}).
     */
    Observed witnessedBy(Witness seen, Capabilities declared) {
        return new Observed(result, error, seen, declared);
    }

    /**
     * What the kit saw the run ask of one boundary ({@code hub}, {@code urls}); empty when the
     * implementation does not declare that boundary, so the case is judged on the trace alone.
     */
    Optional<Witness> witness(String boundary) {
        return judged != null && judged.witnesses(boundary) ? Optional.ofNullable(witness) : Optional.empty();
    }

    boolean completed() {
        return result instanceof RunResult.Completed;
    }

    boolean rejected() {
        return result instanceof RunResult.Rejected;
    }

    /**
     * The value of the first effect on the channel whose key is {@code name} or ends in {@code /name},
     * the key scheme of a single-task scenario.
     */
    Optional<Object> value(String channel, String name) {
        return effect(channel, name).map(Effect::value);
    }

    /** The value of the first effect, on any channel, whose key is {@code name} or ends in {@code /name}. */
    Optional<Object> valueOnAnyChannel(String name) {
        return effects().stream().filter(e -> e.key().equals(name) || e.key().endsWith("/" + name)).findFirst()
                .map(Effect::value);
    }

    /** Whether the trace has an effect on the channel with that key, null-valued or not. */
    boolean has(String channel, String name) {
        return effect(channel, name).isPresent();
    }

    /** The value recorded for one task: the key must be exactly {@code <task>/<name>}. */
    Optional<Object> value(String channel, String task, String name) {
        return effects().stream().filter(e -> e.channel().equals(channel) && e.key().equals(task + "/" + name))
                .findFirst().map(Effect::value);
    }

    List<Diagnostic> violations() {
        return result instanceof RunResult.Rejected rejected ? rejected.violations() : List.of();
    }

    List<Diagnostic> warnings() {
        return result == null ? List.of() : result.warnings();
    }

    /** Whether the run was refused with a violation at one of these pointers. */
    boolean rejectedAt(List<String> pointers) {
        return violations().stream().anyMatch(v -> pointers.contains(v.pointer()));
    }

    /** The trace as canonical JSON lines, empty when the run did not complete. */
    String traceText() {
        return result instanceof RunResult.Completed completed ? TraceJson.write(completed.trace()) : "";
    }

    /** One line: how the run ended and its first piece of evidence. */
    String describe() {
        if (error != null) {
            return "the implementation failed: " + error;
        }
        if (result instanceof RunResult.Rejected rejected) {
            Diagnostic first = rejected.violations().get(0);
            return "rejected at " + (first.pointer().isEmpty() ? "(document)" : first.pointer()) + ": "
                    + first.message() + " [" + first.code() + "]";
        }
        return "completed with " + effects().size() + " effects";
    }

    private Optional<Effect> effect(String channel, String name) {
        return effects().stream()
                .filter(e -> e.channel().equals(channel) && (e.key().equals(name) || e.key().endsWith("/" + name)))
                .findFirst();
    }

    private List<Effect> effects() {
        return result instanceof RunResult.Completed completed ? completed.trace().effects() : List.of();
    }

    /**
     * Whether two JSON-like values are the same: numbers by value ({@code 4} equals {@code 4.0}, as JSON
     * does not tell them apart), lists element by element, maps key by key in any order.
     */
    static boolean same(Object expected, Object actual) {
        if (expected instanceof Number a && actual instanceof Number b) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (expected instanceof List<?> a && actual instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (expected instanceof Map<?, ?> a && actual instanceof Map<?, ?> b) {
            return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> same(a.get(k), b.get(k)));
        }
        return Objects.equals(expected, actual);
    }

    /** A value as the reports show it: canonical JSON. */
    static String show(Object value) {
        return Values.canonical(value);
    }
}
