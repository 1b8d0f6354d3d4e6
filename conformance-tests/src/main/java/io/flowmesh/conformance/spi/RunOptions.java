package io.flowmesh.conformance.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * Settings handed to {@link WorkflowImplementation#run}. Keys an implementation does not know are
 * ignored by it.
 *
 * @param settings string settings, e.g. {@value #MODEL_STORE}, {@value #URL_MIRROR},
 *     {@value #AGENT_SCRIPTS} and {@value #BACKEND}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RunOptions(Map<String, String> settings) {

    /** Path of a model store laid out like the Hugging Face hub cache. */
    public static final String MODEL_STORE = "modelStore";

    /**
     * A folder that answers {@code http(s)} URLs offline: {@code https://host/a/b} is read from
     * {@code <folder>/host/a/b}. Audits run without a network; a URL the folder lacks fails as a
     * download would.
     */
    public static final String URL_MIRROR = "urlMirror";

    /** Which backend family to run on: {@value Capabilities#CPU} or {@value Capabilities#GPU}. */
    public static final String BACKEND = "backend";

    /**
     * A JSON file of scripted agent runs that agent tasks replay on a virtual clock, so that the kit
     * knows when every event of a run is due (see {@code docs/contract-cases.md} for its shape).
     */
    public static final String AGENT_SCRIPTS = "agentScripts";

    public RunOptions {
        // Sorted, and kept so: Map.copyOf would iterate in an order that changes from one JVM to the next.
        settings = java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** No settings: the implementation's defaults. */
    public static RunOptions defaults() {
        return new RunOptions(Map.of());
    }

    /** The setting with this key, if present. */
    public Optional<String> get(String key) {
        return Optional.ofNullable(settings.get(key));
    }

    /** A copy with one setting added or replaced. */
    public RunOptions with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(settings);
        copy.put(key, value);
        return new RunOptions(copy);
    }
}
