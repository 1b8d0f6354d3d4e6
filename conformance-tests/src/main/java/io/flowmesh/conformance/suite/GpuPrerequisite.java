package io.flowmesh.conformance.suite;

import org.apiguardian.api.API;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What a GPU test does when something it needs is missing (a GPU, CUDA-enabled torch, vLLM, a model
 * store, a backend the implementation does not declare): one wording for every GPU suite, printed on
 * the console, where a runner's log shows it, and then a skip, or with {@value #REQUIRED}{@code =true}
 * (GPU runners) a failure, so that a misconfigured runner cannot go green by skipping everything.
 *
 * <p>To call from an implementation's own GPU tests, as the kit's {@link GpuConformanceTest} does.
 *
 * @since 0.3
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.3")
public final class GpuPrerequisite {

    /** System property: {@code true} to fail, not skip, a GPU test whose prerequisite is missing. */
    public static final String REQUIRED = "conformance.gpu.required";

    private GpuPrerequisite() {
    }

    /**
     * The words for a missing prerequisite, e.g. {@code GPU prerequisite missing: no NVIDIA GPU (skipped;
     * -Dconformance.gpu.required=true fails instead)}.
     *
     * @param what the prerequisite, in words; never null
     * @param required whether the run requires GPU prerequisites ({@value #REQUIRED})
     */
    public static String message(String what, boolean required) {
        return "GPU prerequisite missing: " + what + (required ? " (a failure: -D" + REQUIRED + "=true)"
                : " (skipped; -D" + REQUIRED + "=true fails instead)");
    }

    /**
     * Prints {@link #message(String, boolean)} on stderr and skips the current test, or fails it when
     * {@value #REQUIRED} is {@code true}. Never returns normally.
     *
     * @param what the missing prerequisite, in words
     */
    public static void unmet(String what) {
        boolean required = Boolean.getBoolean(REQUIRED);
        String message = message(what, required);
        System.err.println(message);
        if (required) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** Calls {@link #unmet(String)} unless {@code present}. */
    public static void require(boolean present, String what) {
        if (!present) {
            unmet(what);
        }
    }
}
