package io.flowmesh.reference.backend.ppo;

import java.util.SplittableRandom;

/**
 * The CPU backend's language model: a categorical policy over {@link #VOCABULARY} tokens whose logits
 * are a sum of a prompt-context row, a previous-token row and a bias, plus a linear value head over the
 * same state and the fraction of the response left. Parameters live in flat double arrays so that
 * optimisation is plain arithmetic and bitwise reproducible.
 */
final class TinyPolicyModel {

    /** Tokens the policy can emit. */
    static final int VOCABULARY = 12;

    /** Prompt contexts the policy distinguishes; a prompt maps to one by its string hash. */
    static final int CONTEXTS = 4;

    /** The previous-token index used at the first position of a response. */
    static final int START = VOCABULARY;

    /**
     * The "sentiment" each token carries; the reward model scores a response by the mean over its
     * tokens, so learning pushes the policy towards the positive tokens and away from the reference.
     */
    static final double[] SENTIMENT = {1.0, 0.8, 0.5, 0.3, 0.1, 0.0, 0.0, -0.1, -0.3, -0.5, -0.8, -1.0};

    private static final int CONTEXT_OFFSET = 0;
    private static final int PREVIOUS_OFFSET = CONTEXTS * VOCABULARY;
    private static final int BIAS_OFFSET = PREVIOUS_OFFSET + (VOCABULARY + 1) * VOCABULARY;

    /** Policy parameters: context rows, previous-token rows, bias. */
    static final int POLICY_PARAMETERS = BIAS_OFFSET + VOCABULARY;

    private static final int VALUE_PREVIOUS_OFFSET = CONTEXTS;
    private static final int VALUE_REMAINING = VALUE_PREVIOUS_OFFSET + VOCABULARY + 1;
    private static final int VALUE_BIAS = VALUE_REMAINING + 1;

    /** Value-head parameters: context weights, previous-token weights, remaining-fraction weight, bias. */
    static final int VALUE_PARAMETERS = VALUE_BIAS + 1;

    private TinyPolicyModel() {
    }

    /** A random initial policy, small logits so it starts spread over the vocabulary. */
    static double[] initialPolicy(SplittableRandom random) {
        double[] theta = new double[POLICY_PARAMETERS];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (random.nextDouble() * 2.0 - 1.0) * 0.5;
        }
        return theta;
    }

    /** The prompt context a prompt conditions the policy on; String.hashCode is specified, so stable. */
    static int context(String prompt) {
        return Math.floorMod(prompt.hashCode(), CONTEXTS);
    }

    /** Writes softmax(logits / temperature) of the state into {@code probabilities}. */
    static void probabilities(double[] theta, int context, int previous, double temperature,
            double[] probabilities) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < VOCABULARY; k++) {
            double logit = (theta[CONTEXT_OFFSET + context * VOCABULARY + k]
                    + theta[PREVIOUS_OFFSET + previous * VOCABULARY + k]
                    + theta[BIAS_OFFSET + k]) / temperature;
            probabilities[k] = logit;
            max = Math.max(max, logit);
        }
        double sum = 0;
        for (int k = 0; k < VOCABULARY; k++) {
            probabilities[k] = StrictMath.exp(probabilities[k] - max);
            sum += probabilities[k];
        }
        for (int k = 0; k < VOCABULARY; k++) {
            probabilities[k] /= sum;
        }
    }

    /**
     * Adds {@code scale * d(log p(action))/d(theta)} to {@code gradient}; p is the tempered softmax,
     * so the derivative w.r.t. each raw logit is (1[k = action] - p_k) / temperature.
     */
    static void addLogProbabilityGradient(double[] probabilities, int context, int previous, int action,
            double temperature, double scale, double[] gradient) {
        for (int k = 0; k < VOCABULARY; k++) {
            double d = scale * ((k == action ? 1.0 : 0.0) - probabilities[k]) / temperature;
            gradient[CONTEXT_OFFSET + context * VOCABULARY + k] += d;
            gradient[PREVIOUS_OFFSET + previous * VOCABULARY + k] += d;
            gradient[BIAS_OFFSET + k] += d;
        }
    }

    /** The value head's estimate for a state at {@code position} of a response of {@code length}. */
    static double value(double[] phi, int context, int previous, int position, int length) {
        return phi[context] + phi[VALUE_PREVIOUS_OFFSET + previous]
                + phi[VALUE_REMAINING] * remaining(position, length) + phi[VALUE_BIAS];
    }

    /** Adds {@code scale * d(value)/d(phi)} to {@code gradient}. */
    static void addValueGradient(int context, int previous, int position, int length, double scale,
            double[] gradient) {
        gradient[context] += scale;
        gradient[VALUE_PREVIOUS_OFFSET + previous] += scale;
        gradient[VALUE_REMAINING] += scale * remaining(position, length);
        gradient[VALUE_BIAS] += scale;
    }

    private static double remaining(int position, int length) {
        return (double) (length - position) / length;
    }
}
