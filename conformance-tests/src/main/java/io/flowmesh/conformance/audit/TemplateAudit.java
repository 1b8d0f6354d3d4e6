package io.flowmesh.conformance.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.classification.ExpectedEffect;
import io.flowmesh.conformance.classification.Injection;
import io.flowmesh.conformance.classification.Judgement;
import io.flowmesh.conformance.classification.ProbeValue;
import io.flowmesh.conformance.classification.ProbedField;
import io.flowmesh.conformance.classification.Treatment;
import io.flowmesh.conformance.classification.VerdictRules;
import io.flowmesh.conformance.probe.FieldOccurrence;
import io.flowmesh.conformance.probe.Perturbation;
import io.flowmesh.conformance.probe.Pointers;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.ProbeRunner;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.probe.Values;
import io.flowmesh.conformance.probe.Verdict;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.Diagnostic;
import io.flowmesh.conformance.spi.ParseResult;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Audits one template: validates it, runs it twice (the traces must be byte-identical), probes every
 * field (remove and perturb, or the classification's exact values) and injects every removed field the
 * template lacks, then judges each verdict against the classification.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TemplateAudit {

    /** The check a template gets when its audit overruns the budget; selecting it selects the whole template. */
    static final String WITHIN_BUDGET = "within-budget";

    /** How much of each changed value a judged probe keeps for the report. */
    private static final int KEPT_VALUE_CHARACTERS = 4096;

    private final Template template;
    private final WorkflowImplementation implementation;
    private final Classification classification;
    private final ProbeRunner runner;
    private final Deviations deviations;
    private final Selection selection;

    /**
     * @param template the template
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param runner runs the template and its probes through the implementation
     * @param deviations the implementation's known deviations, held as strict expected failures
     */
    public TemplateAudit(Template template, WorkflowImplementation implementation, Classification classification,
            ProbeRunner runner, Deviations deviations) {
        this(template, implementation, classification, runner, deviations, Selection.all());
    }

    /**
     * An audit of the selected checks of the template only. A probe runs only when selected; the checks
     * that every probe needs (readable, valid, runs) still run, and are reported when selected or when
     * they fail, since then the selected probes could not run; {@code deterministic} runs only when selected.
     *
     * @param selection the checks to run
     */
    TemplateAudit(Template template, WorkflowImplementation implementation, Classification classification,
            ProbeRunner runner, Deviations deviations, Selection selection) {
        this.template = template;
        this.implementation = implementation;
        this.classification = classification;
        this.runner = runner;
        this.deviations = deviations;
        this.selection = selection;
    }

    /**
     * The checks an audit of this template plans, in the order it runs them, without running anything:
     * they follow from the template's text and the classification alone, so that an ID names the same
     * check whatever the order of the corpus or the other fields of the template.
     */
    static List<PlannedCheck> planned(Template template, Classification classification) {
        String file = template.file();
        List<PlannedCheck> planned = new ArrayList<>();
        planned.add(PlannedCheck.whole(file, template.stem() + "/" + WITHIN_BUDGET));
        if (template.readProblem().isPresent()) {
            planned.add(PlannedCheck.template(file, template.stem() + "/readable"));
            return planned;
        }
        for (String id : List.of("valid", "runs", "deterministic")) {
            planned.add(PlannedCheck.template(file, template.stem() + "/" + id));
        }
        JsonNode tree;
        try {
            tree = TemplateTree.read(template.yaml());
        } catch (TemplateTree.TemplateReadException e) {
            return planned;
        }
        for (FieldOccurrence field : FieldOccurrence.allIn(tree)) {
            Optional<ClassificationRow> row = classification.rowFor(field.pointer());
            for (PlannedProbe probe : plan(classification, field, row)) {
                planned.add(PlannedCheck.probe(file, template.stem() + field.pointer() + "/" + probe.probe().idSuffix(),
                        row.map(ClassificationRow::id)));
            }
        }
        for (PlannedInjection injection : plannedInjections(classification, tree)) {
            planned.add(PlannedCheck.probe(file, template.stem() + injection.probe().pointer() + "/"
                    + injection.probe().idSuffix(), Optional.of(injection.row().id())));
        }
        return planned;
    }

    /** Runs every check of this template, known deviations applied. */
    public TemplateReport report() {
        return deviations.apply(selected(measure()));
    }

    /** The report of the selected checks, and of the unselected ones that failed and so kept the selected from running. */
    private TemplateReport selected(TemplateReport measured) {
        if (selection.isAll()) {
            return measured;
        }
        List<TemplateCheck> checks = measured.checks().stream().filter(c -> !c.pass() || selection.selects(c.id())).toList();
        return new TemplateReport(measured.file(), measured.valid(), measured.violations(), measured.warnings(),
                measured.skipped(), checks, measured.probes());
    }

    private TemplateReport measure() {
        if (template.readProblem().isPresent()) {
            return failed(List.of(), List.of(), check("readable", "is readable", false, template.readProblem().get()));
        }
        JsonNode tree = null;
        TemplateTree.TemplateReadException unreadable = null;
        try {
            tree = TemplateTree.read(template.yaml());
        } catch (TemplateTree.TemplateReadException e) {
            unreadable = e;
        }
        // A template of a task type the implementation does not run is not its to judge, not even by
        // its parser: it is skipped before the parser's verdict counts.
        Optional<String> missing = tree == null ? Optional.empty() : missingCapability(tree, implementation.capabilities());
        if (missing.isPresent()) {
            return new TemplateReport(template.file(), false, List.of(), List.of(), missing, List.of(), List.of());
        }
        ParseResult parsed;
        try {
            parsed = implementation.parse(template.yaml(), template.file());
        } catch (RuntimeException e) {
            return failed(List.of(), List.of(), check("valid", "is accepted by the parser", false,
                    "the implementation failed while parsing: " + e));
        }
        if (!parsed.isValid()) {
            return failed(parsed.violations(), parsed.warnings(), check("valid", "is accepted by the parser", false,
                    parsed.violations().size() + " violation(s), first: " + parsed.violations().get(0).format()));
        }
        if (unreadable != null) {
            return failed(List.of(), parsed.warnings(), check("valid", "is readable by the kit", false,
                    "the implementation accepted it but the kit cannot read it: " + unreadable.getMessage()));
        }
        List<TemplateCheck> checks = new ArrayList<>();
        checks.add(check("valid", "is accepted by the parser", true,
                parsed.warnings().isEmpty() ? "no violations, no warnings" : parsed.warnings().size() + " warning(s)"));
        ProbeRunner.BaseRun base = runner.runBase(template.yaml());
        if (base instanceof ProbeRunner.BaseRun.Failed failed) {
            checks.add(check("runs", "runs", false, failed.verdict().summary()));
            return new TemplateReport(template.file(), true, List.of(), parsed.warnings(), Optional.empty(), checks, List.of());
        }
        ProbeRunner.BaseRun.Completed completed = (ProbeRunner.BaseRun.Completed) base;
        checks.add(check("runs", "runs", true, completed.trace().effects().size() + " effects"));
        if (selection.selects(template.stem() + "/deterministic")) {
            checks.add(determinism(completed));
        }
        List<ProbeCheck> probes = new ArrayList<>();
        for (FieldOccurrence field : FieldOccurrence.allIn(tree)) {
            probes.addAll(probeField(tree, field, completed));
        }
        probes.addAll(injections(tree, completed));
        return new TemplateReport(template.file(), true, List.of(), parsed.warnings(), Optional.empty(), checks, probes);
    }

    private TemplateReport failed(List<Diagnostic> violations,
            List<Diagnostic> warnings, TemplateCheck check) {
        return new TemplateReport(template.file(), false, violations, warnings, Optional.empty(), List.of(check), List.of());
    }

    private TemplateCheck determinism(ProbeRunner.BaseRun.Completed first) {
        ProbeRunner.BaseRun again = runner.runBase(template.yaml());
        if (!(again instanceof ProbeRunner.BaseRun.Completed second)) {
            return check("deterministic", "gives the same trace twice", false,
                    "the second run did not complete: " + ((ProbeRunner.BaseRun.Failed) again).verdict().summary());
        }
        String a = TraceJson.write(first.trace());
        String b = TraceJson.write(second.trace());
        if (a.equals(b)) {
            return check("deterministic", "gives the same trace twice", true,
                    "byte-identical traces (" + a.length() + " bytes)");
        }
        List<String> linesA = a.lines().collect(Collectors.toList());
        List<String> linesB = b.lines().collect(Collectors.toList());
        int i = 0;
        while (i < Math.min(linesA.size(), linesB.size()) && linesA.get(i).equals(linesB.get(i))) {
            i++;
        }
        return check("deterministic", "gives the same trace twice", false,
                "the trace is not deterministic: effect " + (i + 1) + " differs between two runs: "
                        + (i < linesA.size() ? linesA.get(i) : "(absent)") + " vs "
                        + (i < linesB.size() ? linesB.get(i) : "(absent)"));
    }

    private List<ProbeCheck> probeField(JsonNode tree, FieldOccurrence field, ProbeRunner.BaseRun.Completed base) {
        Optional<ClassificationRow> row = classification.rowFor(field.pointer());
        List<ProbedField.Observation> observations = new ArrayList<>();
        for (PlannedProbe planned : plan(classification, field, row)) {
            if (!selection.selects(probeId(field.pointer(), planned.probe()))) {
                continue;
            }
            Verdict verdict = runner.run(planned.probe(), tree, base);
            observations.add(new ProbedField.Observation(planned.probe(), verdict, planned.expect()));
        }
        Optional<Diagnostic> declaredNoEffect = base.warnings().stream()
                .filter(w -> w.pointer().equals(field.pointer()) && w.declaresNoEffect()).findFirst();
        Optional<String> disarmed = row.flatMap(ClassificationRow::armedBy).flatMap(a -> a.disarmed(tree, field.pointer()));
        ProbedField probed = new ProbedField(field.pointer(), row, observations, base.trace(), declaredNoEffect, disarmed);
        List<Judgement> judgements = VerdictRules.judge(probed);
        List<ProbeCheck> checks = new ArrayList<>();
        for (int i = 0; i < observations.size(); i++) {
            ProbedField.Observation o = observations.get(i);
            checks.add(new ProbeCheck(probeId(field.pointer(), o.probe()), field.pointer(),
                    o.probe().kind(), row.map(ClassificationRow::id).orElse(null),
                    row.map(ClassificationRow::treatment).orElse(null), o.probe().describe(),
                    o.verdict().abbreviated(KEPT_VALUE_CHARACTERS), judgements.get(i)));
        }
        return checks;
    }

    /**
     * Remove (expecting the row's {@code whenAbsent} effect, if it names one), perturb (to the row's
     * first exact value that differs from the template's, else the default perturbation; with
     * {@code anyProbe}, to each such value), and one probe per invalid value the row lists.
     */
    private static List<PlannedProbe> plan(Classification classification, FieldOccurrence field,
            Optional<ClassificationRow> row) {
        List<PlannedProbe> planned = new ArrayList<>();
        planned.add(new PlannedProbe(new Probe.Remove(field.pointer()), row.flatMap(r -> r.values().whenAbsent())));
        List<ProbeValue> differing = row.map(r -> r.probes().stream()
                .filter(p -> !Values.toTree(p.value()).equals(field.value())).toList()).orElse(List.of());
        Optional<ProbeValue> exact = differing.stream().findFirst();
        JsonNode after = exact.map(p -> Values.toTree(p.value()))
                .orElseGet(() -> Perturbation.of(field.value(), classification.enumMembers(field.pointer())));
        planned.add(new PlannedProbe(new Probe.Perturb(field.pointer(), field.value(), after),
                exact.flatMap(ProbeValue::expect)));
        if (row.map(ClassificationRow::anyProbe).orElse(false)) {
            for (int i = 1; i < differing.size(); i++) {
                planned.add(new PlannedProbe(new Probe.Perturb(field.pointer(), field.value(),
                        Values.toTree(differing.get(i).value()), i), differing.get(i).expect()));
            }
        }
        for (Object invalid : row.map(r -> r.values().rejects()).orElse(List.of())) {
            JsonNode value = Values.toTree(invalid);
            if (!value.equals(field.value())) {
                planned.add(new PlannedProbe(new Probe.Invalid(field.pointer(), field.value(), value), Optional.empty()));
            }
        }
        return planned;
    }

    private List<ProbeCheck> injections(JsonNode tree, ProbeRunner.BaseRun.Completed base) {
        List<ProbeCheck> checks = new ArrayList<>();
        for (PlannedInjection injection : plannedInjections(classification, tree)) {
            Probe.Inject probe = injection.probe();
            String id = probeId(probe.pointer(), probe);
            if (!selection.selects(id)) {
                continue;
            }
            ClassificationRow row = injection.row();
            Verdict verdict = runner.run(probe, tree, base);
            checks.add(new ProbeCheck(id, probe.pointer(), probe.kind(), row.id(), row.treatment(), probe.describe(),
                    verdict.abbreviated(KEPT_VALUE_CHARACTERS), VerdictRules.judgeInjection(row, probe.pointer(), verdict)));
        }
        return checks;
    }

    /** One injection per removed row that names one, into the first mapping of the template that lacks its key. */
    private static List<PlannedInjection> plannedInjections(Classification classification, JsonNode tree) {
        List<PlannedInjection> planned = new ArrayList<>();
        for (ClassificationRow row : classification.rows()) {
            if (row.treatment() != Treatment.REMOVE || row.injection().isEmpty()) {
                continue;
            }
            Injection injection = row.injection().get();
            firstMapping(tree, "", injection).ifPresent(parent -> planned.add(new PlannedInjection(row,
                    new Probe.Inject(parent + "/" + Pointers.escape(injection.key()), Values.toTree(injection.value())))));
        }
        return planned;
    }

    private String probeId(String pointer, Probe probe) {
        return template.stem() + pointer + "/" + probe.idSuffix();
    }

    private static Optional<String> firstMapping(JsonNode node, String pointer, Injection injection) {
        if (node.isObject()) {
            if (injection.into().matches(pointer) && !node.has(injection.key())) {
                return Optional.of(pointer);
            }
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                Optional<String> found = firstMapping(entry.getValue(), pointer + "/" + Pointers.escape(entry.getKey()), injection);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<String> found = firstMapping(node.get(i), pointer + "/" + i, injection);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> missingCapability(JsonNode tree, Capabilities capabilities) {
        TreeSet<String> taskTypes = new TreeSet<>();
        tree.findValues("taskType").forEach(v -> {
            if (v.isTextual()) {
                taskTypes.add(v.textValue());
            }
        });
        taskTypes.removeIf(capabilities::supportsTaskType);
        return taskTypes.isEmpty() ? Optional.empty()
                : Optional.of("the implementation does not declare task type(s) " + taskTypes);
    }

    private TemplateCheck check(String id, String name, boolean pass, String reason) {
        return new TemplateCheck(template.stem() + "/" + id, name, pass, reason);
    }

    private record PlannedProbe(Probe probe, Optional<ExpectedEffect> expect) {
    }

    private record PlannedInjection(ClassificationRow row, Probe.Inject probe) {
    }
}
