package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.List;
import java.util.Map;

/**
 * How the early-stop settings are read: {@code early_stopping} on without a positive {@code target_kl}
 * is refused naming the field; {@code target_kl} alone arms nothing and says so; the false words of
 * YAML-ish configs ({@code "false"}, {@code "no"}, {@code "off"}, {@code 0}) are false, never truthy
 * strings (the upstream bug read {@code "false"} as true).
 *
 * <p>The oracle: each case's threshold is far below any KL a real update reports, so an armed stop
 * would fire at the first update whose KL is positive; "stops nothing" means every planned update
 * ran.
 */
final class PpoEarlyStopSettings extends Contract {

    private static final String CHANNEL = "ppo.train";
    private static final double TINY = 0.000000001;
    private static final String TARGET_KL = "/spec/training/target_kl";
    private static final List<String> SETTINGS = List.of(TARGET_KL, "/spec/training/early_stopping");

    PpoEarlyStopSettings() {
        super("ppo-early-stop-settings", List.of("ppo-early-stopping", "ppo-target-kl"), "ppo");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        log.expectRejected("armed-without-target-kl", "early_stopping on without target_kl is refused",
                bench.run(Scenarios.ppo(map("early_stopping", true))), SETTINGS);
        log.expectRejected("armed-with-zero-target-kl", "early_stopping on with target_kl 0 is refused",
                bench.run(Scenarios.ppo(map("early_stopping", true, "target_kl", 0L))), SETTINGS);
        log.expectRejected("armed-with-negative-target-kl", "early_stopping on with a negative target_kl is refused",
                bench.run(Scenarios.ppo(map("early_stopping", true, "target_kl", -0.5))), SETTINGS);

        Observed alone = bench.run(Scenarios.ppo(map("target_kl", TINY)));
        stopsNothing(log, "target-kl-alone-stops-nothing", "target_kl without early_stopping arms no stop", alone);
        log.expectWarning("target-kl-alone-warns", "target_kl without early_stopping is accepted with a warning naming it",
                alone, TARGET_KL);

        Map<String, Object> falseWords = map("false-string", "false", "no-string", "no", "off-string", "off", "zero", 0L);
        falseWords.forEach((name, value) -> stopsNothing(log, "early-stopping-" + name + "-is-false",
                "early_stopping: " + Observed.show(value) + " is false, so target_kl arms no stop",
                bench.run(Scenarios.ppo(map("early_stopping", value, "target_kl", TINY)))));
    }

    private static void stopsNothing(CaseLog log, String caseName, String rule, Observed run) {
        String expected = "ppo.train/updates_run = ppo.train/updates_planned, stopped_early null";
        java.util.Optional<String> missing = CaseLog.missing(run, CHANNEL, "updates_run")
                .or(() -> CaseLog.missing(run, CHANNEL, "updates_planned"));
        if (missing.isPresent()) {
            log.record(caseName, rule, false, expected, missing.get());
            return;
        }
        Object ran = run.value(CHANNEL, "updates_run").orElse(null);
        Object planned = run.value(CHANNEL, "updates_planned").orElse(null);
        Object stopped = run.value(CHANNEL, "stopped_early").orElse(null);
        log.record(caseName, rule, Observed.same(planned, ran) && stopped == null, expected,
                "updates_run = " + Observed.show(ran) + " of " + Observed.show(planned) + ", stopped_early = "
                        + Observed.show(stopped));
    }
}
