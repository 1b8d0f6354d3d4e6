package io.flowmesh.reference.backend.ppo;

/**
 * A real, tiny PPO that runs in-process on the CPU.
 *
 * <p>The policy is a categorical distribution over 12 tokens conditioned on the prompt (hashed to one
 * of 4 contexts) and the previous token; a frozen copy of its initial weights is the reference; a
 * linear value head estimates returns. Each update samples a rollout batch with a seeded
 * {@link java.util.SplittableRandom} at the configured temperature, scores each response with a fixed
 * "sentiment" table (mean over its tokens), applies the per-token KL penalty {@code kl_coef}, runs GAE
 * (gamma 1, lambda 0.95, TRL's defaults), whitens advantages and optimises the clipped surrogate and the
 * clipped value loss with Adam for {@code num_ppo_epochs} epochs over shuffled minibatches. The KL it
 * reports is TRL 0.23's {@code objective/kl} (the {@code k1} estimate from the sampled tokens' log
 * probabilities under the policy and the reference, see {@link UpdateMetrics#kl()}), computed, never
 * scripted: the same definition every PPO engine reports and the early stop compares.
 *
 * <p>The run is derived from the {@code PPOConfig} kwargs handed over, as TRL's trainer derives it
 * ({@link PpoTrainerArgs}); the prompts are padded by the {@link WordTokenizer} set up from the
 * tokenizer kwargs. The session reports both as received ({@link PpoSession#trainerSetup()}).
 *
 * <p>The arithmetic uses {@link StrictMath} and fixed loop orders, so a seed gives bitwise identical
 * metrics and checksums on every JVM. A run of 32 updates takes milliseconds.
 *
 * <p>Learning rates in templates are tuned for models with billions of weights; applied as they are to
 * about two hundred parameters they would leave the policy on its reference. The backend therefore
 * multiplies the configured learning rate by a fixed factor ({@link #DEFAULT_LEARNING_RATE_SCALE} unless
 * given), which keeps its effect proportional.
 */
public final class CpuPpoBackend implements PpoBackend {

    /** The factor applied to template learning rates by {@link #CpuPpoBackend()}. */
    public static final double DEFAULT_LEARNING_RATE_SCALE = 1000.0;

    private final double learningRateScale;

    /** A backend that scales learning rates by {@link #DEFAULT_LEARNING_RATE_SCALE}. */
    public CpuPpoBackend() {
        this(DEFAULT_LEARNING_RATE_SCALE);
    }

    /**
     * @param learningRateScale the factor applied to the setup's learning rate; must be positive
     */
    public CpuPpoBackend(double learningRateScale) {
        if (!(learningRateScale > 0)) {
            throw new IllegalArgumentException("learningRateScale must be > 0, got " + learningRateScale);
        }
        this.learningRateScale = learningRateScale;
    }

    /**
     * Derives the run from the {@code PPOConfig} kwargs as TRL does ({@link PpoTrainerArgs}), sets up
     * the {@link WordTokenizer} from the tokenizer kwargs and pads the prompts with it.
     *
     * @throws PpoBackendException for a kwarg this backend does not implement or a value TRL refuses
     */
    @Override
    public PpoSession open(PpoSetup setup) {
        PpoTrainerArgs args = PpoTrainerArgs.from(setup.ppoConfig(), setup.prompts().size());
        TokenizedPrompts prompts = WordTokenizer.setUp(setup.tokenizerKwargs()).pad(setup.prompts());
        return new CpuPpoSession(args, setup.prompts(), new TrainerSetup(setup.ppoConfig(), prompts, args.updates()),
                learningRateScale);
    }
}
