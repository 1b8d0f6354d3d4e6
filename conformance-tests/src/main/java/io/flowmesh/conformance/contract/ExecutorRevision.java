package io.flowmesh.conformance.contract;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every executor that loads a model resolves {@code model.source.revision} as the hub does, not only
 * vLLM's: upstream's transformers, SFT, DPO, LoRA-SFT, PPO and vLLM-serve executors forward it, and a
 * template that pins a tag must get that tag's commit whatever runs it. Without a revision, the
 * executor loads {@code main}.
 *
 * <p>The oracle is the kit's store ({@link KitModels}): the {@code resolved_commit} the executor
 * records, on whichever channel it loads the model, must be the commit the store's ref names, and, for
 * an implementation that declares the hub, the hub must have served the model's files at that commit.
 */
final class ExecutorRevision extends Contract {

    private final String executor;
    private final Function<String, Map<String, Object>> scenario;

    private ExecutorRevision(String id, String taskType, String executor, Function<String, Map<String, Object>> scenario) {
        super(id, List.of("model-source-revision"), taskType);
        this.executor = executor;
        this.scenario = scenario;
    }

    /** The PPO executor's policy model. */
    static ExecutorRevision ppo() {
        return new ExecutorRevision("ppo-revision", "ppo", "the PPO executor", Scenarios::ppoAt);
    }

    /** The transformers inference executor. */
    static ExecutorRevision transformers() {
        return new ExecutorRevision("transformers-revision", "inference", "the transformers executor",
                Scenarios::transformers);
    }

    @Override
    void check(Bench bench, CaseLog log) {
        loads(log, "tag-loads-its-commit", executor + " loads the commit a tag names", bench.run(scenario.apply(KitModels.TAG)),
                KitModels.TAG_COMMIT);
        loads(log, "commit-id-loads-itself", executor + " loads a snapshot named by its commit id",
                bench.run(scenario.apply(KitModels.PINNED_COMMIT)), KitModels.PINNED_COMMIT);
        loads(log, "absent-loads-main", "without a revision " + executor + " loads main",
                bench.run(scenario.apply(null)), KitModels.BRANCH_COMMIT);
        log.expectRefusedRevision("unknown-revision-is-refused", executor + " refuses a revision the store does not know,"
                + " naming the field", bench.run(scenario.apply("no-such-revision")), List.of("/spec/model/source/revision"),
                KitModels.LM, "no-such-revision");
    }

    private static void loads(CaseLog log, String caseName, String rule, Observed run, String commit) {
        String expected = "resolved_commit = " + commit + HubEvidence.expectation(run, KitModels.LM, List.of(commit));
        String witness = HubEvidence.observation(run, KitModels.LM);
        if (!run.completed()) {
            log.record(caseName, rule, false, expected, run.describe() + witness);
            return;
        }
        Optional<Object> loaded = run.valueOnAnyChannel("resolved_commit");
        log.record(caseName, rule, loaded.isPresent() && commit.equals(loaded.get())
                && HubEvidence.served(run, KitModels.LM, List.of(commit)), expected,
                loaded.map(c -> "resolved_commit = " + Observed.show(c)).orElse("no resolved_commit in the trace") + witness);
    }
}
