package io.flowmesh.conformance.contract;

import static io.flowmesh.conformance.contract.Scenarios.map;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The vLLM executor forwards {@code model.source.revision} (the RFC's fix) and vLLM resolves it as the
 * hub does: a branch or tag through {@code refs/}, a 40-hex commit as itself; the tokenizer follows
 * the revision unless {@code tokenizer_revision} says otherwise; engines are reused only for the same
 * model at the same revision.
 *
 * <p>The oracle is the kit's own store ({@link KitModels}): it wrote which commit each revision names.
 * For an implementation that declares the hub, the kit's witness of each run must agree: the hub served
 * the model's files at the commit the trace records ({@link HubEvidence}).
 */
final class VllmRevision extends Contract {

    private static final String CHANNEL = "vllm.engine";
    private static final String UNKNOWN = "no-such-revision";

    VllmRevision() {
        super("vllm-revision", List.of("model-source-revision"), "inference");
    }

    @Override
    void check(Bench bench, CaseLog log) {
        log.expectLoaded("branch-loads-its-commit", "a branch loads the commit its ref names",
                bench.run(Scenarios.vllm(KitModels.BRANCH, map(), 1)), CHANNEL, "resolved_commit", KitModels.LM,
                KitModels.BRANCH_COMMIT);
        Observed tag = bench.run(Scenarios.vllm(KitModels.TAG, map(), 1));
        log.expectLoaded("tag-loads-its-commit", "a tag loads the commit its ref names", tag, CHANNEL, "resolved_commit",
                KitModels.LM, KitModels.TAG_COMMIT);
        log.expectLoaded("commit-id-loads-itself", "a 40-hex commit id loads that snapshot, which no ref names",
                bench.run(Scenarios.vllm(KitModels.PINNED_COMMIT, map(), 1)), CHANNEL, "resolved_commit", KitModels.LM,
                KitModels.PINNED_COMMIT);
        log.expectLoaded("absent-loads-main", "without a revision the engine loads main",
                bench.run(Scenarios.vllm(null, map(), 1)), CHANNEL, "resolved_commit", KitModels.LM, KitModels.BRANCH_COMMIT);
        log.expectRefusedRevision("unknown-revision-is-refused", "a revision the store does not know is refused naming"
                + " the field", bench.run(Scenarios.vllm(UNKNOWN, map(), 1)), List.of("/spec/model/source/revision"),
                KitModels.LM, UNKNOWN);
        log.expectLoaded("tokenizer-follows-the-revision", "without tokenizer_revision the tokenizer is loaded at the"
                + " model's revision", tag, CHANNEL, "tokenizer_commit", KitModels.LM, KitModels.TAG_COMMIT);
        Observed split = bench.run(Scenarios.vllm(KitModels.TAG, map("tokenizer_revision", KitModels.BRANCH), 1));
        log.expectLoaded("tokenizer-revision-is-honoured", "tokenizer_revision loads the tokenizer at its own revision",
                split, CHANNEL, "tokenizer_commit", KitModels.LM, KitModels.BRANCH_COMMIT);

        Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
        stages.put("at-branch", Scenarios.vllmSpec(KitModels.BRANCH, map(), 1));
        stages.put("at-tag", Scenarios.vllmSpec(KitModels.TAG, map(), 1));
        Observed both = bench.run(Scenarios.stages(stages));
        String rule = "two stages of one run on one model at two revisions load two commits (the engine reuse key"
                + " holds the revision)";
        List<String> commits = List.of(KitModels.BRANCH_COMMIT, KitModels.TAG_COMMIT);
        String expected = "at-branch/resolved_commit = " + KitModels.BRANCH_COMMIT + ", at-tag/resolved_commit = "
                + KitModels.TAG_COMMIT + HubEvidence.expectation(both, KitModels.LM, commits);
        Object first = both.value(CHANNEL, "at-branch", "resolved_commit").orElse(null);
        Object second = both.value(CHANNEL, "at-tag", "resolved_commit").orElse(null);
        log.record("two-revisions-in-one-run", rule, KitModels.BRANCH_COMMIT.equals(first)
                && KitModels.TAG_COMMIT.equals(second) && HubEvidence.served(both, KitModels.LM, commits), expected,
                (both.completed() ? "at-branch/resolved_commit = " + Observed.show(first) + ", at-tag/resolved_commit = "
                        + Observed.show(second) : both.describe()) + HubEvidence.observation(both, KitModels.LM));
    }
}
