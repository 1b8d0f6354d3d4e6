package io.flowmesh.reference.backend.bridge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.flowmesh.reference.backend.ppo.PpoBackend;
import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.PpoSetup;

/**
 * PPO in Python over a {@link PythonBridge}: {@code ppo.open} hands over the {@code PPOConfig} and
 * tokenizer kwargs as they are (TRL's {@code PPOConfig(**kwargs)} when TRL runs) and answers with what
 * the trainer received, the padded prompts and the updates it plans; each
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
        params.put("learning_rate_scale", options.learningRateScale());
        params.put("ppo_config", setup.ppoConfig());
        params.put("tokenizer_kwargs", setup.tokenizerKwargs());
        params.put("prompts", setup.prompts());
        options.modelDir().ifPresent(dir -> params.put("model_dir", dir.toString()));
        try {
            Map<String, Object> opened = bridge.call("ppo.open", params);
            return new BridgePpoSession(bridge, String.valueOf(opened.get("session")),
                    String.valueOf(opened.get("engine")), String.valueOf(opened.get("device")),
                    BridgeReplies.trainerSetup(opened));
        } catch (BridgeException e) {
            throw new PpoBackendException("Python PPO engine '" + options.engine() + "' could not start ["
                    + e.kind() + "]: " + e.getMessage(), e);
        }
    }
}
