package io.flowmesh.conformance.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowmesh.conformance.audit.Audit;
import io.flowmesh.conformance.audit.AuditInputException;
import io.flowmesh.conformance.audit.Budget;
import io.flowmesh.conformance.audit.Deviations;
import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.spi.WorkflowImplementation;
import io.flowmesh.conformance.probe.TemplateTree;
import io.flowmesh.conformance.report.AuditReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench}: measures the audit against a plain YAML-parse baseline taken in the same run, on the
 * bundled templates and on a generated corpus. Figures are wall-clock times of one process on one
 * machine: compare the ratios, not the absolute numbers.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Reports probes per second and audit wall time, against a plain YAML-parse baseline.")
final class BenchCommand extends InputCheckedCommand {

    @Mixin
    private AuditOptions options;

    @Option(names = "--corpus", paramLabel = "N", defaultValue = "1000",
            description = "size of the generated corpus (default: ${DEFAULT-VALUE}); 0 skips it")
    private int corpusSize;

    @Option(names = "--baseline-rounds", paramLabel = "N", defaultValue = "20",
            description = "how often the baseline parses each corpus (default: ${DEFAULT-VALUE})")
    private int baselineRounds;

    @Override
    int run(PrintWriter out) throws AuditInputException {
        if (corpusSize < 0 || baselineRounds < 1) {
            throw new AuditInputException("--corpus must be >= 0 and --baseline-rounds >= 1");
        }
        Classification classification = options.classification();
        List<Template> bundled = options.templates();
        Deviations deviations = options.deviations();
        Budget budget = options.budget();
        int jobs = options.jobs();
        WorkflowImplementation implementation = options.implementation();
        try (Closing closing = Closing.of(implementation);
             AuditOptions.ModelStoreChoice store = options.modelStore(bundled, classification)) {
            Audit audit = new Audit(implementation, classification, options.runOptions(store, implementation), deviations,
                    options.rows.scope, budget).inParallel(jobs).reporting(options.progress(err()));
            audit.run(bundled);
            out.println("corpus      templates  probes  audit_s  probes/s  parse_ms/template  audit/parse");
            measure(out, "bundled", audit, bundled);
            if (corpusSize > 0) {
                measure(out, "generated", audit, generate(bundled, corpusSize));
            }
        }
        return ExitCodes.OK;
    }

    private void measure(PrintWriter out, String name, Audit audit, List<Template> corpus) {
        double parseSeconds = baseline(corpus);
        long start = System.nanoTime();
        AuditReport report = audit.run(corpus);
        double auditSeconds = (System.nanoTime() - start) / 1e9;
        int probes = report.summary().probes();
        double parsePerTemplate = parseSeconds / corpus.size();
        out.printf(Locale.ROOT, "%-10s  %9d  %6d  %7.2f  %8.0f  %17.4f  %11.0f%n", name, corpus.size(), probes,
                auditSeconds, probes / auditSeconds, parsePerTemplate * 1e3, auditSeconds / parseSeconds);
        out.flush();
    }

    private double baseline(List<Template> corpus) {
        for (Template template : corpus) {
            TemplateTree.read(template.yaml());
        }
        long start = System.nanoTime();
        for (int round = 0; round < baselineRounds; round++) {
            for (Template template : corpus) {
                TemplateTree.read(template.yaml());
            }
        }
        return (System.nanoTime() - start) / 1e9 / baselineRounds;
    }

    private static List<Template> generate(List<Template> seeds, int size) {
        List<Template> corpus = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Template seed = seeds.get(i % seeds.size());
            JsonNode tree = TemplateTree.read(seed.yaml());
            ObjectNode metadata = (ObjectNode) tree.get("metadata");
            metadata.put("name", metadata.path("name").asText("template") + "-g" + i);
            corpus.add(new Template(seed.stem() + "-g" + i + ".yaml", TemplateTree.write(tree)));
        }
        return corpus;
    }
}
