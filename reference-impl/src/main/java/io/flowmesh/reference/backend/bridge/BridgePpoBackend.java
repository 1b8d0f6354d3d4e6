package io.flowmesh.reference.backend.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.flowmesh.reference.backend.ppo.PpoBackend;
import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.PpoSetup;

/**
 * PPO in Python over a {@link PythonBridge}: {@code ppo.open} builds the run, each
 * {@link BridgePpoSession#update()} is one {@code ppo.update} whose streamed metrics the Java
 * early-stop controller judges, {@code ppo.save} saves, {@code ppo.close} ends it. The backend does not
 * own the bridge: whoever started it closes it.
 */
public final class BridgePpoBackend implements PpoBackend {

    private final PythonBridge bridge;
    private final BridgePpoOptions options;

    /**
     * @param bridge a started bridge
     * @param options the engine and device to ask for
     */
    public BridgePpoBackend(PythonBridge bridge, BridgePpoOptions options) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A backend asking for {@code engine: auto, device: auto}. */
    public BridgePpoBackend(PythonBridge bridge) {
        this(bridge, BridgePpoOptions.of("auto", "auto"));
    }

    @Override
    public BridgePpoSession open(PpoSetup setup) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("engine", options.engine());
        params.put("device", options.device());
        params.put("policy_identifier", setup.policyIdentifier());
        params.put("policy_revision", setup.policyRevision());
        params.put("seed", setup.seed());
        params.put("learning_rate", setup.learningRate());
        params.put("learning_rate_scale", options.learningRateScale());
        params.put("rollout_batch_size", setup.rolloutBatchSize());
        params.put("mini_batches", setup.miniBatches());
        params.put("ppo_epochs", setup.ppoEpochs());
        params.put("kl_coef", setup.klCoef());
        params.put("response_length", setup.responseLength());
        params.put("temperature", setup.temperature());
        params.put("updates", setup.updates());
        params.put("prompts", setup.prompts());
        options.modelDir().ifPresent(dir -> params.put("model_dir", dir.toString()));
        try {
            Map<String, Object> opened = bridge.call("ppo.open", params);
            return new BridgePpoSession(bridge, String.valueOf(opened.get("session")),
                    String.valueOf(opened.get("engine")), String.valueOf(opened.get("device")));
        } catch (BridgeException e) {
            throw new PpoBackendException("Python PPO engine '" + options.engine() + "' could not start ["
                    + e.kind() + "]: " + e.getMessage(), e);
        }
    }
}
