package io.flowmesh.reference.parse;

import java.util.List;
import java.util.Map;

/**
 * The model section.
 *
 * @param source where the model comes from, or null
 * @param vllm open {@code model.vllm} engine arguments; empty when absent
 * @param transformers open {@code model.transformers} arguments; empty when absent
 * @param diffusers open {@code model.diffusers} arguments; empty when absent
 * @param config open {@code model.config} load flags; empty when absent
 * @param adapters LoRA adapters, in order; empty when absent
 */
public record Model(ModelSource source, Map<String, Object> vllm, Map<String, Object> transformers,
        Map<String, Object> diffusers, Map<String, Object> config, List<Adapter> adapters) {

    public Model {
        vllm = Immutable.map(vllm);
        transformers = Immutable.map(transformers);
        diffusers = Immutable.map(diffusers);
        config = Immutable.map(config);
        adapters = Immutable.list(adapters);
    }
}
