package io.flowmesh.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Budget;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.report.TemplateReport;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.suite.SuiteSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/**
 * {@code bench}: the audit's cost against a plain YAML-parse baseline measured in the same run (by a JVM of
 * its own, asked between the audits), so that the figures are ratios that hold from one machine to the
 * next. Whole audits first run unmeasured until the JIT has settled ({@link Timings#warmUntilSettled}, at most
 * {@code --warmup-seconds}), and so does the baseline's JVM; then each figure is the median of measured runs
 * after warm-up runs, with its spread, every run with an implementation of its own:
 * <ol>
 *   <li>a probe's cost in plain parses of its own template, averaged over the templates, the templates'
 *       parses measured in a JVM of their own before each round of their audits; with it the baseline, a
 *       plain parse of each bundled template;</li>
 *   <li>the whole audit (templates and contract cases) with {@code --jobs 1} and {@code --jobs N}, measured
 *       in turns, and the speed-up, the median of the rounds' ratios, beside the speed-up that N threads
 *       give plain parses in the baseline's JVM in the same rounds: the machine's own ceiling for work
 *       that allocates as an audit does;</li>
 *   <li>the whole audit in a fresh JVM, start included, as {@code audit} runs from the command line;</li>
 *   <li>a corpus-size sweep of generated templates, their probes without the contract cases (a fixed cost,
 *       timed on its own): seconds per template and per thousand fields, each size against the first (sizes
 *       up to 1,000 measured in turns, round by round), so that a cost that is not linear in templates x
 *       fields shows.</li>
 * </ol>
 * Progress goes to stderr on a terminal.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures the audit against a plain YAML-parse baseline taken in the same run: a probe's cost in"
                + " parses, --jobs scaling, a fresh JVM, and a corpus-size sweep (medians and spread).")
final class BenchCommand extends InputCheckedCommand {

    private static final int PARSES_PER_MEASUREMENT = 50;

    @Mixin
    private AuditOptions options;

    @Option(names = "--sweep", paramLabel = "N[,N...]", split = ",", defaultValue = "100,1000",
            description = "sizes of the generated corpora (default: ${DEFAULT-VALUE}; 10000 takes minutes); 0 skips the sweep")
    private int[] sweep;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "measured runs of each figure (default: ${DEFAULT-VALUE})")
    private int rounds;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2",
            description = "unmeasured runs before each figure (default: ${DEFAULT-VALUE})")
    private int warmup;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "600",
            description = "the longest warm-up: whole audits run unmeasured until the JIT has settled (it compiled for at"
                    + " most 5%% of two windows of a second or more in a row), so that no figure pays for its compiling, but for no"
                    + " longer than this; the baseline's JVM likewise (default: ${DEFAULT-VALUE})")
    private int warmupSeconds;

    @Option(names = "--no-fresh-jvm", description = "do not time the audit in a fresh JVM, start included")
    private boolean noFreshJvm;

    @Option(names = "--by-template", description = "after the probe cost, each template's with its number of probes,"
            + " costliest first")
    private boolean byTemplate;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        if (rounds < 1 || warmup < 0 || warmupSeconds < 0 || Arrays.stream(sweep).anyMatch(n -> n < 0)) {
            throw new AuditInputException("--rounds must be >= 1, --warmup and --warmup-seconds >= 0 and --sweep sizes >= 0");
        }
        Classification classification = options.classification();
        List<Template> bundled = options.templates();
        Deviations deviations = options.deviations();
        Budget budget = options.budget();
        int jobs = options.jobs();
        WorkflowImplementation named = options.implementation();
        Stage stage = new Stage(err(), 6, !options.quiet && ProgressLine.interactive());
        try (Closing closing = Closing.of(named);
             AuditOptions.ModelStoreChoice store = options.modelStore(bundled, classification)) {
            RunOptions runOptions = options.runOptions(store, named);
            Audits audits = implementation -> new Audit(implementation, classification, runOptions, deviations,
                    options.rows.scope, budget);
            Duration warmupLimit = Duration.ofSeconds(warmupSeconds);
            out.printf(Locale.ROOT, "bench: %s, %d cores, JIT: %s; whole audits until the JIT settles (at most %d s) to warm up,"
                    + " then each figure the median of %d runs after %d warm-up runs, each run with an implementation of its"
                    + " own%n", named.name(), Runtime.getRuntime().availableProcessors(), JitSettings.mode(), warmupSeconds,
                    rounds, warmup);
            out.flush();

            stage.next("warm-up: whole audits until the JIT settles, at most " + warmupSeconds + " s");
            Timings.Warmup audited = Timings.warmUntilSettled(warmupLimit, JitSettings::compilingSeconds, System::nanoTime,
                    () -> fresh(audits, 0, 1, audit -> audit.inParallel(jobs).run(bundled)));

            stage.next("the baseline's JVM: plain parses until its JIT settles, at most " + warmupSeconds + " s");
            try (BaselineProcess baseline = BaselineProcess.start(bundled.stream().map(Template::yaml).toList(),
                    warmupLimit, PARSES_PER_MEASUREMENT)) {
                out.printf(Locale.ROOT, "warm-up     whole audits: %s; the baseline's JVM: %s%n", audited.describe(warmupLimit),
                        baseline.warmup().describe(warmupLimit));
                stage.next("a probe's cost against a plain parse, template by template");
                probeCost(out, audits, bundled, baseline);

                stage.next("whole audit, --jobs 1 and --jobs " + jobs + ", in turns, beside plain parses on 1 and "
                        + jobs + " threads");
                scaling(out, audits, bundled, baseline, jobs, named.capabilities().concurrent());
            }

            stage.next("whole audit in a fresh JVM");
            if (noFreshJvm) {
                out.println("fresh JVM   not measured (--no-fresh-jvm)");
            } else {
                freshJvm(out);
            }

            stage.next("corpus-size sweep");
            sweep(out, audits, bundled, jobs);
        }
        return ExitCodes.OK;
    }

    /** The audit the bench measures, of a given implementation. */
    @FunctionalInterface
    private interface Audits {
        Audit of(WorkflowImplementation implementation);
    }

    /**
     * Timings of work on an audit whose implementation is made anew for each run, outside the time
     * measured: an implementation may remember what it computed (the reference remembers validations),
     * and a run must not be answered from what an earlier run of the same templates left behind.
     */
    private Timings fresh(Audits audits, int warmupRuns, int measuredRuns, Consumer<Audit> work) {
        return Timings.measured(warmupRuns, measuredRuns, () -> freshRun(audits, work));
    }

    /** One run of work on an audit of an implementation of its own (see {@link #fresh}), in seconds. */
    private double freshRun(Audits audits, Consumer<Audit> work) {
        WorkflowImplementation implementation;
        try {
            implementation = options.implementation();
        } catch (AuditInputException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        try (Closing closing = Closing.of(implementation)) {
            Audit audit = audits.of(implementation);
            long start = System.nanoTime();
            work.accept(audit);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    /**
     * Each template's probes timed on their own ({@link Audit#of}, the contract cases apart) against plain
     * parses of that template measured in a JVM of their own ({@link BaselineProcess}) before each round, so
     * that a drift of the machine's speed over the minutes the bench takes moves both sides of a round
     * alike. A template's figure is the median over the rounds of its audit's time per probe over its
     * parse's time in that round; the probe cost is the mean over templates with probes, and the baseline
     * the mean of the templates' median parse.
     */
    private void probeCost(PrintWriter out, Audits audits, List<Template> bundled, BaselineProcess baseline) {
        List<List<Double>> perProbe = new ArrayList<>();
        List<List<Double>> parses = new ArrayList<>();
        bundled.forEach(t -> {
            perProbe.add(new ArrayList<>());
            parses.add(new ArrayList<>());
        });
        int[] probes = new int[bundled.size()];
        for (int round = 0; round < warmup + rounds; round++) {
            List<Double> parse = baseline.measure();
            for (int i = 0; i < bundled.size(); i++) {
                Template template = bundled.get(i);
                int index = i;
                double seconds = freshRun(audits, a -> probes[index] = a.of(template).report().probes().size());
                if (round >= warmup && probes[i] > 0) {
                    perProbe.get(i).add(seconds / probes[i] / parse.get(i));
                }
                if (round >= warmup) {
                    parses.get(i).add(parse.get(i));
                }
            }
        }
        double parseSum = 0;
        double sum = 0;
        List<TemplateCost> costs = new ArrayList<>();
        for (int i = 0; i < bundled.size(); i++) {
            parseSum += new Timings(parses.get(i)).median();
            if (perProbe.get(i).isEmpty()) {
                continue;
            }
            double cost = new Timings(perProbe.get(i)).median();
            sum += cost;
            costs.add(new TemplateCost(bundled.get(i).file(), cost, probes[i]));
        }
        costs.sort(Comparator.comparingDouble(TemplateCost::parses).reversed().thenComparing(TemplateCost::file));
        int measured = costs.size();
        out.printf(Locale.ROOT, "baseline    plain YAML parse: %.4f ms per bundled template (%d templates, warm; %d parses a"
                + " measurement, in a JVM of its own before each round)%n", parseSum / bundled.size() * 1e3, bundled.size(),
                PARSES_PER_MEASUREMENT);
        if (measured == 0) {
            out.println("probe cost  no template has probes");
            return;
        }
        out.printf(Locale.ROOT, "probe cost  %.1f plain parses of its template per probe, mean of %d templates (goal <= 3);"
                + " most: %.1f (%s)%n", sum / measured, measured, costs.get(0).parses(), costs.get(0).file());
        if (byTemplate) {
            for (TemplateCost cost : costs) {
                out.printf(Locale.ROOT, "probe cost  %6.1f plain parses per probe, %4d probes: %s%n", cost.parses(),
                        cost.probes(), cost.file());
            }
        }
    }

    /** One template's probe cost: the median over the rounds, in plain parses of it, and its probes. */
    private record TemplateCost(String file, double parses, int probes) {
    }

    /**
     * The whole audit on one and on {@code jobs} threads, and plain parses on as many threads in the
     * baseline's JVM, the four in turns in each round: the audit's speed-up is the median of the rounds'
     * ratios, set beside what the same threads give plain parses on this machine at the same minutes, a
     * ceiling for work that allocates as an audit does.
     */
    private void scaling(PrintWriter out, Audits audits, List<Template> bundled, BaselineProcess baseline, int jobs,
                         boolean concurrent) {
        List<Double> parsesOnOne = new ArrayList<>();
        List<Double> parsesOnJobs = new ArrayList<>();
        List<Double> compilingOnOne = new ArrayList<>();
        List<Double> compilingOnJobs = new ArrayList<>();
        Timings.Pair audit = Timings.alternating(warmup, rounds,
                () -> whileCompiling(compilingOnOne, () -> freshRun(audits, a -> a.inParallel(1).run(bundled))),
                () -> {
                    double seconds = whileCompiling(compilingOnJobs, () -> freshRun(audits, a -> a.inParallel(jobs).run(bundled)));
                    parsesOnOne.add(baseline.threaded(1));
                    parsesOnJobs.add(baseline.threaded(jobs));
                    return seconds;
                });
        // The warm-up rounds timed parses too; only the measured rounds' count.
        double parseScaling = new Timings.Pair(new Timings(parsesOnOne.subList(warmup, parsesOnOne.size())),
                new Timings(parsesOnJobs.subList(warmup, parsesOnJobs.size()))).medianRatio();
        out.printf(Locale.ROOT, "audit       --jobs 1: %s%s%n", audit.first().describe(1, "s"),
                compiling(compilingOnOne.subList(warmup, compilingOnOne.size())));
        out.printf(Locale.ROOT, "audit       --jobs %d: %s%s; speed-up %.2fx (median of the rounds' ratios)%s%n", jobs,
                audit.second().describe(1, "s"), compiling(compilingOnJobs.subList(warmup, compilingOnJobs.size())),
                audit.medianRatio(), concurrent ? ""
                        : " (the implementation does not declare concurrent calls, so it runs serially)");
        out.printf(Locale.ROOT, "scaling     plain parses on %d threads: %.2fx faster than on 1, in the baseline's JVM in the"
                + " same rounds (median of the rounds' ratios); the audit's speed-up is %.0f%% of it%n", jobs,
                parseScaling, 100 * audit.medianRatio() / parseScaling);
    }

    /**
     * Runs timed work and adds to {@code compiling} the seconds the JIT's threads compiled meanwhile: on few
     * cores a compiler that has not settled takes a core from the audit's threads.
     */
    private static double whileCompiling(List<Double> compiling, DoubleSupplier work) {
        double before = JitSettings.compilingSeconds();
        double seconds = work.getAsDouble();
        compiling.add(JitSettings.compilingSeconds() - before);
        return seconds;
    }

    /** The JIT's compiling time in each of the runs, as a clause, or nothing where the JVM does not measure it. */
    private static String compiling(List<Double> seconds) {
        if (seconds.isEmpty() || seconds.stream().anyMatch(s -> s.isNaN())) {
            return "";
        }
        return String.format(Locale.ROOT, "; the JIT compiled for %.2f s of threads' time in each (median)",
                new Timings(seconds).median());
    }

    /**
     * {@code audit} in a new JVM with this bench's audit options: through the launcher when the bench was
     * started by it (so with the JVM options a user's audit gets), else with the kit's system properties.
     */
    private void freshJvm(PrintWriter out) {
        List<String> command = new ArrayList<>();
        Path launcher = Path.of(System.getProperty(SuiteSettings.ROOT, "."), "flowmesh-conformance");
        if (System.getProperty(SuiteSettings.ROOT) != null && Files.isExecutable(launcher)) {
            command.add(launcher.toString());
        } else {
            command.add(BaselineProcess.javaCommand());
            System.getProperties().stringPropertyNames().stream().sorted()
                    .filter(k -> k.startsWith("flowmesh.") || k.startsWith("conformance."))
                    .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(FlowMeshConformance.class.getName());
        }
        command.addAll(quietAudit(auditArguments()));
        Timings timings = Timings.measured(Math.min(warmup, 1), Math.min(rounds, 3), () -> timeProcess(command));
        out.printf(Locale.ROOT, "fresh JVM   audit%s, JVM start included: %s%n",
                command.get(0).endsWith("flowmesh-conformance") ? " through the launcher" : "", timings.describe(1, "s"));
    }

    /**
     * The arguments of a quiet audit with the given audit options: {@code --quiet} once, whether the bench
     * was given it or not (picocli refuses an option given twice).
     */
    static List<String> quietAudit(List<String> auditOptions) {
        List<String> arguments = new ArrayList<>(List.of("audit", "--quiet"));
        auditOptions.stream().filter(argument -> !argument.equals("--quiet")).forEach(arguments::add);
        return arguments;
    }

    /** The audit options this bench was given, as they were written. */
    private List<String> auditArguments() {
        List<String> arguments = new ArrayList<>();
        var mixin = commandSpec().mixins().get("options");
        var parsed = commandSpec().commandLine().getParseResult();
        for (OptionSpec option : mixin.options()) {
            if (parsed.hasMatchedOption(option.longestName())) {
                OptionSpec matched = parsed.matchedOption(option.longestName());
                if (matched.arity().max() == 0) {
                    arguments.add(option.longestName());
                } else {
                    for (String value : matched.originalStringValues()) {
                        arguments.add(option.longestName() + "=" + value);
                    }
                }
            }
        }
        return arguments;
    }

    private static double timeProcess(List<String> command) {
        long start = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("the fresh-JVM audit ran past 10 minutes");
            }
            int exit = process.exitValue();
            if (exit != ExitCodes.OK && exit != ExitCodes.FAILED) {
                throw new IllegalStateException("the fresh-JVM audit exited with " + exit + ": " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a fresh JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private void sweep(PrintWriter out, Audits audits, List<Template> bundled, int jobs) {
        int[] sizes = Arrays.stream(sweep).filter(n -> n > 0).toArray();
        if (sizes.length == 0) {
            out.println("sweep       skipped (--sweep 0)");
            return;
        }
        // Corpora of up to 1,000 templates are measured in turns, a run of each a round, so that the machine's
        // drift moves them alike, and each compared with the first round by round; larger ones once, after
        // them: a run of thousands of templates already averages over minutes.
        List<Integer> inTurns = Arrays.stream(sizes).filter(n -> n <= 1000).boxed().toList();
        Map<Integer, List<Template>> corpora = new LinkedHashMap<>();
        Map<Integer, List<Double>> seconds = new LinkedHashMap<>();
        Map<Integer, Integer> fields = new LinkedHashMap<>();
        inTurns.forEach(size -> {
            corpora.put(size, generate(bundled, size));
            seconds.put(size, new ArrayList<>());
        });
        for (int round = 0; round < warmup + rounds; round++) {
            for (int size : inTurns) {
                double run = freshRun(audits, audit -> fields.put(size, sweptFields(audit, corpora.get(size), jobs)));
                if (round >= warmup) {
                    seconds.get(size).add(run);
                }
            }
        }
        corpora.clear();
        Integer first = inTurns.isEmpty() ? null : inTurns.get(0);
        Double firstPerTemplate = first == null ? null : new Timings(seconds.get(first)).median() / first;
        for (int size : inTurns) {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                ratios.add(seconds.get(size).get(i) / size / (seconds.get(first).get(i) / first));
            }
            printSweep(out, size, fields.get(size), jobs, new Timings(seconds.get(size)), new Timings(ratios).median());
        }
        for (int size : Arrays.stream(sizes).filter(n -> n > 1000).toArray()) {
            List<Template> corpus = generate(bundled, size);
            int[] swept = new int[1];
            Timings timings = fresh(audits, 0, 1, audit -> swept[0] = sweptFields(audit, corpus, jobs));
            if (firstPerTemplate == null) {
                firstPerTemplate = timings.median() / size;
            }
            printSweep(out, size, swept[0], jobs, timings, timings.median() / size / firstPerTemplate);
        }
        int[] cases = new int[1];
        Timings contracts = fresh(audits, warmup, rounds, audit -> cases[0] = audit.contracts().size());
        out.printf(Locale.ROOT, "contracts   %d contract cases alone, on one thread: %s; a fixed cost of every audit, left out of the sweep%n",
                cases[0], contracts.describe(1, "s"));
    }

    /** Audits a generated corpus, its templates only, and counts the fields probed. */
    private static int sweptFields(Audit audit, List<Template> corpus, int jobs) {
        List<TemplateReport> reports = audit.inParallel(jobs).templateReports(corpus);
        return audit.assemble(corpus, reports, List.of()).summary().fields();
    }

    private static void printSweep(PrintWriter out, int size, int fields, int jobs, Timings timings, double againstFirst) {
        double perTemplate = timings.median() / size;
        out.printf(Locale.ROOT, "sweep       %6d templates, %7d fields, --jobs %d: %.2f ms per template, %.2f ms per 1000"
                + " fields; %.2fx the first size's cost per template (%s)%n", size, fields, jobs, perTemplate * 1e3,
                timings.median() / fields * 1e6, againstFirst, timings.describe(1, "s"));
        out.flush();
    }

    private static List<Template> generate(List<Template> seeds, int size) {
        List<Template> corpus = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Template seed = seeds.get(i % seeds.size());
            corpus.add(new Template(seed.stem() + "-g" + i + ".yaml", renamed(seed.yaml(), "-g" + i)));
        }
        return corpus;
    }

    /**
     * The seed's text with {@code suffix} added to its {@code metadata.name}, so that no implementation can
     * answer a copy from a cache of its seed. The name's line is rewritten in place, so that a copy reads as
     * its seed does (block style, comments); a name the line edit cannot change alone (written over
     * several lines, say) has the whole tree written anew instead.
     */
    static String renamed(String yaml, String suffix) {
        JsonNode tree = TemplateTree.read(yaml);
        if (!(tree.get("metadata") instanceof ObjectNode metadata)) {
            return yaml;
        }
        String name = metadata.path("name").asText("template") + suffix;
        metadata.put("name", name);
        Map<String, Integer> at = TemplateTree.locations(yaml).get("/metadata/name");
        if (at != null) {
            List<String> lines = new ArrayList<>(yaml.lines().toList());
            int line = at.get("line") - 1;
            String indent = lines.get(line).substring(0, at.get("column") - 1);
            lines.set(line, indent + "name: " + quoted(name));
            String edited = String.join("\n", lines) + "\n";
            try {
                if (TemplateTree.read(edited).equals(tree)) {
                    return edited;
                }
            } catch (TemplateTree.TemplateReadException e) {
                // Written anew below.
            }
        }
        return TemplateTree.write(tree);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** The bench's stage on stderr, one line each, on a terminal and without {@code --quiet}. */
    private static final class Stage {
        private final PrintWriter err;
        private final int total;
        private final boolean shown;
        private final long start = System.nanoTime();
        private int current;

        Stage(PrintWriter err, int total, boolean shown) {
            this.err = err;
            this.total = total;
            this.shown = shown;
        }

        void next(String what) {
            current++;
            if (shown) {
                err.printf(Locale.ROOT, "bench %d/%d: %s (%d s so far)%n", current, total, what,
                        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
                err.flush();
            }
        }
    }
}
