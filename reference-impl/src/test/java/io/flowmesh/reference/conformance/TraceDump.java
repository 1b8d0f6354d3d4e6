package io.flowmesh.reference.conformance;

import java.nio.file.Path;

import io.flowmesh.conformance.audit.Template;
import io.flowmesh.conformance.audit.TemplateCorpus;
import io.flowmesh.conformance.probe.TraceJson;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.conformance.spi.RunResult;
import io.flowmesh.reference.ReferenceImplementation;

/**
 * Prints the trace of every template of a folder, as {@code CrossJvmDeterminismTest} compares them
 * between two JVMs: arguments are the templates folder, the model store and the URL mirror.
 */
public final class TraceDump {

    private TraceDump() {
    }

    public static void main(String[] args) throws Exception {
        RunOptions options = RunOptions.defaults().with(RunOptions.MODEL_STORE, args[1]).with(RunOptions.URL_MIRROR, args[2]);
        ReferenceImplementation reference = new ReferenceImplementation();
        StringBuilder out = new StringBuilder();
        for (Template template : TemplateCorpus.load(Path.of(args[0]))) {
            RunResult result = reference.run(template.yaml(), options);
            out.append("== ").append(template.file()).append('\n');
            out.append(result instanceof RunResult.Completed completed ? TraceJson.write(completed.trace())
                    : "rejected: " + ((RunResult.Rejected) result).violations() + "\n");
        }
        System.out.print(out);
    }
}
