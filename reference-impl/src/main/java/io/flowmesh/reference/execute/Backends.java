package io.flowmesh.reference.execute;

import java.nio.file.Path;
import java.util.Optional;

import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.spi.RunOptions;
import io.flowmesh.reference.backend.agent.AgentRuntime;
import io.flowmesh.reference.backend.api.StandInApiServer;
import io.flowmesh.reference.backend.agent.AgentScripts;
import io.flowmesh.reference.backend.agent.AgentScriptsException;
import io.flowmesh.reference.backend.bridge.BridgeLaunch;
import io.flowmesh.reference.backend.bridge.BridgePpoBackend;
import io.flowmesh.reference.backend.bridge.BridgePpoOptions;
import io.flowmesh.reference.backend.bridge.BridgeVllmBackend;
import io.flowmesh.reference.backend.bridge.PythonBridge;
import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.reference.backend.hub.RemoteHub;
import io.flowmesh.reference.backend.lora.AdapterResolver;
import io.flowmesh.reference.backend.ppo.CpuPpoBackend;
import io.flowmesh.reference.backend.ppo.PpoBackend;
import io.flowmesh.reference.backend.transformers.CpuTransformersBackend;
import io.flowmesh.reference.backend.transformers.TransformersBackend;
import io.flowmesh.reference.backend.vllm.CompletionMemo;
import io.flowmesh.reference.backend.vllm.CpuVllmBackend;
import io.flowmesh.reference.backend.vllm.VllmBackend;

/**
 * The backends one run hands work to, chosen from the run options: the model store (the hub at
 * {@value RunOptions#HUB_ENDPOINT}, its downloads kept in the run's workspace; else the folder
 * {@value RunOptions#MODEL_STORE}; else the repository's fixture store); one backend per engine
 * family, in-process on CPU or, with {@code backend=gpu}, through the Python bridge: vLLM (CPU
 * stand-ins, or real vLLM) and PPO (the tiny CPU PPO, or torch on CUDA); the agent runtime on its virtual clock with the scripted runs of
 * {@value RunOptions#AGENT_SCRIPTS}, and the LoRA adapter resolver with the run's workspace and the
 * URL server ({@value RunOptions#URL_ENDPOINT}) or offline URL mirror ({@value RunOptions#URL_MIRROR}).
 */
public final class Backends implements AutoCloseable {

    private static final int WARM_ENGINES = 4;

    private final ModelStore modelStore;
    private final boolean fetchesThroughHub;
    private final boolean gpu;
    private final AgentRuntime agents = new AgentRuntime();
    private final TransformersBackend transformers = new CpuTransformersBackend();
    private final Workspace workspace;
    private final Optional<Path> urlMirror;
    private final Optional<String> urlEndpoint;
    private final Optional<Path> agentScriptsFile;
    private final CompletionMemo completions;
    private AgentScripts agentScripts;
    private PythonBridge bridge;
    private VllmBackend vllm;
    private PpoBackend ppo;

    private Backends(ModelStore modelStore, boolean fetchesThroughHub, boolean gpu, Workspace workspace, Optional<Path> urlMirror,
            Optional<String> urlEndpoint, Optional<Path> agentScriptsFile, CompletionMemo completions) {
        this.modelStore = modelStore;
        this.fetchesThroughHub = fetchesThroughHub;
        this.gpu = gpu;
        this.workspace = workspace;
        this.urlMirror = urlMirror;
        this.urlEndpoint = urlEndpoint;
        this.agentScriptsFile = agentScriptsFile;
        this.completions = completions;
    }

    /**
     * The backends the options choose, around the run's workspace.
     *
     * @param completions where the CPU vLLM engines remember their completions: the implementation's, so
     *     that its runs share them
     */
    public static Backends from(RunOptions options, Workspace workspace, CompletionMemo completions) {
        // The hub wins over the folder: fetching is what a real runtime does, and what the kit can witness.
        ModelStore store = options.get(RunOptions.HUB_ENDPOINT)
                .map(endpoint -> ModelStore.throughHub(RemoteHub.at(endpoint), workspace.cacheDir().resolve("hub")))
                .or(() -> options.get(RunOptions.MODEL_STORE).map(Path::of).map(ModelStore::at))
                .orElseGet(ModelStore::repositoryFixture);
        boolean gpu = options.get(RunOptions.BACKEND).filter(Capabilities.GPU::equals).isPresent();
        return new Backends(store, options.get(RunOptions.HUB_ENDPOINT).isPresent(), gpu, workspace, options.get(RunOptions.URL_MIRROR).map(Path::of),
                options.get(RunOptions.URL_ENDPOINT), options.get(RunOptions.AGENT_SCRIPTS).map(Path::of), completions);
    }

    /** Whether this run's engines run on a GPU ({@code backend=gpu}); CPU stand-ins otherwise. */
    public boolean gpu() {
        return gpu;
    }

    /** The model store revisions resolve against. */
    public ModelStore modelStore() {
        return modelStore;
    }

    /** The vLLM backend; engines are reused only under keys that hold model identifier and revision. */
    public VllmBackend vllm() {
        if (vllm == null) {
            vllm = gpu ? gpuVllm() : new CpuVllmBackend(modelStore, WARM_ENGINES, completions);
        }
        return vllm;
    }

    /**
     * Real vLLM through the bridge, reading the store's folder as its hub cache; through the kit's hub, the
     * models are fetched into that folder first.
     */
    private VllmBackend gpuVllm() {
        VllmBackend bridged = new BridgeVllmBackend(bridge(), modelStore, "vllm");
        return fetchesThroughHub ? new HubFetchedVllm(modelStore, bridged) : bridged;
    }

    /** The PPO backend; the GPU one starts the Python bridge on first use. */
    public PpoBackend ppo() {
        if (ppo == null) {
            ppo = gpu ? new BridgePpoBackend(bridge(), BridgePpoOptions.of("torch", "cuda")) : new CpuPpoBackend();
        }
        return ppo;
    }

    /** The transformers backend: the CPU one on every run, as the bridge serves no transformers model. */
    public TransformersBackend transformers() {
        return transformers;
    }

    /** The Python bridge to the GPU engines, started on first use and closed with the run. */
    private PythonBridge bridge() {
        if (bridge == null) {
            bridge = PythonBridge.start(BridgeLaunch.defaults().withHubCache(modelStore.root()));
        }
        return bridge;
    }

    /** The agent runtime. */
    public AgentRuntime agents() {
        return agents;
    }

    /**
     * The scripted agent runs of the {@value RunOptions#AGENT_SCRIPTS} file, read on first use so that
     * only agent tasks depend on it; none without the option.
     *
     * @throws AgentScriptsException naming the file when it cannot be read or is malformed
     */
    public AgentScripts agentScripts() throws AgentScriptsException {
        if (agentScripts == null) {
            agentScripts = agentScriptsFile.isPresent() ? AgentScripts.read(agentScriptsFile.get()) : AgentScripts.none();
        }
        return agentScripts;
    }

    /** The run's workspace. */
    public Workspace workspace() {
        return workspace;
    }

    /**
     * A resolver for LoRA adapters that sees the artifacts earlier stages of this run produced, unpacks
     * archives into the JVM's {@linkplain Workspace#archiveCache cache of unpacked archives}, and fetches
     * http(s) URLs from the URL server of {@value RunOptions#URL_ENDPOINT} when the run has one.
     */
    public AdapterResolver adapters() {
        AdapterResolver resolver = new AdapterResolver(Workspace.archiveCache(), Path.of("").toAbsolutePath(), workspace.artifacts());
        return urlEndpoint.map(resolver::fetchingThrough).orElse(resolver);
    }

    /**
     * The URL server that answers http(s) URLs for this run ({@value RunOptions#URL_ENDPOINT}), if it has
     * one; it wins over the URL mirror, as fetching is what the kit can witness.
     */
    public Optional<String> urlEndpoint() {
        return urlEndpoint;
    }

    /** The endpoint API tasks reach: the URL mirror, else a stand-in chat completions server. */
    public StandInApiServer api() {
        return new StandInApiServer(urlMirror);
    }

    /** The folder that answers http(s) URLs offline, if the run has one. */
    public Optional<Path> urlMirror() {
        return urlMirror;
    }

    @Override
    public void close() {
        if (bridge != null) {
            bridge.close();
        }
    }
}
