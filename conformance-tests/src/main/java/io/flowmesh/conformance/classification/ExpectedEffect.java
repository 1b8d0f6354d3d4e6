package io.flowmesh.conformance.classification;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * The effect a {@code support} or {@code fix} row requires of its probe.
 *
 * <p>Keys match an effect key exactly or as its last {@code /}-separated part, since implementations
 * scope keys by task ({@code lora-train/report_to} matches {@code report_to}).
 *
 * @param channel the channel on which something must change; empty means any channel
 * @param keys keys that must be among the changes; empty means any key on the channel
 * @param value with exactly one key: the value, as canonical JSON, that key must take in the probe run
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ExpectedEffect(Optional<String> channel, List<String> keys, Optional<String> value) {

    public ExpectedEffect {
        keys = List.copyOf(keys);
        if (value.isPresent() && keys.size() != 1) {
            throw new IllegalArgumentException("an expected value needs exactly one key");
        }
    }

    /** Whether an effect key is the expected key, plain or task-scoped. */
    public static boolean keyMatches(String expected, String actual) {
        return actual.equals(expected) || actual.endsWith("/" + expected);
    }

    /** A short description, e.g. {@code ppo.config/report_to = ["wandb"]}. */
    public String describe() {
        String where = channel.orElse("any channel");
        String what = keys.isEmpty() ? "" : "/" + String.join(",", keys);
        return where + what + value.map(v -> " = " + v).orElse("");
    }
}
