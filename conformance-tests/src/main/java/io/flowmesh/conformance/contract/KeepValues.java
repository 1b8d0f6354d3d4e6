package io.flowmesh.conformance.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowmesh.conformance.classification.Classification;
import io.flowmesh.conformance.classification.ClassificationRow;
import io.flowmesh.conformance.classification.Treatment;
import io.flowmesh.conformance.probe.FieldOccurrence;
import io.flowmesh.conformance.probe.Probe;
import io.flowmesh.conformance.probe.Values;

/**
 * A {@code keep} field is metadata: every valid value must be accepted, and no value may change what
 * runs. A refusal is a failure here, not "no execution effect": refusing {@code model.source.type:
 * local} breaks every template that says so.
 *
 * <p>The oracle: the row's {@code accepts} values, set one after the other in the first of the kit's
 * vLLM scenarios (plain, or with a LoRA adapter) that has the field, must all run, to byte-identical
 * traces.
 */
final class KeepValues extends Contract {

    private final List<ClassificationRow> keepRows;

    KeepValues(Classification classification) {
        this(classification.rows().stream()
                .filter(row -> row.treatment() == Treatment.KEEP && !row.values().accepts().isEmpty()).toList());
    }

    private KeepValues(List<ClassificationRow> keepRows) {
        super("keep-values", keepRows.stream().map(ClassificationRow::id).toList(), "inference");
        this.keepRows = keepRows;
    }

    @Override
    void check(Bench bench, CaseLog log) {
        String config = Values.canonical(Scenarios.map("peft_type", "LORA", "r", 8L, "lora_alpha", 16L,
                "base_model_name_or_path", KitModels.LM));
        java.nio.file.Path adapter = bench.write("keep-values/adapter/adapter_config.json", config).getParent();
        List<JsonNode> scenarios = List.of(Values.toTree(Scenarios.vllm(KitModels.BRANCH, Scenarios.map(), 1)),
                Values.toTree(Scenarios.lora(Scenarios.map("type", "lora", "name", "kept", "path", adapter.toString()))));
        for (ClassificationRow row : keepRows) {
            String rule = row.field() + " accepts " + Observed.show(row.values().accepts())
                    + " and no value changes the run (" + row.reason() + ")";
            Optional<JsonNode> scenario = scenarios.stream().filter(tree -> fieldOf(tree, row).isPresent()).findFirst();
            if (scenario.isEmpty()) {
                log.record(row.id() + "-accepts-every-value", rule, List.of(row.id()), false,
                        "a field of the kit's scenarios the row covers", "no field of the scenarios matches " + row.patterns());
                continue;
            }
            Optional<FieldOccurrence> field = fieldOf(scenario.get(), row);
            List<String> traces = new ArrayList<>();
            List<String> seen = new ArrayList<>();
            boolean pass = true;
            for (Object value : row.values().accepts()) {
                Probe.Perturb set = new Probe.Perturb(field.get().pointer(), field.get().value(), Values.toTree(value));
                Observed run = bench.run(set.applyTo(scenario.get()));
                if (!run.completed()) {
                    pass = false;
                    seen.add(Observed.show(value) + ": " + run.describe());
                    continue;
                }
                String trace = run.traceText();
                if (!traces.isEmpty() && !traces.get(0).equals(trace)) {
                    pass = false;
                    seen.add(Observed.show(value) + ": a different trace");
                } else {
                    seen.add(Observed.show(value) + ": same trace");
                }
                traces.add(trace);
            }
            log.record(row.id() + "-accepts-every-value", rule, List.of(row.id()), pass,
                    "every value accepted, all traces identical", String.join("; ", seen));
        }
    }

    private static Optional<FieldOccurrence> fieldOf(JsonNode scenario, ClassificationRow row) {
        return FieldOccurrence.allIn(scenario).stream().filter(f -> row.covers(f.pointer())).findFirst();
    }
}
