package io.flowmesh.reference.backend.ppo;

/**
 * What one PPO update observed, named as TRL logs it.
 *
 * @param update the update's index, counting from 0
 * @param kl {@code objective/kl} as TRL 0.23 computes it with its default {@code kl_estimator="k1"}: for
 *     each sampled response token, {@code log pi(token) - log pi_ref(token)} under the policy that
 *     sampled this update's rollouts, summed over the response and averaged over the batch. It is a
 *     sampled estimate of KL(policy || reference), not the exact KL, and can be negative. This is the
 *     KL FlowMesh's early stop compares with {@code target_kl}, on every backend
 * @param meanReward {@code objective/scores}: the reward model's score averaged over the batch
 * @param policyLoss {@code loss/policy_avg}: the clipped surrogate loss averaged over the optimisation steps
 * @param valueLoss {@code loss/value_avg}: the clipped value loss averaged over the optimisation steps
 * @param entropy {@code objective/entropy}: the sampling policy's entropy per token, averaged
 */
public record UpdateMetrics(int update, double kl, double meanReward, double policyLoss, double valueLoss,
        double entropy) {

    public UpdateMetrics {
        if (update < 0) {
            throw new IllegalArgumentException("update index must be >= 0, got " + update);
        }
    }
}
