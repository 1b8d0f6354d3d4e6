package io.flowmesh.reference.backend.agent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Deterministic agent scripts derived from a template's {@code configName} and {@code task} text, so
 * that every agent template has a reproducible, text-dependent timeline.
 *
 * <p>Rules, all taken from the SHA-256 of {@code configName + "\n" + task}:
 * <ul>
 *   <li>2 to 6 events before the finish, each of kind {@code thinking}, {@code tool_call},
 *       {@code tool_result} or {@code message}, arriving 1 to 30 s after the previous one, and a
 *       finish 1 to 30 s after the last event. Such a script takes at most 210 s of virtual time, so
 *       it completes under the usual timeouts (300 s, default 600 s).</li>
 *   <li>Stalling: a task whose text contains the word {@code stall} (any case; {@code stalls},
 *       {@code stalled}, {@code stalling} too) goes silent after its first event for
 *       {@value #DEFAULT_STALL_SECONDS} s, or for N s when the word is followed by {@code N s}
 *       (e.g. {@code "stall 120s"}, {@code "stalls for 45 s"}).</li>
 * </ul>
 */
public final class ScriptedAgents {

    /** How long a task mentioning {@code stall} without a duration stays silent: beyond the default timeout. */
    public static final long DEFAULT_STALL_SECONDS = 900;

    private static final List<String> KINDS = List.of("thinking", "tool_call", "tool_result", "message");
    private static final Pattern STALL = Pattern.compile(
            "\\bstall(?:s|ed|ing)?\\b(?:\\s+(?:for\\s+)?(\\d{1,9})\\s*s\\b)?");

    private ScriptedAgents() {
    }

    /** The script for one agent task. */
    public static AgentScript forTask(String configName, String task) {
        byte[] hash = sha256(configName + "\n" + task);
        String name = configName + "#" + HexFormat.of().formatHex(hash, 0, 4);
        AgentScript.Builder script = AgentScript.named(name);
        int events = 2 + unsigned(hash[0]) % 5;
        Matcher stall = STALL.matcher(task.toLowerCase(Locale.ROOT));
        for (int index = 0; index < events; index++) {
            String kind = KINDS.get(unsigned(hash[1 + index]) % KINDS.size());
            script.emit(kind, kind + " " + (index + 1) + "/" + events + " for " + configName, delay(hash[8 + index]));
            if (index == 0 && stall.find()) {
                long seconds = stall.group(1) == null ? DEFAULT_STALL_SECONDS : Long.parseLong(stall.group(1));
                script.stall(Duration.ofSeconds(seconds));
            }
        }
        return script.finish("finished " + configName + " after " + events + " events", delay(hash[16]));
    }

    private static Duration delay(byte b) {
        return Duration.ofSeconds(1 + unsigned(b) % 30);
    }

    private static int unsigned(byte b) {
        return b & 0xff;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-256", e);
        }
    }
}
