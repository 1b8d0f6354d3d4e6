package io.flowmesh.reference.backend.ppo;

/** Adam (no weight decay, as TRL's default AdamW with weight_decay 0) over one flat parameter array. */
final class AdamOptimizer {

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double[] firstMoment;
    private final double[] secondMoment;
    private final double learningRate;
    private int steps;

    AdamOptimizer(int parameters, double learningRate) {
        this.firstMoment = new double[parameters];
        this.secondMoment = new double[parameters];
        this.learningRate = learningRate;
    }

    /** Moves {@code parameters} one step against {@code gradient}. */
    void step(double[] parameters, double[] gradient) {
        steps++;
        double correction1 = 1.0 - StrictMath.pow(BETA1, steps);
        double correction2 = 1.0 - StrictMath.pow(BETA2, steps);
        for (int i = 0; i < parameters.length; i++) {
            firstMoment[i] = BETA1 * firstMoment[i] + (1.0 - BETA1) * gradient[i];
            secondMoment[i] = BETA2 * secondMoment[i] + (1.0 - BETA2) * gradient[i] * gradient[i];
            double mean = firstMoment[i] / correction1;
            double variance = secondMoment[i] / correction2;
            parameters[i] -= learningRate * mean / (StrictMath.sqrt(variance) + EPSILON);
        }
    }
}
