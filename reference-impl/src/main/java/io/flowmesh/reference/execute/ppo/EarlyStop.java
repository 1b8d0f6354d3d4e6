package io.flowmesh.reference.execute.ppo;

import java.util.Locale;

/**
 * An early stop that happened.
 *
 * @param update the index of the update whose KL exceeded the threshold; the run ends after it
 * @param kl that update's {@code objective/kl}
 * @param threshold the {@code target_kl} it exceeded
 */
public record EarlyStop(int update, double kl, double threshold) {

    /** The log line FlowMesh writes when it stops a run. */
    public String message() {
        return String.format(Locale.ROOT, "PPO early stop after update %d: objective/kl %.6f > target_kl %.6f",
                update, kl, threshold);
    }
}
