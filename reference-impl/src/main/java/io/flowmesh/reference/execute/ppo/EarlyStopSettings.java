package io.flowmesh.reference.execute.ppo;

import java.util.OptionalDouble;

/**
 * FlowMesh's KL early stop for one PPO run.
 *
 * @param enabled whether the run stops once an update's KL exceeds the threshold
 *     ({@code training/early_stopping})
 * @param targetKl the threshold ({@code training/target_kl}); may be present while disabled, in which
 *     case it arms nothing
 */
public record EarlyStopSettings(boolean enabled, OptionalDouble targetKl) {

    public EarlyStopSettings {
        if (enabled && (targetKl.isEmpty() || !(targetKl.getAsDouble() > 0))) {
            throw new IllegalArgumentException("an enabled early stop needs a positive target KL");
        }
    }

    /** No early stop and no threshold. */
    public static EarlyStopSettings off() {
        return new EarlyStopSettings(false, OptionalDouble.empty());
    }

    /** An early stop armed at {@code targetKl}. */
    public static EarlyStopSettings armed(double targetKl) {
        return new EarlyStopSettings(true, OptionalDouble.of(targetKl));
    }
}
