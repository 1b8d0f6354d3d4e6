package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * FlowMesh's PPO early stop: after each update the reported KL is compared with {@code target_kl},
 * and training stops after the first update whose KL is <em>strictly</em> greater; the final model is
 * still saved, and the trace names the update, its KL and the threshold.
 *
 * <p>The oracle: an unarmed run gives the KL list {@code L}. The boundary case arms the same run at
 * {@code target_kl = L[k]} for a {@code k} whose KL is exceeded later, so an implementation that stops
 * on {@code >=} stops one update early; the kit computes the stopping update as the first {@code i}
 * with {@code L[i] > L[k]}. A threshold above every KL must stop nothing.
 */
final class PpoEarlyStop extends Contract {

    private static final String CHANNEL = "ppo.train";

    /** The cases judged from the stop boundary of the unarmed run, by name, with their rules. */
    private static final Map<String, String> AFTER_BOUNDARY = ordered(
            "reports-where-it-stopped", "the trace names the stopping update, its KL and the threshold",
            "same-kl-until-the-stop", "arming the stop changes nothing before it: the KL of every update run equals the"
                    + " unarmed run's",
            "saves-after-stop", "the final model is saved after an early stop",
            "never-exceeded-stops-nothing", "a target_kl above every update's KL stops nothing");

    /** The cases judged from the unarmed run's KL list, by name, with their rules. */
    private static final Map<String, String> AFTER_UNARMED = withFirst(ordered(
            "unarmed-reports-every-kl", "ppo.train/kl holds one KL per update run",
            "stops-strictly-above", "armed at target_kl equal to an observed KL, training stops after the first update"
                    + " whose KL is strictly greater"), AFTER_BOUNDARY);

    private static Map<String, String> ordered(String... namesAndRules) {
        Map<String, String> cases = new LinkedHashMap<>();
        for (int i = 0; i < namesAndRules.length; i += 2) {
            cases.put(namesAndRules[i], namesAndRules[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(cases);
    }

    private static Map<String, String> withFirst(Map<String, String> first, Map<String, String> then) {
        Map<String, String> cases = new LinkedHashMap<>(first);
        cases.putAll(then);
        return java.util.Collections.unmodifiableMap(cases);
    }

    PpoEarlyStop() {
        super("ppo-early-stop", List.of("ppo-target-kl", "ppo-early-stopping"), "ppo");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        Observed unarmed = bench.run(Scenarios.ppo(map("early_stopping", false)));
        Optional<String> missing = CaseLog.missing(unarmed, CHANNEL, "kl")
                .or(() -> CaseLog.missing(unarmed, CHANNEL, "updates_planned"));
        String unarmedRule = "without early_stopping every planned update runs and nothing stops";
        if (missing.isPresent()) {
            log.record("unarmed-runs-every-update", unarmedRule, false, "a trace with ppo.train/kl and updates_planned",
                    missing.get());
            notJudged(log, "unarmed-runs-every-update", AFTER_UNARMED);
            return;
        }
        List<Double> kl = numbers(unarmed.value(CHANNEL, "kl").orElse(null));
        Object planned = unarmed.value(CHANNEL, "updates_planned").orElse(null);
        log.expectValue("unarmed-runs-every-update", unarmedRule, unarmed, CHANNEL, "updates_run", planned);
        log.record("unarmed-reports-every-kl", AFTER_UNARMED.get("unarmed-reports-every-kl"), planned instanceof Number n
                && kl.size() == n.intValue(), "one KL per update: " + Observed.show(planned), kl.size() + " KL values: "
                + Observed.show(kl));

        OptionalInt boundary = boundaryIndex(kl);
        String strictRule = AFTER_UNARMED.get("stops-strictly-above");
        if (boundary.isEmpty()) {
            log.record("stops-strictly-above", strictRule, false,
                    "an unarmed KL list with a positive KL that a later update exceeds", "kl = " + Observed.show(kl));
            notJudged(log, "stops-strictly-above", AFTER_BOUNDARY);
            return;
        }
        double threshold = kl.get(boundary.getAsInt());
        int stop = firstAbove(kl, threshold);
        Observed armed = bench.run(Scenarios.ppo(map("early_stopping", true, "target_kl", threshold)));
        log.expectValue("stops-strictly-above", strictRule, armed, CHANNEL, "updates_run", (long) stop + 1);
        log.expectValue("reports-where-it-stopped", AFTER_BOUNDARY.get("reports-where-it-stopped"),
                armed, CHANNEL, "stopped_early", map("update", (long) stop, "kl", kl.get(stop), "threshold", threshold));
        log.expectValue("same-kl-until-the-stop", AFTER_BOUNDARY.get("same-kl-until-the-stop"), armed, CHANNEL, "kl", kl.subList(0, stop + 1));
        savedAfterStop(log, armed);

        double above = kl.stream().mapToDouble(Double::doubleValue).max().orElse(0) * 2 + 1;
        Observed never = bench.run(Scenarios.ppo(map("early_stopping", true, "target_kl", above)));
        log.expectValue("never-exceeded-stops-nothing", AFTER_BOUNDARY.get("never-exceeded-stops-nothing"), never,
                CHANNEL, "updates_run", planned);
    }

    /**
     * Records the cases that could not be judged because an earlier one failed, as failed: every case of
     * the contract is reported whatever happens, so that its ID is stable (deviations and reruns name it).
     */
    private static void notJudged(CaseLog log, String failedCase, Map<String, String> cases) {
        cases.forEach((name, rule) -> log.record(name, rule, false, "judged once " + failedCase + " passes",
                "not judged: " + failedCase + " failed"));
    }

    private static void savedAfterStop(CaseLog log, Observed armed) {
        String rule = AFTER_BOUNDARY.get("saves-after-stop");
        Optional<String> missing = CaseLog.missing(armed, CHANNEL, "saved_model");
        Object saved = armed.value(CHANNEL, "saved_model").orElse(null);
        log.record("saves-after-stop", rule, missing.isEmpty() && saved != null, "ppo.train/saved_model not null",
                missing.orElse("ppo.train/saved_model = " + Observed.show(saved)));
    }

    /**
     * The update whose KL makes the boundary: the positive KL nearest the middle of the list that a
     * later update strictly exceeds, so the stop lands mid-run.
     */
    static OptionalInt boundaryIndex(List<Double> kl) {
        List<Integer> candidates = new ArrayList<>();
        for (int k = 0; k < kl.size(); k++) {
            if (kl.get(k) > 0 && firstAbove(kl.subList(k + 1, kl.size()), kl.get(k)) >= 0) {
                candidates.add(k);
            }
        }
        if (candidates.isEmpty()) {
            return OptionalInt.empty();
        }
        int middle = (kl.size() - 1) / 2;
        return candidates.stream().mapToInt(Integer::intValue)
                .reduce((a, b) -> Math.abs(b - middle) < Math.abs(a - middle) ? b : a);
    }

    /** The first index whose KL is strictly greater than the threshold, or -1. */
    static int firstAbove(List<Double> kl, double threshold) {
        for (int i = 0; i < kl.size(); i++) {
            if (kl.get(i) > threshold) {
                return i;
            }
        }
        return -1;
    }

    static List<Double> numbers(Object value) {
        List<Double> numbers = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof Number number) {
                    numbers.add(number.doubleValue());
                }
            }
        }
        return numbers;
    }
}
