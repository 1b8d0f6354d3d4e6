package io.flowmesh.reference.backend.transformers;

/** Loads {@link CpuCausalLm}s: the toy model of each snapshot commit, in process. */
public final class CpuTransformersBackend implements TransformersBackend {

    @Override
    public CausalLm load(String commit, long vocabSize) {
        return new CpuCausalLm(commit, vocabSize);
    }
}
