package io.flowmesh.reference.backend.bridge;

import java.util.Map;

import io.flowmesh.reference.backend.ppo.PpoBackendException;
import io.flowmesh.reference.backend.ppo.PpoSession;
import io.flowmesh.reference.backend.ppo.SavedModel;
import io.flowmesh.reference.backend.ppo.TrainerSetup;
import io.flowmesh.reference.backend.ppo.UpdateMetrics;

/** One PPO run held by the Python side, addressed by its session id. */
public final class BridgePpoSession implements PpoSession {

    private final PythonBridge bridge;
    private final String session;
    private final String engine;
    private final String device;
    private final TrainerSetup trainerSetup;
    private boolean closed;

    BridgePpoSession(PythonBridge bridge, String session, String engine, String device, TrainerSetup trainerSetup) {
        this.bridge = bridge;
        this.session = session;
        this.engine = engine;
        this.device = device;
        this.trainerSetup = trainerSetup;
    }

    @Override
    public TrainerSetup trainerSetup() {
        return trainerSetup;
    }

    /** The engine the Python side picked: {@code pure}, {@code torch} or {@code trl}. */
    public String engine() {
        return engine;
    }

    /** Where it runs: {@code cpu} or {@code cuda}. */
    public String device() {
        return device;
    }

    @Override
    public UpdateMetrics update() {
        Map<String, Object> m = call("ppo.update");
        return new UpdateMetrics(integer(m, "update"), number(m, "kl"), number(m, "mean_reward"),
                number(m, "policy_loss"), number(m, "value_loss"), number(m, "entropy"));
    }

    @Override
    public SavedModel save() {
        Map<String, Object> saved = call("ppo.save");
        return new SavedModel(String.valueOf(saved.get("checksum")), integer(saved, "updates_trained"));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        call("ppo.close");
    }

    private Map<String, Object> call(String method) {
        try {
            return bridge.call(method, Map.of("session", session));
        } catch (BridgeException e) {
            throw new PpoBackendException("Python PPO session " + session + " failed [" + e.kind() + "]: "
                    + e.getMessage(), e);
        }
    }

    private static double number(Map<String, Object> values, String key) {
        if (values.get(key) instanceof Number n) {
            return n.doubleValue();
        }
        throw new PpoBackendException("the Python PPO engine sent no number for '" + key + "': " + values);
    }

    private static int integer(Map<String, Object> values, String key) {
        if (values.get(key) instanceof Number n) {
            return n.intValue();
        }
        throw new PpoBackendException("the Python PPO engine sent no integer for '" + key + "': " + values);
    }
}
