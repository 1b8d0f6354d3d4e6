package io.flowmesh.conformance.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.classification.Treatment;
import io.flowmesh.conformance.contract.ContractCheck;
import io.flowmesh.conformance.contract.ContractSuite;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.ProbeRunner;
import io.flowmesh.conformance.report.AuditReport;
import io.flowmesh.conformance.report.ProbeCheck;
import io.flowmesh.conformance.report.RowReport;
import io.flowmesh.conformance.report.Summary;
import io.flowmesh.conformance.report.TemplateCheck;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import org.apiguardian.api.API;

/**
 * Audits a corpus of templates against one implementation and one classification: every template's
 * fields probed, and every contract case of the kit run and judged by its own oracle.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Audit {

    private final WorkflowImplementation implementation;
    private final Classification classification;
    private final RunOptions options;
    private final ProbeRunner runner;
    private final Deviations deviations;
    private final RowScope scope;
    private final Budget budget;
    private final int jobs;
    private final Progress progress;
    private final Selection selection;

    /** Told each time a template's audit is done, from whichever thread audited it. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param done how many templates are audited so far
         * @param total how many the audit has
         */
        void templateDone(int done, int total);
    }

    /**
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param options the run options every run gets
     */
    public Audit(WorkflowImplementation implementation, Classification classification, RunOptions options) {
        this(implementation, classification, options, Deviations.none());
    }

    /**
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param options the run options every run gets
     * @param deviations the implementation's known deviations, held as strict expected failures
     */
    public Audit(WorkflowImplementation implementation, Classification classification, RunOptions options,
            Deviations deviations) {
        this(implementation, classification, options, deviations, RowScope.ALL);
    }

    /**
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param options the run options every run gets
     * @param deviations the implementation's known deviations, held as strict expected failures
     * @param scope which rows are judged: all, or only those the templates use
     */
    public Audit(WorkflowImplementation implementation, Classification classification, RunOptions options,
            Deviations deviations, RowScope scope) {
        this(implementation, classification, options, deviations, scope, new Budget(Budget.DEFAULT));
    }

    /**
     * @param implementation the implementation under test
     * @param classification the classification to judge against
     * @param options the run options every run gets
     * @param deviations the implementation's known deviations, held as strict expected failures
     * @param scope which rows are judged: all, or only those the templates use
     * @param budget the time each template's audit may take; an overrun is that template's failure
     */
    public Audit(WorkflowImplementation implementation, Classification classification, RunOptions options,
            Deviations deviations, RowScope scope, Budget budget) {
        this(implementation, classification, options, deviations, scope, budget, 1, (done, total) -> { }, Selection.all());
    }

    private Audit(WorkflowImplementation implementation, Classification classification, RunOptions options,
            Deviations deviations, RowScope scope, Budget budget, int jobs, Progress progress, Selection selection) {
        this.budget = budget;
        this.implementation = implementation;
        this.classification = classification;
        this.options = options;
        this.runner = new ProbeRunner(implementation, options);
        this.deviations = deviations;
        this.scope = scope;
        this.jobs = jobs;
        this.progress = progress;
        this.selection = selection;
    }

    /**
     * The same audit on up to {@code jobs} threads, when the implementation declares it may be called
     * concurrently ({@link io.flowmesh.conformance.spi.Capabilities#concurrent()}); otherwise on one.
     * Templates and the contract cases are independent, and the report lists them in corpus order, so
     * it is the same byte for byte whatever the number of jobs.
     */
    public Audit inParallel(int jobs) {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
        }
        return new Audit(implementation, classification, options, deviations, scope, budget, jobs, progress, selection);
    }

    /** The same audit, telling {@code listener} as each template is done (e.g. a progress line on a terminal). */
    public Audit reporting(Progress listener) {
        return new Audit(implementation, classification, options, deviations, scope, budget, jobs, listener, selection);
    }

    /**
     * The same audit running only the selected checks: only the templates and contracts with a selected
     * check run, the report holds the selected checks (and the failed prerequisites that kept one from
     * running), and its summary and verdict say that it is a selection, never a conformance verdict.
     */
    public Audit selecting(Selection checks) {
        return new Audit(implementation, classification, options, deviations, scope, budget, jobs, progress, checks);
    }

    /** The audit of one template. */
    public TemplateAudit of(Template template) {
        return new TemplateAudit(template, implementation, classification, runner, deviations, selection);
    }

    /** Runs the kit's contract cases against the implementation, known deviations applied. */
    public List<ContractCheck> contracts() {
        return judged(ContractSuite.standard(classification).run(implementation, options, selection::selectsContract));
    }

    private List<ContractCheck> judged(List<ContractCheck> cases) {
        return deviations.applyToContracts(selection.isAll() ? cases
                : cases.stream().filter(c -> c.status() == ContractCheck.Status.NOT_APPLICABLE || selection.selects(c.id()))
                        .toList());
    }

    /**
     * Audits every template, each within the budget, runs the contract cases, and regenerates the RFC
     * table from what was measured.
     */
    public AuditReport run(List<Template> corpus) {
        Ran ran = run(corpus, true);
        return assemble(ran.templates(), ran.reports(), ran.contracts());
    }

    /**
     * The templates' reports alone, audited as {@link #run} audits them but without the contract cases,
     * whose cost does not grow with the corpus: what {@code bench} sweeps corpus sizes with.
     */
    public List<TemplateReport> templateReports(List<Template> corpus) {
        return run(corpus, false).reports();
    }

    private record Ran(List<Template> templates, List<TemplateReport> reports, List<ContractCheck> contracts) {
    }

    /**
     * The units of an audit, each template and each contract, on up to {@code jobs} threads; the contracts
     * share one set of inputs the kit writes for them. The contracts go first, then the templates longest
     * first: the long units started first keep the last thread from finishing alone. Results are gathered
     * in corpus and contract order, whatever ran first.
     */
    private Ran run(List<Template> corpus, boolean withContracts) {
        List<Template> templates = corpus.stream().filter(t -> selection.selectsTemplate(t.file())).toList();
        ContractSuite suite = ContractSuite.standard(classification);
        List<String> contractIds = withContracts ? suite.ids().stream().filter(selection::selectsContract).toList()
                : List.of();
        int units = templates.size() + contractIds.size();
        int threads = implementation.capabilities().concurrent() ? Math.max(1, Math.min(jobs, units)) : 1;
        AtomicInteger done = new AtomicInteger();
        Function<Template, TemplateReport> audited = template -> {
            TemplateReport report = guarded(template);
            progress.templateDone(done.incrementAndGet(), templates.size());
            return report;
        };
        if (threads <= 1) {
            List<TemplateReport> reports = new ArrayList<>();
            for (Template template : templates) {
                reports.add(audited.apply(template));
            }
            List<ContractCheck> contracts = new ArrayList<>();
            if (!contractIds.isEmpty()) {
                try (ContractSuite.Session session = suite.open(implementation, options)) {
                    contractIds.forEach(id -> contracts.addAll(guardedContract(session, id)));
                }
            }
            return new Ran(templates, reports, withContracts ? judged(contracts) : List.of());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "flowmesh-audit");
            thread.setDaemon(true);
            return thread;
        });
        try (ContractSuite.Session session = contractIds.isEmpty() ? null : suite.open(implementation, options)) {
            List<Future<List<ContractCheck>>> contractFutures = new ArrayList<>();
            for (String id : contractIds) {
                contractFutures.add(pool.submit(() -> guardedContract(session, id)));
            }
            List<Future<TemplateReport>> futures = new ArrayList<>(Collections.nCopies(templates.size(), null));
            for (int i : longestFirst(templates)) {
                futures.set(i, pool.submit(() -> audited.apply(templates.get(i))));
            }
            List<TemplateReport> reports = new ArrayList<>();
            for (Future<TemplateReport> future : futures) {
                reports.add(joined(future));
            }
            List<ContractCheck> contracts = new ArrayList<>();
            for (Future<List<ContractCheck>> future : contractFutures) {
                contracts.addAll(joined(future));
            }
            return new Ran(templates, reports, withContracts ? judged(contracts) : List.of());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The templates' indexes, the longest text first: a template's probes grow with its fields, so the long ones,
     * started first, leave the short ones to even out the threads at the end.
     */
    private static List<Integer> longestFirst(List<Template> templates) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < templates.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> templates.get(i).yaml().length()).reversed());
        return order;
    }

    /** A unit's result; the units guard themselves, so only an interrupt of the audit itself gets here. */
    private static <T> T joined(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the audit was interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a guarded audit unit failed outside its guard", e.getCause());
        }
    }

    /**
     * One template's audit under the budget: an overrun, an exhausted heap or any failure of the kit
     * or the implementation is this template's failed {@code within-budget} check, and the audit goes on.
     */
    TemplateReport guarded(Template template) {
        Budget.Outcome<TemplateReport> outcome = Budget.guard(() -> of(template).report(), budget.perTemplate(),
                "the audit of this template");
        if (outcome instanceof Budget.Done<TemplateReport> done) {
            return done.value();
        }
        String why = ((Budget.Overran<TemplateReport>) outcome).why();
        return deviations.apply(new TemplateReport(template.file(), false, List.of(), List.of(), java.util.Optional.empty(),
                List.of(new TemplateCheck(template.stem() + "/within-budget", "is audited within the budget", false, why)),
                List.of()));
    }

    /** One contract's cases under a budget of their own: four template budgets. */
    private List<ContractCheck> guardedContract(ContractSuite.Session session, String id) {
        Budget.Outcome<List<ContractCheck>> outcome = Budget.guard(() -> session.check(id),
                budget.perTemplate().multipliedBy(4), "the cases of contract " + id);
        if (outcome instanceof Budget.Done<List<ContractCheck>> done) {
            return done.value();
        }
        return List.of(new ContractCheck(id, "within-budget", "the contract's cases finish within their budget",
                List.of(), ContractCheck.Status.FAILED, "every case of the contract judged",
                ((Budget.Overran<List<ContractCheck>>) outcome).why()));
    }

    /**
     * Builds the row table, the row checks and the summary from per-template reports and contract
     * cases. A row counts its uses in every template of the corpus, valid or not, as the RFC counted
     * them; it is measured where probes or contract cases exercised it.
     */
    public AuditReport assemble(List<Template> templates, List<TemplateReport> reports, List<ContractCheck> contracts) {
        Map<String, Integer> uses = RowUses.in(templates, classification);
        Map<String, Integer> usesInSkipped = RowUses.in(skipped(templates, reports), classification);
        boolean anyProbed = reports.stream().anyMatch(r -> !r.probes().isEmpty());
        List<RowReport> rows = new ArrayList<>();
        List<TemplateCheck> measured = new ArrayList<>();
        for (ClassificationRow row : classification.rows()) {
            RowReport rowReport = rowReport(row, uses.getOrDefault(row.id(), 0), reports, contracts,
                    usesInSkipped.getOrDefault(row.id(), 0), anyProbed);
            boolean selected = selection.selects(rowReport.measured().id());
            // A selection's table shows the rows it measured or selected, not the rows it did not run.
            if (selected || rowReport.injections() + rowReport.passed() + rowReport.failed() + rowReport.contractsPassed()
                    + rowReport.contractsFailed() > 0) {
                rows.add(rowReport);
            }
            if (rowReport.applicable() && selected) {
                measured.add(rowReport.measured());
            }
        }
        List<TemplateCheck> rowChecks = new ArrayList<>(measured);
        Set<String> ran = checkIds(reports, measured, contracts);
        // A deviation of a check the selection did not run names a check all the same.
        ran.addAll(deviations.listed().stream().filter(id -> !selection.selects(id)).toList());
        rowChecks.addAll(deviations.unmatched(ran));
        return new AuditReport(implementation.name(), implementation.version(), classification.source(),
                summary(reports, rowChecks, contracts, selection), rows, rowChecks, reports, contracts,
                implementation.capabilities().taskTypes());
    }

    /** The templates the audit skipped for a capability the implementation lacks. */
    private static List<Template> skipped(List<Template> templates, List<TemplateReport> reports) {
        Set<String> skipped = new HashSet<>();
        reports.stream().filter(r -> r.skipped().isPresent()).forEach(r -> skipped.add(r.file()));
        return templates.stream().filter(t -> skipped.contains(t.file())).toList();
    }

    private static Set<String> checkIds(List<TemplateReport> reports, List<TemplateCheck> rowChecks,
            List<ContractCheck> contracts) {
        Set<String> ids = new HashSet<>();
        rowChecks.forEach(c -> ids.add(c.id()));
        contracts.forEach(c -> ids.add(c.id()));
        for (TemplateReport report : reports) {
            report.checks().forEach(c -> ids.add(c.id()));
            report.probes().forEach(p -> ids.add(p.id()));
        }
        return ids;
    }

    /**
     * The check that a row was measured at all: a table row nothing exercised proves nothing. Uses alone
     * do not measure a row, since they also count templates that were refused and never probed.
     */
    private TemplateCheck rowCheck(ClassificationRow row, int uses, int injections, int probes, int contractCases,
            String verdicts) {
        String id = rowCheckId(row);
        String name = row.field() + " is measured";
        if (probes + contractCases == 0) {
            String how = row.treatment() == Treatment.REMOVE ? "no template could take an injection of it"
                    : uses > 0 ? uses + " template use(s), but only in templates that were not probed (refused or not run),"
                            + " and no contract case backs it"
                    : "no audited template uses it and no contract case backs it";
            return deviations.apply(List.of(new TemplateCheck(id, name, false, "not measured: " + how))).get(0);
        }
        return deviations.apply(List.of(new TemplateCheck(id, name, true, uses + " template use(s), " + injections
                + " injection(s), " + contractCases + " contract case(s): " + verdicts))).get(0);
    }

    /** The stable ID of the check that a row was measured: {@code classification/<row>/measured}. */
    static String rowCheckId(ClassificationRow row) {
        return "classification/" + row.id() + "/measured";
    }

    private RowReport rowReport(ClassificationRow row, int uses, List<TemplateReport> reports, List<ContractCheck> contracts,
            int usesInSkipped, boolean anyProbed) {
        int injections = 0;
        int passed = 0;
        int failed = 0;
        Map<String, Integer> verdicts = new TreeMap<>();
        for (TemplateReport report : reports) {
            for (ProbeCheck check : report.probes()) {
                if (row.id().equals(check.classificationId())) {
                    verdicts.merge(check.verdict().outcome().name(), 1, Integer::sum);
                    injections += check.kind() == Probe.Kind.INJECT ? 1 : 0;
                    if (check.pass()) {
                        passed++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        List<ContractCheck> backing = contracts.stream()
                .filter(c -> c.rows().contains(row.id()) && c.status() != ContractCheck.Status.NOT_APPLICABLE).toList();
        int contractsPassed = (int) backing.stream().filter(ContractCheck::pass).count();
        TemplateCheck measured = rowCheck(row, uses, injections, passed + failed, backing.size(),
                RowReport.verdictLine(verdicts));
        boolean contractsLacking = contracts.stream()
                .anyMatch(c -> c.rows().contains(row.id()) && c.status() == ContractCheck.Status.NOT_APPLICABLE);
        Optional<String> notApplicable = measured.pass() ? Optional.empty()
                : notApplicable(row, uses, usesInSkipped, contractsLacking, anyProbed);
        return new RowReport(row, uses, injections, verdicts, passed, failed, contractsPassed,
                backing.size() - contractsPassed, measured, notApplicable);
    }

    /**
     * Why a row nothing measured is not judged, if that is the implementation's capabilities or the
     * corpus the scope allows, rather than a gap: its templates or contracts need task types the
     * implementation does not declare, or, judging only the rows the templates use, none uses it.
     */
    private Optional<String> notApplicable(ClassificationRow row, int uses, int usesInSkipped, boolean contractsLacking,
            boolean anyProbed) {
        if (usesInSkipped > 0 || contractsLacking || (row.treatment() == Treatment.REMOVE && !anyProbed && uses == 0)) {
            return Optional.of("measured only by templates or contract cases of task types the implementation does not"
                    + " declare");
        }
        if (scope == RowScope.USED && uses == 0) {
            return Optional.of("no audited template uses it");
        }
        return Optional.empty();
    }

    private static Summary summary(List<TemplateReport> reports, List<TemplateCheck> rowChecks,
            List<ContractCheck> contracts, Selection selection) {
        Tally tally = new Tally();
        int fields = 0;
        int probes = 0;
        int skipped = 0;
        int noOps = 0;
        for (TemplateReport report : reports) {
            if (report.skipped().isPresent()) {
                skipped++;
                continue;
            }
            report.checks().forEach(c -> tally.count(c.pass(), c.knownDeviation()));
            String lastPointer = null;
            for (ProbeCheck check : report.probes()) {
                probes++;
                tally.count(check.pass(), check.judgement().knownDeviation());
                if (check.probesTemplateField() && !check.pointer().equals(lastPointer)) {
                    fields++;
                    if (check.classificationId() == null && !check.pass()) {
                        noOps++;
                    }
                    lastPointer = check.pointer();
                }
            }
        }
        rowChecks.forEach(c -> tally.count(c.pass(), c.knownDeviation()));
        int cases = 0;
        int notApplicable = 0;
        for (ContractCheck contract : contracts) {
            if (contract.status() == ContractCheck.Status.NOT_APPLICABLE) {
                notApplicable++;
            } else {
                cases++;
                tally.count(contract.pass(), contract.status() == ContractCheck.Status.EXPECTED_FAILURE);
            }
        }
        return new Summary(reports.size(), fields, probes, cases, tally.passed + tally.failed, tally.passed,
                tally.failed, skipped, notApplicable, noOps, tally.expected, selection.how());
    }

    /** Counts judged checks. */
    private static final class Tally {
        int passed;
        int failed;
        int expected;

        void count(boolean pass, boolean knownDeviation) {
            if (pass) {
                passed++;
            } else {
                failed++;
            }
            expected += knownDeviation ? 1 : 0;
        }
    }
}
