package io.flowmesh.reference.backend.ppo;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One run of the CPU backend's PPO, following TRL 0.23's PPOTrainer step for step: sample a rollout
 * batch with temperature, score it, subtract the per-token KL penalty, estimate advantages with GAE,
 * whiten them, then optimise the clipped surrogate and the clipped value loss for several epochs over
 * shuffled minibatches.
 */
final class CpuPpoSession implements PpoSession {

    /** TRL 0.23 defaults the templates do not set. */
    private static final double GAMMA = 1.0;
    private static final double LAMBDA = 0.95;
    private static final double CLIP_RANGE = 0.2;
    private static final double CLIP_RANGE_VALUE = 0.2;
    private static final double VALUE_COEF = 0.1;

    private static final int V = TinyPolicyModel.VOCABULARY;

    private final PpoTrainerArgs setup;
    private final TrainerSetup trainerSetup;
    private final double[] reference;
    private final StateSoftmax referenceSoftmax;
    private final double[] policy;
    private final double[] valueHead;
    private final AdamOptimizer policyOptimizer;
    private final AdamOptimizer valueOptimizer;
    private final SplittableRandom random;
    private final int[] promptContexts;
    private int updatesRun;
    private boolean closed;

    /**
     * @param setup the run as the trainer derived it from its config
     * @param prompts the prompts rollouts start from, cycled in order
     * @param trainerSetup what the session reports it was set up with
     */
    CpuPpoSession(PpoTrainerArgs setup, List<String> prompts, TrainerSetup trainerSetup, double learningRateScale) {
        this.setup = setup;
        this.trainerSetup = trainerSetup;
        SplittableRandom init = new SplittableRandom(setup.seed());
        this.reference = TinyPolicyModel.initialPolicy(init);
        this.policy = reference.clone();
        this.referenceSoftmax = new StateSoftmax(reference, setup.temperature());
        this.valueHead = new double[TinyPolicyModel.VALUE_PARAMETERS];
        double learningRate = setup.learningRate() * learningRateScale;
        this.policyOptimizer = new AdamOptimizer(policy.length, learningRate);
        this.valueOptimizer = new AdamOptimizer(valueHead.length, learningRate);
        this.random = init.split();
        this.promptContexts = prompts.stream().mapToInt(TinyPolicyModel::context).toArray();
    }

    @Override
    public TrainerSetup trainerSetup() {
        return trainerSetup;
    }

    @Override
    public UpdateMetrics update() {
        requireOpen();
        Rollouts rollouts = sample();
        estimateAdvantages(rollouts);
        double[] losses = optimise(rollouts);
        int batch = setup.rolloutBatchSize();
        return new UpdateMetrics(updatesRun++, rollouts.klSum / batch, rollouts.scoreSum / batch,
                losses[0], losses[1], rollouts.entropySum / ((double) batch * setup.responseLength()));
    }

    @Override
    public SavedModel save() {
        requireOpen();
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES * policy.length);
            for (double parameter : policy) {
                bytes.putLong(Double.doubleToLongBits(parameter));
            }
            digest.update(bytes.array());
            return new SavedModel("sha256:" + HexFormat.of().formatHex(digest.digest()), updatesRun);
        } catch (NoSuchAlgorithmException e) {
            throw new PpoBackendException("SHA-256 is not available in this JVM", e);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void requireOpen() {
        if (closed) {
            throw new PpoBackendException("the PPO session is closed");
        }
    }

    /** The rollout phase: samples responses from the current policy and records what PPO needs. */
    private Rollouts sample() {
        int batch = setup.rolloutBatchSize();
        int length = setup.responseLength();
        double temperature = setup.temperature();
        Rollouts r = new Rollouts(batch, length);
        StateSoftmax current = new StateSoftmax(policy, temperature);
        for (int b = 0; b < batch; b++) {
            int context = promptContexts[(updatesRun * batch + b) % promptContexts.length];
            r.contexts[b] = context;
            int previous = TinyPolicyModel.START;
            double score = 0;
            for (int t = 0; t < length; t++) {
                double[] p = current.probabilities(context, previous);
                double[] logP = current.logarithms(context, previous);
                int action = draw(p);
                r.previous[b][t] = previous;
                r.actions[b][t] = action;
                r.logProbabilities[b][t] = logP[action];
                r.referenceLogProbabilities[b][t] = referenceSoftmax.logarithms(context, previous)[action];
                r.values[b][t] = TinyPolicyModel.value(valueHead, context, previous, t, length);
                // TRL 0.23's objective/kl (kl_estimator "k1"): log pi - log pi_ref of the sampled token.
                r.klSum += r.logProbabilities[b][t] - r.referenceLogProbabilities[b][t];
                for (int k = 0; k < V; k++) {
                    r.entropySum -= p[k] * logP[k];
                }
                score += TinyPolicyModel.SENTIMENT[action];
                previous = action;
            }
            r.scores[b] = score / length;
            r.scoreSum += r.scores[b];
        }
        return r;
    }

    private int draw(double[] probabilities) {
        double u = random.nextDouble();
        double cumulative = 0;
        for (int k = 0; k < V - 1; k++) {
            cumulative += probabilities[k];
            if (u < cumulative) {
                return k;
            }
        }
        return V - 1;
    }

    /** Per-token rewards (KL penalty, score on the last token), GAE, whitened advantages. */
    private void estimateAdvantages(Rollouts r) {
        int batch = setup.rolloutBatchSize();
        int length = setup.responseLength();
        double sum = 0;
        for (int b = 0; b < batch; b++) {
            double lastGae = 0;
            for (int t = length - 1; t >= 0; t--) {
                double reward = -setup.klCoef() * (r.logProbabilities[b][t] - r.referenceLogProbabilities[b][t]);
                if (t == length - 1) {
                    reward += r.scores[b];
                }
                double nextValue = t < length - 1 ? r.values[b][t + 1] : 0.0;
                double delta = reward + GAMMA * nextValue - r.values[b][t];
                lastGae = delta + GAMMA * LAMBDA * lastGae;
                r.advantages[b][t] = lastGae;
                r.returns[b][t] = lastGae + r.values[b][t];
                sum += lastGae;
            }
        }
        double count = (double) batch * length;
        double mean = sum / count;
        double squares = 0;
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                double d = r.advantages[b][t] - mean;
                squares += d * d;
            }
        }
        // Unbiased variance, as torch.var in TRL's whiten.
        double std = StrictMath.sqrt(squares / Math.max(1.0, count - 1) + 1e-8);
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < length; t++) {
                r.advantages[b][t] = (r.advantages[b][t] - mean) / std;
            }
        }
    }

    /** The optimisation phase; returns the mean policy and value losses over all minibatch steps. */
    private double[] optimise(Rollouts r) {
        int batch = setup.rolloutBatchSize();
        int length = setup.responseLength();
        int miniBatchSize = setup.miniBatchSize();
        double temperature = setup.temperature();
        StateSoftmax current = new StateSoftmax(policy, temperature);
        double[] policyGradient = new double[policy.length];
        double[] valueGradient = new double[valueHead.length];
        double policyLossSum = 0;
        double valueLossSum = 0;
        int steps = 0;
        int[] order = new int[batch];
        for (int epoch = 0; epoch < setup.ppoEpochs(); epoch++) {
            shuffle(order);
            for (int start = 0; start < batch; start += miniBatchSize) {
                Arrays.fill(policyGradient, 0);
                Arrays.fill(valueGradient, 0);
                double tokens = (double) miniBatchSize * length;
                double policyLoss = 0;
                double valueLoss = 0;
                for (int i = start; i < start + miniBatchSize; i++) {
                    int b = order[i];
                    int context = r.contexts[b];
                    for (int t = 0; t < length; t++) {
                        int previous = r.previous[b][t];
                        int action = r.actions[b][t];
                        double[] p = current.probabilities(context, previous);
                        double advantage = r.advantages[b][t];
                        double ratio = StrictMath.exp(current.logarithms(context, previous)[action]
                                - r.logProbabilities[b][t]);
                        double unclipped = -advantage * ratio;
                        double clipped = -advantage * Math.max(1 - CLIP_RANGE, Math.min(1 + CLIP_RANGE, ratio));
                        policyLoss += Math.max(unclipped, clipped);
                        if (unclipped >= clipped) {
                            // d(-A * ratio)/dz = -A * ratio * dlogp/dz; descent on the mean loss.
                            TinyPolicyModel.addLogProbabilityGradient(p, context, previous, action, temperature,
                                    -advantage * ratio / tokens, policyGradient);
                        }
                        double predicted = TinyPolicyModel.value(valueHead, context, previous, t, length);
                        double old = r.values[b][t];
                        double target = r.returns[b][t];
                        double clippedValue = old + Math.max(-CLIP_RANGE_VALUE,
                                Math.min(CLIP_RANGE_VALUE, predicted - old));
                        double loss1 = (predicted - target) * (predicted - target);
                        double loss2 = (clippedValue - target) * (clippedValue - target);
                        valueLoss += 0.5 * Math.max(loss1, loss2);
                        if (loss1 >= loss2) {
                            TinyPolicyModel.addValueGradient(context, previous, t, length,
                                    VALUE_COEF * (predicted - target) / tokens, valueGradient);
                        }
                    }
                }
                policyOptimizer.step(policy, policyGradient);
                current.forget();
                valueOptimizer.step(valueHead, valueGradient);
                policyLossSum += policyLoss / tokens;
                valueLossSum += valueLoss / tokens;
                steps++;
            }
        }
        return new double[] {policyLossSum / steps, valueLossSum / steps};
    }

    /** Fisher-Yates over 0..n-1 with the run's random source, as TRL draws a permutation per epoch. */
    private void shuffle(int[] order) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
    }

    /** One update's rollout batch. */
    private static final class Rollouts {
        final int[] contexts;
        final int[][] previous;
        final int[][] actions;
        final double[][] logProbabilities;
        final double[][] referenceLogProbabilities;
        final double[][] values;
        final double[][] advantages;
        final double[][] returns;
        final double[] scores;
        double klSum;
        double entropySum;
        double scoreSum;

        Rollouts(int batch, int length) {
            contexts = new int[batch];
            previous = new int[batch][length];
            actions = new int[batch][length];
            logProbabilities = new double[batch][length];
            referenceLogProbabilities = new double[batch][length];
            values = new double[batch][length];
            advantages = new double[batch][length];
            returns = new double[batch][length];
            scores = new double[batch];
        }
    }
}
