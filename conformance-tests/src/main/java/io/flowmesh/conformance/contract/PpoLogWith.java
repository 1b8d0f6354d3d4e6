package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * TRL 0.23 renamed the trackers: {@code log_with} becomes {@code report_to} and
 * {@code tracker_project_name} becomes {@code project}, with upstream's mapping: absent, null and
 * {@code ""} mean {@code "none"}, a string {@code s} means {@code [s]}, a list is kept, anything else is
 * refused.
 *
 * <p>The oracle: the value the kit wrote, mapped by that rule, is what the trainer received.
 */
final class PpoLogWith extends Contract {

    private static final String CHANNEL = "ppo.config";
    private static final List<String> LOG_WITH = List.of("/spec/training/log_with");

    PpoLogWith() {
        super("ppo-log-with", List.of("ppo-log-with", "ppo-tracker-project-name"), "ppo");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        log.expectValue("absent-reports-to-none", "no log_with means report_to \"none\"",
                bench.run(Scenarios.ppo(map())), CHANNEL, "report_to", "none");
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("log_with", null);
        log.expectValue("null-reports-to-none", "log_with: null means report_to \"none\"",
                bench.run(Scenarios.ppo(withNull)), CHANNEL, "report_to", "none");
        log.expectValue("empty-reports-to-none", "log_with: \"\" means report_to \"none\"",
                bench.run(Scenarios.ppo(map("log_with", ""))), CHANNEL, "report_to", "none");
        log.expectValue("string-becomes-a-list", "log_with: wandb means report_to [\"wandb\"]",
                bench.run(Scenarios.ppo(map("log_with", "wandb"))), CHANNEL, "report_to", List.of("wandb"));
        log.expectValue("list-is-kept", "a list of trackers is passed on as it is",
                bench.run(Scenarios.ppo(map("log_with", List.of("tensorboard", "wandb")))), CHANNEL, "report_to",
                List.of("tensorboard", "wandb"));
        log.expectRejected("number-is-refused", "a number is no tracker name and is refused naming log_with",
                bench.run(Scenarios.ppo(map("log_with", 5L))), LOG_WITH);
        log.expectRejected("map-is-refused", "a map is no tracker name and is refused naming log_with",
                bench.run(Scenarios.ppo(map("log_with", map("backend", "wandb")))), LOG_WITH);
        log.expectValue("project-from-tracker-project-name", "tracker_project_name is passed on as project",
                bench.run(Scenarios.ppo(map("log_with", "wandb", "tracker_project_name", "kit-project"))), CHANNEL,
                "project", "kit-project");
        log.expectAbsent("no-project-without-tracker-project-name", "without tracker_project_name no project is passed",
                bench.run(Scenarios.ppo(map("log_with", "wandb"))), CHANNEL, "project");
    }
}
