package io.flowmesh.conformance.probe;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.flowmesh.conformance.spi.Diagnostic;
import org.apiguardian.api.API;

/**
 * What a probe observed: the difference its change made to the run.
 *
 * @param outcome the kind of difference
 * @param changes the changed effects, for {@link Outcome#EFFECT}
 * @param violations why the probe template was refused, for {@link Outcome#REJECTED}
 * @param rejectedBy which step refused it, for {@link Outcome#REJECTED}; {@code null} otherwise
 * @param warnings the warnings the probe run raised
 * @param error what the implementation threw, for {@link Outcome#ERROR}; {@code null} otherwise
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Verdict(Outcome outcome, List<Change> changes, List<Diagnostic> violations, Stage rejectedBy,
        List<Diagnostic> warnings, String error) {

    /** The kinds of difference a probe can make. */
    public enum Outcome {
        /** The probe run's trace equals the base trace. */
        NO_EFFECT,
        /** The traces differ. */
        EFFECT,
        /** The implementation refused the probe template. */
        REJECTED,
        /** The implementation threw. */
        ERROR
    }

    /** Where a probe template was refused. */
    public enum Stage {
        /** By validation, before anything ran: the runtime never saw the field. */
        PARSE,
        /** After validation, by the runtime: the runtime read the field. */
        RUN
    }

    public Verdict {
        Objects.requireNonNull(outcome, "outcome");
        changes = List.copyOf(changes);
        violations = List.copyOf(violations);
        warnings = List.copyOf(warnings);
    }

    static Verdict noEffect(List<Diagnostic> warnings) {
        return new Verdict(Outcome.NO_EFFECT, List.of(), List.of(), null, warnings, null);
    }

    static Verdict effect(List<Change> changes, List<Diagnostic> warnings) {
        return new Verdict(Outcome.EFFECT, changes, List.of(), null, warnings, null);
    }

    static Verdict rejected(Stage stage, List<Diagnostic> violations, List<Diagnostic> warnings) {
        return new Verdict(Outcome.REJECTED, List.of(), violations, stage, warnings, null);
    }

    static Verdict error(String message) {
        return new Verdict(Outcome.ERROR, List.of(), List.of(), null, List.of(), message);
    }

    /**
     * A copy whose changed values are cut to {@code characters} each: what the audit keeps once a
     * verdict is judged, so that an implementation's huge values cannot grow the audit or its report.
     */
    public Verdict abbreviated(int characters) {
        List<Change> shorter = new java.util.ArrayList<>(changes.size());
        for (Change change : changes) {
            shorter.add(new Change(change.channel(), change.key(), cut(change.before(), characters),
                    cut(change.after(), characters)));
        }
        return new Verdict(outcome, shorter, violations, rejectedBy, warnings, cut(error, characters * 4));
    }

    private static String cut(String text, int characters) {
        return text == null || text.length() <= characters ? text
                : text.substring(0, characters) + "... (" + (text.length() - characters) + " more characters)";
    }

    /** Whether the runtime showed that it reads the field: an effect, or a refusal after validation. */
    public boolean showsRuntimeUse() {
        return outcome == Outcome.EFFECT || (outcome == Outcome.REJECTED && rejectedBy == Stage.RUN);
    }

    /** The channels whose effects changed, in order of first change. */
    public Set<String> changedChannels() {
        Set<String> channels = new LinkedHashSet<>();
        changes.forEach(change -> channels.add(change.channel()));
        return channels;
    }

    /** One line for people: the outcome and its evidence. */
    public String summary() {
        switch (outcome) {
            case NO_EFFECT:
                return "NO_EFFECT";
            case EFFECT:
                String first = changes.get(0).describe();
                return "EFFECT on " + first + (changes.size() > 1 ? " (+" + (changes.size() - 1) + " more)" : "");
            case REJECTED:
                return "REJECTED at " + rejectedBy.name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + violations.get(0).pointer() + ": " + violations.get(0).message()
                        + " [" + violations.get(0).code() + "]";
            default:
                return "ERROR: " + error;
        }
    }
}
