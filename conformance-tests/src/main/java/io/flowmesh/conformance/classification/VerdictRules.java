package io.flowmesh.conformance.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.flowmesh.conformance.probe.Change;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.TraceDiff;
import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.probe.Verdict;
import io.flowmesh.conformance.probe.Verdict.Outcome;
import io.flowmesh.conformance.spi.Diagnostic;
import org.apiguardian.api.API;

/**
 * The rules that judge observed verdicts against the classification, one per treatment:
 * <ul>
 *   <li>{@code remove}: the field is in no template; injected, it is ignored with a warning naming it,
 *       or rejected;</li>
 *   <li>{@code keep}: no probe changes an execution effect, and a valid value is never refused (a
 *       remove probe may be refused at parse: the envelope requires some keep fields);</li>
 *   <li>{@code support}: the perturb probe changes the named channel, with the named mapping, and never
 *       a forbidden effect; when the row names a {@code whenAbsent} default, the remove probe runs and
 *       hands it over; when the row's arming switch ({@link Arming}) is off in the template, the probe
 *       changes nothing the effect names instead; a row with {@code anyProbe} runs each of its values
 *       and the effect must show for at least one;</li>
 *   <li>{@code fix}: as {@code support} when the row names an effect, as {@code keep} when it does not;</li>
 *   <li>an invalid probe (a value of the row's {@code rejects}) must be refused by a violation at the
 *       field;</li>
 *   <li>no row: some probe shows that the runtime reads the field, or that the field decides which
 *       other fields are valid (a discriminator such as {@code taskType}), else it is an undocumented
 *       no-op.</li>
 * </ul>
 * Two rules hold for every field: an implementation error fails, and a field the implementation itself
 * warned has no runtime effect fails every probe that shows the runtime reading it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class VerdictRules {

    private VerdictRules() {
    }

    /** One judgement per observation of the field, in the same order. */
    public static List<Judgement> judge(ProbedField field) {
        List<Judgement> judgements = new ArrayList<>();
        Optional<Judgement> fieldLevel = field.row().isPresent() ? Optional.empty() : Optional.of(undocumented(field));
        for (ProbedField.Observation observation : field.observations()) {
            Verdict verdict = observation.verdict();
            if (verdict.outcome() == Outcome.ERROR) {
                judgements.add(Judgement.fail("the implementation failed: " + verdict.error()));
            } else if (field.declaredNoEffect().isPresent() && verdict.showsRuntimeUse()) {
                Diagnostic warning = field.declaredNoEffect().get();
                judgements.add(Judgement.fail("the implementation warns that " + field.pointer() + " has no runtime effect ("
                        + warning.message() + " [" + warning.code() + "]) yet the probe shows it read: " + verdict.summary()));
            } else if (observation.probe() instanceof Probe.Invalid) {
                judgements.add(invalid(field.pointer(), field.row(), verdict));
            } else if (field.row().isEmpty()) {
                judgements.add(fieldLevel.get());
            } else {
                judgements.add(judgeClassified(field, field.row().get(), observation));
            }
        }
        return field.row().filter(ClassificationRow::anyProbe).isPresent() && field.disarmed().isEmpty()
                ? shownByAny(field, judgements) : judgements;
    }

    /**
     * A row whose effect may show for any of its probe values: when one perturb probe shows it, the others
     * that merely did not show it pass too, naming the one that did. A probe that failed otherwise (a
     * forbidden effect, a refused valid value) keeps its failure.
     */
    private static List<Judgement> shownByAny(ProbedField field, List<Judgement> judgements) {
        List<ProbedField.Observation> observations = field.observations();
        Optional<Integer> shown = IntStream.range(0, observations.size()).boxed()
                .filter(i -> observations.get(i).probe() instanceof Probe.Perturb && judgements.get(i).pass())
                .findFirst();
        if (shown.isEmpty()) {
            return judgements;
        }
        List<Judgement> judged = new ArrayList<>(judgements);
        for (int i = 0; i < observations.size(); i++) {
            ProbedField.Observation o = observations.get(i);
            if (o.probe() instanceof Probe.Perturb && !judged.get(i).pass() && missedOnly(field.row().get(), o.verdict())) {
                judged.set(i, Judgement.pass("the effect shows for another of the row's values ("
                        + observations.get(shown.get()).probe().describe() + "); this one changed nothing it names: "
                        + o.verdict().summary()));
            }
        }
        return judged;
    }

    /** Whether a probe ran and only missed the effect: no refusal, no error, no forbidden change. */
    private static boolean missedOnly(ClassificationRow row, Verdict verdict) {
        return (verdict.outcome() == Outcome.NO_EFFECT || verdict.outcome() == Outcome.EFFECT)
                && forbidden(row, verdict).isEmpty();
    }

    /** Judges the injection of a {@code remove} row's field into a template that lacked it. */
    public static Judgement judgeInjection(ClassificationRow row, String pointer, Verdict verdict) {
        switch (verdict.outcome()) {
            case EFFECT:
                return Judgement.fail("the runtime reads " + row.field() + ", which the RFC removes ("
                        + row.reason() + "): " + verdict.summary());
            case REJECTED:
                return Judgement.pass("refused: " + verdict.summary());
            case NO_EFFECT:
                Optional<Diagnostic> warning = verdict.warnings().stream()
                        .filter(w -> w.pointer().equals(pointer)).findFirst();
                return warning.map(w -> Judgement.pass("ignored with a warning: " + w.message() + " [" + w.code() + "]"))
                        .orElseGet(() -> Judgement.fail("accepted silently: " + pointer
                                + " has no effect and no warning names it, so users cannot tell it is ignored"));
            default:
                return Judgement.fail("the implementation failed: " + verdict.error());
        }
    }

    private static Judgement invalid(String pointer, Optional<ClassificationRow> row, Verdict verdict) {
        String field = row.map(ClassificationRow::field).orElse(pointer);
        if (verdict.outcome() != Outcome.REJECTED) {
            return Judgement.fail(field + " must refuse this value, naming " + pointer + ", but the probe gave "
                    + verdict.summary());
        }
        boolean named = verdict.violations().stream().anyMatch(v -> namesField(v.pointer(), pointer));
        return named ? Judgement.pass("refused at " + pointer + ": " + verdict.summary())
                : Judgement.fail(field + " must be refused by a violation at " + pointer + ", but the violations name "
                        + verdict.violations().stream().map(Diagnostic::pointer).distinct().collect(Collectors.toList()));
    }

    /**
     * Whether a violation names the field: at its pointer, or, for a field of the workflow's shared
     * spec, at the same field of a stage or graph node that inherits it (upstream merges the shared spec
     * into every task, so an implementation may report the merged field).
     */
    static boolean namesField(String violation, String field) {
        if (violation.equals(field)) {
            return true;
        }
        return field.startsWith("/spec/") && violation.matches("/spec/(stages|graph/nodes)/\\d+/spec"
                + java.util.regex.Pattern.quote(field.substring("/spec".length())));
    }

    private static Judgement judgeClassified(ProbedField field, ClassificationRow row, ProbedField.Observation observation) {
        Verdict verdict = observation.verdict();
        Optional<Judgement> forbidden = forbidden(row, verdict);
        if (forbidden.isPresent()) {
            return forbidden.get();
        }
        boolean remove = observation.probe() instanceof Probe.Remove;
        switch (row.treatment()) {
            case REMOVE:
                return Judgement.fail(row.field() + " is removed by the RFC (" + row.reason()
                        + ") but the template still uses it at " + field.pointer());
            case KEEP:
                return keep(row, verdict, !acceptable(row, observation.probe()) ? Refusal.ANYWHERE
                        : remove ? Refusal.AT_PARSE : Refusal.NEVER);
            case SUPPORT:
            case FIX:
                if (remove) {
                    return removed(field, row, observation);
                }
                Optional<ExpectedEffect> expect = observation.expect().or(row::effect);
                if (expect.isEmpty()) {
                    return keep(row, verdict, Refusal.NEVER);
                }
                if (field.disarmed().isPresent()) {
                    return disarmed(row, verdict, expect.get(), field.disarmed().get());
                }
                return hasEffect(row, verdict, expect.get());
            default:
                throw new IllegalStateException("unknown treatment " + row.treatment());
        }
    }

    /**
     * Whether a probe set a value the row counts as valid: any value, unless the row lists the values it
     * {@code accepts} (a discriminator with one member, say), when only those.
     */
    private static boolean acceptable(ClassificationRow row, Probe probe) {
        return !(probe instanceof Probe.Perturb perturb) || row.values().accepts().isEmpty()
                || row.values().accepts().stream().anyMatch(v -> Values.toTree(v).equals(perturb.after()));
    }

    /** Where a keep field's probe may be refused. */
    private enum Refusal {
        /** Nowhere: the probe set a valid value. */
        NEVER,
        /** By validation: the probe left out a field the envelope may require. */
        AT_PARSE,
        /** Anywhere: the probe set a value the row does not accept. */
        ANYWHERE
    }

    /** A keep field: nothing it is set to changes the run, and no valid value is refused. */
    private static Judgement keep(ClassificationRow row, Verdict verdict, Refusal allowed) {
        boolean refusalAllowed = allowed == Refusal.ANYWHERE
                || (allowed == Refusal.AT_PARSE && verdict.rejectedBy() == Verdict.Stage.PARSE);
        if (verdict.outcome() == Outcome.REJECTED && !refusalAllowed) {
            return Judgement.fail(row.field() + " is classified " + row.treatment().word() + " (" + row.reason()
                    + "): a valid value must be accepted, but the probe gave " + verdict.summary());
        }
        if (verdict.outcome() == Outcome.EFFECT) {
            return Judgement.fail(row.field() + " is classified " + row.treatment().word()
                    + " (no execution effect) but the probe changed the run: " + verdict.summary());
        }
        return Judgement.pass("no execution effect, as classified: " + verdict.summary());
    }

    /**
     * A supported field left out. Without a {@code whenAbsent} default the field may be needed (an
     * adapter's only source), so any outcome but an error passes; with one, the template must still run
     * and hand the default over.
     */
    private static Judgement removed(ProbedField field, ClassificationRow row, ProbedField.Observation observation) {
        Verdict verdict = observation.verdict();
        if (observation.expect().isEmpty()) {
            return Judgement.pass("left out: " + verdict.summary());
        }
        ExpectedEffect absent = observation.expect().get();
        if (verdict.outcome() != Outcome.EFFECT && verdict.outcome() != Outcome.NO_EFFECT) {
            return Judgement.fail("without " + row.field() + " the run must hand over " + absent.describe()
                    + ", but the probe gave " + verdict.summary());
        }
        for (String key : absent.keys()) {
            Optional<String> after = valueAfter(field, verdict, absent.channel().orElse(null), key);
            if (absent.value().isPresent() && !absent.value().equals(after)) {
                return Judgement.fail("without " + row.field() + " the run must hand over " + absent.describe()
                        + ", but it handed over " + after.orElse("nothing"));
            }
        }
        return Judgement.pass("left out, the run hands over " + absent.describe() + ": " + verdict.summary());
    }

    /** A key's canonical value in the probe run: its change if it changed, else its value in the base trace. */
    private static Optional<String> valueAfter(ProbedField field, Verdict verdict, String channel, String key) {
        for (Change change : verdict.changes()) {
            if ((channel == null || change.channel().equals(channel)) && ExpectedEffect.keyMatches(key, change.key())) {
                return Optional.ofNullable(change.after());
            }
        }
        return TraceDiff.valueOf(field.base(), channel, key);
    }

    private static Judgement hasEffect(ClassificationRow row, Verdict verdict, ExpectedEffect expect) {
        if (verdict.outcome() != Outcome.EFFECT) {
            return Judgement.fail(row.field() + " must have an effect on " + expect.describe()
                    + " (" + row.treatment().word() + ": " + row.reason() + ") but the probe gave " + verdict.summary());
        }
        List<Change> onChannel = verdict.changes().stream()
                .filter(c -> expect.channel().map(c.channel()::equals).orElse(true))
                .collect(Collectors.toList());
        if (onChannel.isEmpty()) {
            return Judgement.fail(row.field() + " must change " + expect.describe() + " but the probe changed only "
                    + verdict.changedChannels() + ": " + verdict.summary());
        }
        for (String key : expect.keys()) {
            Optional<Change> change = onChannel.stream().filter(c -> ExpectedEffect.keyMatches(key, c.key())).findFirst();
            if (change.isEmpty()) {
                return Judgement.fail(row.field() + " must change " + expect.describe() + " but " + key
                        + " did not change; changed: " + onChannel.stream().map(Change::describe)
                        .collect(Collectors.joining("; ")));
            }
            if (expect.value().isPresent() && !expect.value().get().equals(change.get().after())) {
                return Judgement.fail(row.field() + " must map to " + expect.describe() + " but the run handed over "
                        + change.get().describe());
            }
        }
        return Judgement.pass("effect as classified (" + expect.describe() + "): "
                + onChannel.stream().map(Change::describe).collect(Collectors.joining("; ")));
    }

    /**
     * A field whose arming switch is off: its effect is not expected, and the probe must change nothing
     * the effect names. A refusal of a valid value still fails, as for a {@code keep} field.
     */
    private static Judgement disarmed(ClassificationRow row, Verdict verdict, ExpectedEffect expect, String why) {
        String switchName = row.armedBy().orElseThrow().sibling();
        if (verdict.outcome() == Outcome.REJECTED) {
            return Judgement.fail(row.field() + " is disarmed (" + why + "), yet a valid value was refused: "
                    + verdict.summary());
        }
        List<Change> named = verdict.changes().stream()
                .filter(c -> expect.channel().map(c.channel()::equals).orElse(true))
                .filter(c -> expect.keys().isEmpty() || expect.keys().stream().anyMatch(k -> ExpectedEffect.keyMatches(k, c.key())))
                .collect(Collectors.toList());
        if (!named.isEmpty()) {
            return Judgement.fail(row.field() + " takes effect only while " + switchName + " is on, and here it is off ("
                    + why + "), yet the probe changed " + named.stream().map(Change::describe)
                            .collect(Collectors.joining("; ")));
        }
        return Judgement.pass("disarmed (" + why + "): " + row.field() + " changes nothing on " + expect.describe()
                + " while " + switchName + " is off: " + verdict.summary());
    }

    private static Optional<Judgement> forbidden(ClassificationRow row, Verdict verdict) {
        for (ForbiddenEffect forbidden : row.forbidden()) {
            for (Change change : verdict.changes()) {
                if (change.channel().equals(forbidden.channel()) && ExpectedEffect.keyMatches(forbidden.key(), change.key())) {
                    return Optional.of(Judgement.fail(row.field() + " changed " + change.describe()
                            + ", which it must never do: " + forbidden.why()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a probe was refused at validation for other fields only: the new value is itself valid,
     * so the refusal shows that the field selects the shape of the rest (an {@code inference} spec takes
     * fields an {@code echo} spec does not). A refusal that names the field itself, or a field inside
     * it, shows nothing: the probe value was simply wrong.
     */
    private static boolean refusesOnlyOtherFields(Verdict verdict, String pointer) {
        return verdict.outcome() == Outcome.REJECTED && verdict.rejectedBy() == Verdict.Stage.PARSE
                && !verdict.violations().isEmpty() && verdict.violations().stream().map(Diagnostic::pointer)
                        .noneMatch(at -> at.equals(pointer) || at.startsWith(pointer + "/"));
    }

    private static Judgement undocumented(ProbedField field) {
        List<Verdict> verdicts = field.observations().stream().map(ProbedField.Observation::verdict)
                .collect(Collectors.toList());
        Optional<Verdict> use = verdicts.stream().filter(Verdict::showsRuntimeUse).findFirst();
        if (use.isPresent()) {
            return Judgement.pass("read by the runtime: " + use.get().summary());
        }
        Optional<Verdict> discriminates = field.observations().stream()
                .filter(o -> o.probe() instanceof Probe.Perturb && refusesOnlyOtherFields(o.verdict(), field.pointer()))
                .map(ProbedField.Observation::verdict).findFirst();
        if (discriminates.isPresent()) {
            return Judgement.pass("decides which other fields are valid: " + discriminates.get().summary());
        }
        return Judgement.fail("undocumented no-op: no probe changed the run ("
                + field.observations().stream().map(o -> o.probe().kind().word() + ": " + o.verdict().summary())
                        .collect(Collectors.joining("; "))
                + ") and no classification row covers " + field.pointer());
    }
}
