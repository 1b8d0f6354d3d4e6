package io.flowmesh.reference.backend.ppo;

import java.util.Arrays;

/**
 * The tempered softmax of each state (prompt context, previous token) under one set of parameters,
 * and its logarithms, each computed the first time a state asks for it. A rollout samples hundreds of
 * tokens from a few dozen states while the parameters stay as they are; the reference model's never
 * change. The values are those {@link TinyPolicyModel#probabilities} and {@link StrictMath#log} give,
 * computed the same way, so a session's KL, losses and stop are bit for bit what they were computed
 * anew at every token. Call {@link #forget} whenever the parameters change.
 */
final class StateSoftmax {

    private static final int STATES = TinyPolicyModel.CONTEXTS * (TinyPolicyModel.VOCABULARY + 1);

    private final double[] theta;
    private final double temperature;
    private final double[][] probabilities = new double[STATES][];
    private final double[][] logarithms = new double[STATES][];

    /**
     * @param theta the parameters, read (never written) each time a state is first asked for
     * @param temperature the softmax temperature
     */
    StateSoftmax(double[] theta, double temperature) {
        this.theta = theta;
        this.temperature = temperature;
    }

    /** p(. | state); the array is shared, not to be written. */
    double[] probabilities(int context, int previous) {
        int state = state(context, previous);
        double[] known = probabilities[state];
        if (known == null) {
            known = new double[TinyPolicyModel.VOCABULARY];
            TinyPolicyModel.probabilities(theta, context, previous, temperature, known);
            probabilities[state] = known;
        }
        return known;
    }

    /** log p(. | state), each entry {@code StrictMath.log} of the probability; shared, not to be written. */
    double[] logarithms(int context, int previous) {
        int state = state(context, previous);
        double[] known = logarithms[state];
        if (known == null) {
            double[] p = probabilities(context, previous);
            known = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                known[k] = StrictMath.log(p[k]);
            }
            logarithms[state] = known;
        }
        return known;
    }

    /** Drops every state's values: the parameters changed. */
    void forget() {
        Arrays.fill(probabilities, null);
        Arrays.fill(logarithms, null);
    }

    private static int state(int context, int previous) {
        return context * (TinyPolicyModel.VOCABULARY + 1) + previous;
    }
}
