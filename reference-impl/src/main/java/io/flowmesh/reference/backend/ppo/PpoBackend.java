package io.flowmesh.reference.backend.ppo;

/**
 * Something that can run PPO: the CPU backend runs a tiny PPO in-process, the bridge backend runs one
 * in Python (torch, TRL when installed). The executor drives a {@link PpoSession} update by update, so
 * the early-stop decision stays in FlowMesh code whatever the backend.
 */
public interface PpoBackend {

    /**
     * Builds the policy, its frozen reference and the value head for one run.
     *
     * @param setup everything the run needs, derived from the template
     * @return a session positioned before its first update
     * @throws PpoBackendException when the backend cannot start the run
     */
    PpoSession open(PpoSetup setup);
}
