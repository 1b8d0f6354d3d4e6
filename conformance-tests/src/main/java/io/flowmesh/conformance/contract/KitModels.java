package io.flowmesh.conformance.contract;

import io.flowmesh.conformance.store.HubCacheWriter;

/**
 * The models of the contract cases' store, and the commit every revision must load: the oracle of
 * the revision contracts. {@value #LM} has a branch {@code main}, a tag {@code v1.0} and a third
 * snapshot that no ref names, reachable only by its commit id.
 */
final class KitModels {

    /** The language model every scenario runs. */
    static final String LM = "conformance/tiny-llm";
    /** The reward model of the PPO scenarios. */
    static final String REWARD = "conformance/tiny-reward";
    /** The branch of {@link #LM}. */
    static final String BRANCH = "main";
    /** The tag of {@link #LM}. */
    static final String TAG = "v1.0";

    static final String BRANCH_COMMIT = HubCacheWriter.commitOf(LM, BRANCH);
    static final String TAG_COMMIT = HubCacheWriter.commitOf(LM, TAG);
    /** A snapshot of {@link #LM} that no ref points at. */
    static final String PINNED_COMMIT = HubCacheWriter.commitOf(LM, "pinned");

    private KitModels() {
    }

    static void write(HubCacheWriter store) {
        store.tinyModel(LM, BRANCH_COMMIT).ref(LM, BRANCH, BRANCH_COMMIT)
                .tinyModel(LM, TAG_COMMIT).ref(LM, TAG, TAG_COMMIT)
                .tinyModel(LM, PINNED_COMMIT);
        String reward = HubCacheWriter.commitOf(REWARD, BRANCH);
        store.tinyModel(REWARD, reward).ref(REWARD, BRANCH, reward);
    }
}
