package io.flowmesh.reference.backend.ppo;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What TRL 0.23's {@code PPOTrainer} derives from its {@code PPOConfig}, for the CPU backend (one
 * process, so {@code world_size = 1}): {@code local_batch_size = per_device_train_batch_size *
 * gradient_accumulation_steps} rollouts per update, split into {@code num_mini_batches} minibatches of
 * {@code local_batch_size / num_mini_batches} (which must divide, as TRL's {@code exact_div} demands),
 * and {@code num_total_batches = ceil(total_episodes / batch_size)} updates with {@code batch_size =
 * local_batch_size * world_size}, where {@code total_episodes} defaults to {@code num_train_epochs *
 * len(dataset)}. Absent kwargs take TRL 0.23's defaults.
 *
 * <p>The CPU backend accepts the kwargs in {@link #KNOWN}; any other name is refused as
 * {@code PPOConfig(**kwargs)} refuses it. {@code report_to}, {@code project}, {@code save_strategy} and
 * {@code save_steps} are checked but change nothing on CPU: it has no tracker and writes no checkpoints.
 *
 * @param learningRate {@code learning_rate} (3e-6)
 * @param seed {@code seed} (42)
 * @param rolloutBatchSize {@code local_batch_size}
 * @param miniBatches {@code num_mini_batches} (1)
 * @param ppoEpochs {@code num_ppo_epochs} (4)
 * @param klCoef {@code kl_coef} (0.05)
 * @param responseLength {@code response_length} (53)
 * @param temperature {@code temperature} (0.7)
 * @param updates {@code num_total_batches}
 */
public record PpoTrainerArgs(double learningRate, long seed, int rolloutBatchSize, int miniBatches, int ppoEpochs,
        double klCoef, int responseLength, double temperature, int updates) {

    /** The {@code PPOConfig} kwargs the CPU backend accepts. */
    public static final Set<String> KNOWN = new TreeSet<>(List.of("learning_rate", "seed",
            "per_device_train_batch_size", "gradient_accumulation_steps", "num_mini_batches", "num_ppo_epochs",
            "kl_coef", "total_episodes", "num_train_epochs", "response_length", "temperature", "report_to", "project",
            "save_strategy", "save_steps"));

    private static final Set<String> SAVE_STRATEGIES = Set.of("no", "steps", "epoch");

    public PpoTrainerArgs {
        if (rolloutBatchSize % miniBatches != 0) {
            throw new IllegalArgumentException("rolloutBatchSize " + rolloutBatchSize
                    + " is not a multiple of miniBatches " + miniBatches);
        }
    }

    /**
     * Derives the run from {@code PPOConfig} kwargs.
     *
     * @param kwargs the kwargs as handed over
     * @param datasetSize the number of prompts
     * @throws PpoBackendException naming the kwarg that is unknown or has a value TRL would refuse
     */
    public static PpoTrainerArgs from(Map<String, Object> kwargs, int datasetSize) {
        for (String name : kwargs.keySet()) {
            if (!KNOWN.contains(name)) {
                throw new PpoBackendException("PPOConfig.__init__() got an unexpected keyword argument '" + name
                        + "' (the CPU backend accepts " + String.join(", ", KNOWN) + ")");
            }
        }
        checkReportTo(kwargs.get("report_to"));
        if (kwargs.containsKey("project") && !(kwargs.get("project") instanceof String)) {
            throw invalid("project", "a string", kwargs.get("project"));
        }
        Object strategy = kwargs.getOrDefault("save_strategy", "steps");
        if (!SAVE_STRATEGIES.contains(strategy)) {
            throw invalid("save_strategy", "one of " + new TreeSet<>(SAVE_STRATEGIES), strategy);
        }
        positive(kwargs, "save_steps", 500);
        int perDevice = positive(kwargs, "per_device_train_batch_size", 8);
        int accumulation = positive(kwargs, "gradient_accumulation_steps", 1);
        int miniBatches = positive(kwargs, "num_mini_batches", 1);
        long local = (long) perDevice * accumulation;
        if (local > Integer.MAX_VALUE) {
            throw new PpoBackendException("PPOConfig: local_batch_size " + local + " is out of range");
        }
        if (local % miniBatches != 0) {
            throw new PpoBackendException("PPOConfig: `local_batch_size` (per_device_train_batch_size x "
                    + "gradient_accumulation_steps = " + local + ") must be a multiple of `num_mini_batches` ("
                    + miniBatches + ")");
        }
        long episodes = kwargs.containsKey("total_episodes") ? positive(kwargs, "total_episodes", 1)
                : (long) positive(kwargs, "num_train_epochs", 3) * datasetSize;
        long updates = (episodes + local - 1) / local;
        return new PpoTrainerArgs(number(kwargs, "learning_rate", 3e-6, false), nonNegative(kwargs, "seed", 42),
                (int) local, miniBatches, positive(kwargs, "num_ppo_epochs", 4), number(kwargs, "kl_coef", 0.05, true),
                positive(kwargs, "response_length", 53), number(kwargs, "temperature", 0.7, false),
                (int) Math.min(updates, Integer.MAX_VALUE));
    }

    /** The rollouts in one minibatch. */
    public int miniBatchSize() {
        return rolloutBatchSize / miniBatches;
    }

    private static void checkReportTo(Object reportTo) {
        if (reportTo == null || "none".equals(reportTo)) {
            return;
        }
        if (!(reportTo instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
            throw invalid("report_to", "\"none\" or a list of integration names", reportTo);
        }
    }

    private static int positive(Map<String, Object> kwargs, String name, int fallback) {
        long value = nonNegative(kwargs, name, fallback);
        if (value < 1 || value > Integer.MAX_VALUE) {
            throw invalid(name, "a positive int", kwargs.get(name));
        }
        return (int) value;
    }

    private static long nonNegative(Map<String, Object> kwargs, String name, long fallback) {
        Object value = kwargs.get(name);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Integer || value instanceof Long) || ((Number) value).longValue() < 0) {
            throw invalid(name, "a non-negative int", value);
        }
        return ((Number) value).longValue();
    }

    private static double number(Map<String, Object> kwargs, String name, double fallback, boolean zeroAllowed) {
        Object value = kwargs.get(name);
        if (value == null) {
            return fallback;
        }
        double d = value instanceof Number n && !(value instanceof Boolean) ? n.doubleValue() : Double.NaN;
        if (!(zeroAllowed ? d >= 0 : d > 0) || Double.isInfinite(d)) {
            throw invalid(name, zeroAllowed ? "a number >= 0" : "a number > 0", value);
        }
        return d;
    }

    private static PpoBackendException invalid(String name, String expected, Object value) {
        return new PpoBackendException("PPOConfig: '" + name + "' must be " + expected + ", got " + value);
    }
}
