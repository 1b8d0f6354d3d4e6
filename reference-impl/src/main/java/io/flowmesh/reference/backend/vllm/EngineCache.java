package io.flowmesh.reference.backend.vllm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Keeps warm engines for reuse, keyed so that a warm engine never serves the wrong model.
 *
 * <p>The reuse key holds the model identifier, the revision asked for, the commit it resolves to now,
 * the tokenizer commit, and every other engine kwarg. Asking for another revision of a warm model
 * therefore loads a new engine, and so does asking for a branch that moved since the warm load.
 * The least recently used engine is dropped beyond the capacity.
 */
public final class EngineCache {

    /**
     * The reuse key of an engine.
     *
     * @param model the model identifier
     * @param revision the revision asked for
     * @param commit the commit that revision resolved to
     * @param tokenizerCommit the commit the tokenizer revision resolved to
     * @param engineKwargs every engine kwarg as given, sorted by name
     */
    public record Key(String model, String revision, String commit, String tokenizerCommit,
                      Map<String, Object> engineKwargs) {
    }

    /**
     * An engine handed out by the cache.
     *
     * @param engine the engine
     * @param key the key it is cached under
     * @param reused whether it was warm (true) or loaded for this request (false)
     */
    public record Acquired(CpuVllmEngine engine, Key key, boolean reused) {
    }

    private final CpuVllmEngineFactory factory;
    private final int capacity;
    private final Map<Key, CpuVllmEngine> warm;
    private int loads;

    /**
     * A cache loading through this factory.
     *
     * @param capacity how many engines stay warm at most (at least 1)
     */
    public EngineCache(CpuVllmEngineFactory factory, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.factory = Objects.requireNonNull(factory, "factory");
        this.capacity = capacity;
        this.warm = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * A warm engine for these kwargs, or a newly loaded one.
     *
     * @throws EngineLoadException when the kwargs cannot load an engine
     */
    public Acquired acquire(Map<String, Object> engineKwargs) throws EngineLoadException {
        EngineArgs args = EngineArgs.fromKwargs(engineKwargs);
        // Resolving first means a moved branch is noticed: the key holds the commit it points at now.
        LoadedEngine loaded = factory.resolve(args);
        Key key = new Key(loaded.identifier(), loaded.revision(), loaded.commit(), loaded.tokenizerCommit(),
                args.kwargs());
        CpuVllmEngine engine = warm.get(key);
        if (engine != null) {
            return new Acquired(engine, key, true);
        }
        CpuVllmEngine started = factory.start(loaded, args);
        loads++;
        warm.put(key, started);
        if (warm.size() > capacity) {
            warm.remove(warm.keySet().iterator().next());
        }
        return new Acquired(started, key, false);
    }

    /** How many engines this cache has loaded (warm hits excluded). */
    public int loads() {
        return loads;
    }

    /** The keys of the warm engines, least recently used first. */
    public List<Key> warmKeys() {
        return new ArrayList<>(warm.keySet());
    }
}
