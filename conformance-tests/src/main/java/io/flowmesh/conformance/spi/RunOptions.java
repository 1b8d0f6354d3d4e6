package io.flowmesh.conformance.spi;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * Settings handed to {@link WorkflowImplementation#run}. Keys an implementation does not know are
 * ignored by it.
 *
 * @param settings string settings, e.g. {@value #MODEL_STORE}, {@value #HUB_ENDPOINT}, {@value #URL_ENDPOINT}, {@value #URL_MIRROR},
 *     {@value #AGENT_SCRIPTS} and {@value #BACKEND}
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RunOptions(Map<String, String> settings) {

    /** Path of a model store laid out like the Hugging Face hub cache. */
    public static final String MODEL_STORE = "modelStore";

    /**
     * The base address of a Hugging Face-compatible hub that the kit serves over loopback HTTP, e.g.
     * {@code http://127.0.0.1:41234/w/r17/hub}: the same models as {@value #MODEL_STORE}, through the
     * endpoints {@code huggingface_hub} calls ({@code GET <endpoint>/api/models/<repo>/revision/<rev>},
     * {@code GET <endpoint>/api/models/<repo>/refs}, {@code HEAD} and {@code GET
     * <endpoint>/<repo>/resolve/<rev>/<file>}). Every run gets its own address, and the kit records
     * what each run asked for: the run's <em>witness</em>, judged beside its trace when the
     * implementation declares {@value Capabilities#HUB} in {@link Capabilities#witnessed()}.
     *
     * <p>An implementation that resolves models through the hub when given this option, and through
     * {@value #MODEL_STORE} when not, is measured on both; a Python runtime passes it as
     * {@code HF_ENDPOINT}. The address is per run and must not appear in the trace, which would then
     * differ from run to run.
     */
    public static final String HUB_ENDPOINT = "hubEndpoint";

    /**
     * The base address of a URL server the kit serves over loopback HTTP, e.g.
     * {@code http://127.0.0.1:41234/w/r17/urls}, answering every {@code http(s)} URL a run fetches
     * (adapters, data): {@code https://host/a/b?q} is asked for as {@code <endpoint>/host/a/b?q}, with
     * the request's own headers, which the server records. It serves what {@value #URL_MIRROR} holds,
     * for an implementation that fetches for real; an implementation that declares
     * {@value Capabilities#URLS} in {@link Capabilities#witnessed()} goes through it when given it, and
     * the kit checks its trace against what the server served. Per run; never in the trace.
     */
    public static final String URL_ENDPOINT = "urlEndpoint";

    /**
     * A folder that answers {@code http(s)} URLs offline: {@code https://host/a/b} is read from
     * {@code <folder>/host/a/b}. Audits run without a network; a URL the folder lacks fails as a
     * download would.
     */
    public static final String URL_MIRROR = "urlMirror";

    /** Which backend family to run on: {@value Capabilities#CPU} or {@value Capabilities#GPU}. */
    public static final String BACKEND = "backend";

    /**
     * The base address of an OpenAI-compatible chat completions endpoint the kit serves over loopback
     * HTTP, e.g. {@code http://127.0.0.1:41234/w/r17/agent/v1} (an OpenAI client's {@code base_url}):
     * {@code POST <endpoint>/chat/completions} with {@code "stream": true} streams the scripted run of
     * {@value #AGENT_SCRIPTS} whose task is the last user message, in real seconds, and the kit records
     * when the client read the stream to its end or gave up. An implementation that declares
     * {@value Capabilities#AGENT} drives its agents against it. Per run; never in the trace.
     */
    public static final String AGENT_ENDPOINT = "agentEndpoint";

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
