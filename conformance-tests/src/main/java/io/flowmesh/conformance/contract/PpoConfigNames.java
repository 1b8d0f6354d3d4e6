package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FlowMesh hands TRL 0.23's {@code PPOConfig} the 0.23 names: {@code ppo_epochs} becomes
 * {@code num_ppo_epochs}, {@code max_new_tokens} becomes {@code response_length}, and
 * {@code learning_rate}, {@code seed}, {@code kl_coef} and {@code temperature} keep theirs. None of the
 * TRL 0.11 names a template may still carry ({@code target_kl}, {@code early_stopping},
 * {@code log_with}, {@code tracker_project_name}, {@code optimize_cuda_cache}, {@code padding_side},
 * {@code do_sample}) ever reaches it: 0.23 would refuse them, and passing them through is how the
 * RFC's no-ops hid.
 *
 * <p>The oracle: the values the kit wrote, under the names TRL 0.23 defines.
 */
final class PpoConfigNames extends Contract {

    private static final String CHANNEL = "ppo.config";
    /** Each TRL 0.11 name, with the classification row of the template field that bears it. */
    private static final Map<String, String> LEGACY = Map.of("target_kl", "ppo-target-kl",
            "early_stopping", "ppo-early-stopping", "log_with", "ppo-log-with",
            "tracker_project_name", "ppo-tracker-project-name", "optimize_cuda_cache", "ppo-optimize-cuda-cache",
            "padding_side", "ppo-padding-side", "do_sample", "ppo-do-sample");

    PpoConfigNames() {
        super("ppo-config", List.of("ppo-target-kl", "ppo-early-stopping", "ppo-log-with", "ppo-tracker-project-name",
                "ppo-optimize-cuda-cache", "ppo-padding-side", "ppo-do-sample"), "ppo");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        Map<String, Object> template = Scenarios.ppo(map("learning_rate", 0.00002, "ppo_epochs", 3L, "seed", 11L,
                "kl_coef", 0.04, "target_kl", 50.0, "early_stopping", false, "log_with", "wandb",
                "tracker_project_name", "kit-project", "optimize_cuda_cache", true, "padding_side", "left"));
        Scenarios.section(template, "generation").putAll(map("max_new_tokens", 6L, "temperature", 0.9, "do_sample", true));
        Observed run = bench.run(template);
        Map<String, Object> expected = map("learning_rate", 0.00002, "num_ppo_epochs", 3L, "seed", 11L, "kl_coef", 0.04,
                "response_length", 6L, "temperature", 0.9);
        expected.forEach((name, value) -> log.record("passes-" + name.replace('_', '-'), "the trainer receives "
                + name + " under TRL 0.23's name", List.of(), valueIs(run, name, value),
                CHANNEL + "/" + name + " = " + Observed.show(value), observed(run, name)));
        for (String legacy : new java.util.TreeSet<>(LEGACY.keySet())) {
            Optional<Object> passed = run.value(CHANNEL, legacy);
            log.record("never-passes-" + legacy.replace('_', '-'), legacy + " is not a TRL 0.23 PPOConfig argument"
                    + " and never reaches the trainer", List.of(LEGACY.get(legacy)), run.completed() && passed.isEmpty(),
                    "no " + CHANNEL + "/" + legacy, run.completed() ? passed.map(v -> CHANNEL + "/" + legacy + " = "
                            + Observed.show(v)).orElse("absent") : run.describe());
        }
    }

    private static boolean valueIs(Observed run, String name, Object expected) {
        return CaseLog.missing(run, CHANNEL, name).isEmpty()
                && Observed.same(expected, run.value(CHANNEL, name).orElse(null));
    }

    private static String observed(Observed run, String name) {
        return CaseLog.missing(run, CHANNEL, name)
                .orElseGet(() -> CHANNEL + "/" + name + " = " + Observed.show(run.value(CHANNEL, name).orElse(null)));
    }
}
