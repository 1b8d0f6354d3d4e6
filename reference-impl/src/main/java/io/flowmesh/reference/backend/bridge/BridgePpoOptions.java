package io.flowmesh.reference.backend.bridge;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.flowmesh.reference.backend.ppo.CpuPpoBackend;

/**
 * Which Python PPO engine the bridge backend asks for.
 *
 * @param engine {@code auto} (TRL when a model folder is given and TRL is installed, else torch when
 *     installed, else pure Python), {@code pure}, {@code torch} or {@code trl}
 * @param device {@code auto} (CUDA when available), {@code cpu} or {@code cuda}; the pure engine is CPU only
 * @param learningRateScale the factor applied to the template learning rate by the tiny engines (pure,
 *     torch); TRL uses the learning rate as given
 * @param modelDir a local model folder for the TRL engine, empty otherwise
 */
public record BridgePpoOptions(String engine, String device, double learningRateScale, Optional<Path> modelDir) {

    private static final Set<String> ENGINES = Set.of("auto", "pure", "torch", "trl");
    private static final Set<String> DEVICES = Set.of("auto", "cpu", "cuda");

    public BridgePpoOptions {
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException("engine must be one of auto, pure, torch, trl; got " + engine);
        }
        if (!DEVICES.contains(device)) {
            throw new IllegalArgumentException("device must be one of auto, cpu, cuda; got " + device);
        }
        if (!(learningRateScale > 0)) {
            throw new IllegalArgumentException("learningRateScale must be > 0");
        }
        Objects.requireNonNull(modelDir, "modelDir");
    }

    /** The given engine on the given device, with the CPU backend's learning-rate scale and no model folder. */
    public static BridgePpoOptions of(String engine, String device) {
        return new BridgePpoOptions(engine, device,
                CpuPpoBackend.DEFAULT_LEARNING_RATE_SCALE, Optional.empty());
    }
}
