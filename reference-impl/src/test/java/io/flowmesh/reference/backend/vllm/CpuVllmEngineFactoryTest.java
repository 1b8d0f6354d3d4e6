package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.conformance.store.HubCacheWriter;

class CpuVllmEngineFactoryTest {

    private static final String QWEN = "Qwen/Qwen2.5-0.5B-Instruct";

    private final CpuVllmEngineFactory factory = new CpuVllmEngineFactory(ModelStore.repositoryFixture());

    @Test
    void twoRevisionsOfOneModelLoadDifferentSnapshots() throws Exception {
        LoadedEngine main = factory.load(Map.of("model", QWEN)).loaded();
        LoadedEngine v1 = factory.load(Map.of("model", QWEN, "revision", "v1.0")).loaded();

        assertThat(main.revision()).as("default revision").isEqualTo("main");
        assertThat(main.commit()).as("main commit").isEqualTo(HubCacheWriter.commitOf(QWEN, "main"));
        assertThat(v1.commit()).as("v1.0 commit").isEqualTo(HubCacheWriter.commitOf(QWEN, "v1.0"));
        assertThat(main.numHiddenLayers()).as("layers at main").isEqualTo(24);
        assertThat(v1.numHiddenLayers()).as("layers at v1.0").isEqualTo(22);
        assertThat(main.maxModelLen()).as("derived context at main").isEqualTo(32768);
        assertThat(v1.maxModelLen()).as("derived context at v1.0").isEqualTo(16384);
    }

    @Test
    void tokenizerRevisionDefaultsToTheModelRevision() throws Exception {
        LoadedEngine v1 = factory.load(Map.of("model", QWEN, "revision", "v1.0")).loaded();
        LoadedEngine split = factory.load(Map.of("model", QWEN, "revision", "v1.0", "tokenizer_revision", "main"))
                .loaded();

        assertThat(v1.tokenizerRevision()).as("defaulted tokenizer revision").isEqualTo("v1.0");
        assertThat(v1.tokenizerCommit()).as("tokenizer commit follows revision").isEqualTo(v1.commit());
        assertThat(split.tokenizerCommit()).as("explicit tokenizer revision")
                .isEqualTo(HubCacheWriter.commitOf(QWEN, "main"))
                .isNotEqualTo(split.commit());
    }

    @Test
    void factsAreAnOrderedMapForEffects() throws Exception {
        Map<String, Object> facts = factory.load(Map.of("model", "openai-community/gpt2")).loaded().facts();

        assertThat(facts.keySet()).as("fact keys").startsWith("model", "revision", "commit", "tokenizer");
        assertThat(facts).as("gpt2 facts").containsEntry("max_model_len", 1024).containsEntry("dtype", "float32")
                .containsEntry("architectures", List.of("GPT2LMHeadModel"));
    }

    @Test
    void maxModelLenBeyondTheConfigIsRefusedLikeVllm() throws Exception {
        assertThat(factory.load(Map.of("model", QWEN, "max_model_len", 32768)).loaded().maxModelLen())
                .as("max_model_len at main").isEqualTo(32768);

        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "revision", "v1.0", "max_model_len", 32768)))
                .isInstanceOf(EngineLoadException.class)
                .hasMessageContaining("User-specified max_model_len (32768) is greater than the derived max_model_len "
                        + "(max_position_embeddings=16384 in model's config.json)")
                .hasMessageContaining("revision 'v1.0'");
        assertThatThrownBy(() -> factory.load(Map.of("model", "openai-community/gpt2", "max_model_len", 2048)))
                .as("gpt2 states its limit as n_positions")
                .isInstanceOf(EngineLoadException.class)
                .hasMessageContaining("n_positions=1024");
    }

    @Test
    void dtypeAutoTakesTheConfigsTorchDtype() throws Exception {
        assertThat(factory.load(Map.of("model", QWEN)).loaded().dtype()).as("auto").isEqualTo("bfloat16");
        assertThat(factory.load(Map.of("model", QWEN, "dtype", "half")).loaded().dtype()).as("half").isEqualTo("float16");
        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "dtype", "fp8")))
                .isInstanceOf(EngineLoadException.class).hasMessageContaining("'dtype' must be one of");
    }

    @Test
    void unknownRevisionNamesModelRevisionAndKnownRefs() {
        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "revision", "v9")))
                .isInstanceOf(EngineLoadException.class)
                .hasMessage("cannot resolve model 'Qwen/Qwen2.5-0.5B-Instruct' at revision 'v9': unknown revision; "
                        + "known refs: main, v1.0");
    }

    @Test
    void malformedKwargsAreRefused() {
        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "sloSeconds", 3)))
                .isInstanceOf(EngineLoadException.class).hasMessageStartingWith("unexpected engine argument 'sloSeconds'");
        assertThatThrownBy(() -> factory.load(Map.of("revision", "main")))
                .isInstanceOf(EngineLoadException.class).hasMessageContaining("'model' is required");
        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "max_model_len", "4096")))
                .isInstanceOf(EngineLoadException.class).hasMessageContaining("'max_model_len' must be an integer");
        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "gpu_memory_utilization", 1.5)))
                .isInstanceOf(EngineLoadException.class).hasMessageContaining("(0, 1]");
    }

    @Test
    void attentionHeadsMustSplitOverTensorParallelRanks() throws Exception {
        assertThat(factory.load(Map.of("model", QWEN, "tensor_parallel_size", 2)).loaded().engineKwargs())
                .as("tp 2 divides 14 heads").containsEntry("tensor_parallel_size", 2);
        assertThatThrownBy(() -> factory.load(Map.of("model", QWEN, "tensor_parallel_size", 4)))
                .isInstanceOf(EngineLoadException.class)
                .hasMessage("Total number of attention heads (14) must be divisible by tensor parallel size (4).");
    }

    @Test
    void unsupportedArchitecturesAreRefused() {
        assertThatThrownBy(() -> factory.load(Map.of("model", "google/vit-base-patch16-224")))
                .isInstanceOf(EngineLoadException.class)
                .hasMessageStartingWith("Model architectures [ViTForImageClassification] of 'google/vit-base-patch16-224'"
                        + " are not supported for now.");
    }

    @Test
    void customCodeNeedsTrustRemoteCode(@TempDir Path root) throws Exception {
        String commit = HubCacheWriter.commitOf("acme/custom", "main");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("LlamaForCausalLM"));
        config.put("auto_map", Map.of("AutoModelForCausalLM", "modeling_custom.Custom"));
        HubCacheWriter.at(root).json("acme/custom", commit, "config.json", config)
                .json("acme/custom", commit, "tokenizer_config.json", Map.of())
                .ref("acme/custom", "main", commit);
        CpuVllmEngineFactory custom = new CpuVllmEngineFactory(ModelStore.at(root));

        assertThatThrownBy(() -> custom.load(Map.of("model", "acme/custom")))
                .isInstanceOf(EngineLoadException.class).hasMessageContaining("set trust_remote_code=True");
        assertThat(custom.load(Map.of("model", "acme/custom", "trust_remote_code", true)).loaded().maxModelLen())
                .as("no limit in the config: vLLM's default").isEqualTo(2048);
    }

    @Test
    void tokenizerSnapshotNeedsATokenizerConfig(@TempDir Path root) {
        String commit = HubCacheWriter.commitOf("acme/bare", "main");
        HubCacheWriter.at(root).json("acme/bare", commit, "config.json", Map.of("architectures", List.of("LlamaForCausalLM")))
                .ref("acme/bare", "main", commit);

        assertThatThrownBy(() -> new CpuVllmEngineFactory(ModelStore.at(root)).load(Map.of("model", "acme/bare")))
                .isInstanceOf(EngineLoadException.class).hasMessageContaining("has no tokenizer_config.json");
    }

    /** A load failure names the engine kwarg it belongs to, as data. */
    @Nested
    class FailuresNameTheirKwarg {

        private EngineLoadException failure(Map<String, Object> kwargs) {
            EngineLoadException e = catchThrowableOfType(EngineLoadException.class,
                    () -> factory.load(kwargs));
            assertThat(e).as("load %s", kwargs).isNotNull();
            return e;
        }

        @Test
        void anUnknownModelAnUnknownRevisionAndAnUnknownTokenizerRevision() {
            EngineLoadException model = failure(Map.of("model", "acme/not-there"));
            EngineLoadException revision = failure(Map.of("model", "openai-community/gpt2", "revision", "v9"));
            EngineLoadException tokenizer = failure(Map.of("model", "openai-community/gpt2", "tokenizer_revision", "v9"));

            assertThat(model.kwarg()).as("unknown model").contains("model");
            assertThat(revision.kwarg()).as("unknown revision").contains("revision");
            assertThat(tokenizer.kwarg()).as("unknown tokenizer revision").contains("tokenizer_revision");
            assertThat(List.of(model, revision, tokenizer)).allSatisfy(e -> assertThat(e.unresolved()).isTrue());
        }

        @Test
        void aKwargTheModelCannotTakeOrTheEngineDoesNotKnow() {
            EngineLoadException tooLong = failure(Map.of("model", "openai-community/gpt2", "max_model_len", 999_999));
            EngineLoadException unknown = failure(Map.of("model", "openai-community/gpt2", "warp_speed", 9));

            assertThat(tooLong.kwarg()).as("max_model_len beyond the config").contains("max_model_len");
            assertThat(unknown.kwarg()).as("unknown kwarg").contains("warp_speed");
            assertThat(List.of(tooLong, unknown)).allSatisfy(e -> assertThat(e.unresolved()).isFalse());
        }
    }
}
