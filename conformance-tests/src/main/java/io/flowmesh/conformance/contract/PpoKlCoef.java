package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.List;

/**
 * {@code kl_coef} is the KL penalty the template sets and nothing else: never derived from
 * {@code target_kl}, which is a stop threshold (TRL 0.11 users aliased the two).
 *
 * <p>The oracle: the PPOConfig the trainer received carries the template's {@code kl_coef}; without
 * one, it carries the same {@code kl_coef} (or none) whatever {@code target_kl} is.
 */
final class PpoKlCoef extends Contract {

    private static final String CHANNEL = "ppo.config";

    PpoKlCoef() {
        super("ppo-kl-coef", List.of("ppo-target-kl"), "ppo");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        log.expectValue("kl-coef-as-written", "kl_coef reaches the trainer as written, next to a target_kl",
                bench.run(Scenarios.ppo(map("kl_coef", 0.07, "target_kl", 3.0))), CHANNEL, "kl_coef", 0.07);

        Observed without = bench.run(Scenarios.ppoWithoutKlCoef(map()));
        Observed with = bench.run(Scenarios.ppoWithoutKlCoef(map("target_kl", 0.25)));
        String rule = "target_kl leaves kl_coef as it is without one";
        if (!without.completed() || !with.completed()) {
            log.record("kl-coef-independent-of-target-kl", rule, false, "both runs complete",
                    without.describe() + "; " + with.describe());
            return;
        }
        Object before = without.value(CHANNEL, "kl_coef").orElse(null);
        Object after = with.value(CHANNEL, "kl_coef").orElse(null);
        log.record("kl-coef-independent-of-target-kl", rule, Observed.same(before, after),
                "ppo.config/kl_coef = " + Observed.show(before) + " (as without target_kl)",
                "ppo.config/kl_coef = " + Observed.show(after) + " with target_kl 0.25");
    }
}
