package io.flowmesh.reference.execute;

import java.util.Objects;

/**
 * One keyword argument a trainer config receives from a template section, as upstream's executor
 * builds it: {@code kwarg=conversion(section.get(key, default))}.
 *
 * @param key the template key, e.g. {@code batch_size}
 * @param kwarg the trainer's keyword, e.g. {@code per_device_train_batch_size}
 * @param conversion how the value is converted
 * @param defaultValue what the trainer receives when the key is absent, already converted
 */
record TrainerKwarg(String key, String kwarg, PyConversion conversion, Object defaultValue) {

    TrainerKwarg {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kwarg, "kwarg");
        Objects.requireNonNull(conversion, "conversion");
    }

    /** A kwarg named as its template key. */
    static TrainerKwarg same(String key, PyConversion conversion, Object defaultValue) {
        return new TrainerKwarg(key, key, conversion, defaultValue);
    }

    /** A kwarg named differently from its template key. */
    static TrainerKwarg renamed(String key, String kwarg, PyConversion conversion, Object defaultValue) {
        return new TrainerKwarg(key, kwarg, conversion, defaultValue);
    }
}
