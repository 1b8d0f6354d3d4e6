package io.flowmesh.reference.backend.hub;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.store.HubCacheWriter;

/**
 * The content of the committed fixture store {@code fixtures/model-store/}: ten models, each with
 * refs {@code main} and {@code v1.0} on two different snapshots. {@link FixtureStoreTest} checks the
 * committed files against this catalog byte for byte, and rewrites them when run with
 * {@code -Dflowmesh.fixtures.regenerate=true}.
 *
 * <p>Configs are small stand-ins shaped like the real ones. Between the revisions,
 * {@code num_hidden_layers} drops by 2 and the position limit halves at {@code v1.0}, so that every
 * consumer can observe which revision it got.
 */
public final class FixtureStoreCatalog {

    /** The refs every fixture model has. */
    public static final List<String> REFS = List.of("main", "v1.0");

    /** One fixture model and the facts of its {@code main} revision. */
    record FixtureModel(String identifier, String architecture, String modelType, int hiddenSize, int layers,
                        int heads, int vocabSize, String torchDtype, String positionKey, int maxPositions,
                        String tokenizerClass) {
    }

    static final List<FixtureModel> MODELS = List.of(
            new FixtureModel("Qwen/Qwen2.5-0.5B-Instruct", "Qwen2ForCausalLM", "qwen2", 896, 24, 14, 151936,
                    "bfloat16", "max_position_embeddings", 32768, "Qwen2Tokenizer"),
            new FixtureModel("meta-llama/Llama-3.2-1B-Instruct", "LlamaForCausalLM", "llama", 2048, 16, 32, 128256,
                    "bfloat16", "max_position_embeddings", 131072, "PreTrainedTokenizerFast"),
            new FixtureModel("HuggingFaceTB/SmolLM2-135M-Instruct", "LlamaForCausalLM", "llama", 576, 30, 9, 49152,
                    "bfloat16", "max_position_embeddings", 8192, "GPT2Tokenizer"),
            new FixtureModel("sentence-transformers/all-MiniLM-L6-v2", "BertModel", "bert", 384, 6, 12, 30522,
                    "float32", "max_position_embeddings", 512, "BertTokenizer"),
            new FixtureModel("stabilityai/sd-turbo", "StableDiffusionPipeline", "stable_diffusion", 1024, 23, 16,
                    49408, "float16", "max_position_embeddings", 77, "CLIPTokenizer"),
            new FixtureModel("Qwen/Qwen2-VL-2B-Instruct", "Qwen2VLForConditionalGeneration", "qwen2_vl", 1536, 28, 12,
                    151936, "bfloat16", "max_position_embeddings", 32768, "Qwen2Tokenizer"),
            new FixtureModel("Qwen/Qwen2.5-Omni-3B", "Qwen2_5OmniModel", "qwen2_5_omni", 2048, 36, 16, 151936,
                    "bfloat16", "max_position_embeddings", 32768, "Qwen2Tokenizer"),
            new FixtureModel("google/vit-base-patch16-224", "ViTForImageClassification", "vit", 768, 12, 12, 1000,
                    "float32", "max_position_embeddings", 197, "ViTImageProcessor"),
            new FixtureModel("lvwerra/distilbert-imdb", "DistilBertForSequenceClassification", "distilbert", 768, 6,
                    12, 30522, "float32", "max_position_embeddings", 512, "DistilBertTokenizer"),
            new FixtureModel("openai-community/gpt2", "GPT2LMHeadModel", "gpt2", 768, 12, 12, 50257, "float32",
                    "n_positions", 1024, "GPT2Tokenizer"));

    private FixtureStoreCatalog() {
    }

    /** The identifiers of the fixture models, in catalog order. */
    public static List<String> identifiers() {
        return MODELS.stream().map(FixtureModel::identifier).toList();
    }

    /** Writes the whole fixture store under this root. */
    public static void writeTo(Path root) {
        HubCacheWriter writer = HubCacheWriter.at(root);
        for (FixtureModel model : MODELS) {
            for (String ref : REFS) {
                String commit = HubCacheWriter.commitOf(model.identifier(), ref);
                writer.json(model.identifier(), commit, "config.json", config(model, ref))
                        .json(model.identifier(), commit, "tokenizer_config.json", tokenizerConfig(model, ref))
                        .ref(model.identifier(), ref, commit);
            }
        }
    }

    /** The {@code num_hidden_layers} a fixture model has at a ref. */
    public static int layers(String identifier, String ref) {
        FixtureModel model = MODELS.stream().filter(m -> m.identifier().equals(identifier)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a fixture model: " + identifier));
        return ref.equals("main") ? model.layers() : model.layers() - 2;
    }

    private static Map<String, Object> config(FixtureModel model, String ref) {
        boolean main = ref.equals("main");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of(model.architecture()));
        config.put("model_type", model.modelType());
        config.put("hidden_size", model.hiddenSize());
        config.put("num_hidden_layers", main ? model.layers() : model.layers() - 2);
        config.put("num_attention_heads", model.heads());
        config.put("vocab_size", model.vocabSize());
        config.put(model.positionKey(), main ? model.maxPositions() : model.maxPositions() / 2);
        config.put("torch_dtype", model.torchDtype());
        return config;
    }

    private static Map<String, Object> tokenizerConfig(FixtureModel model, String ref) {
        boolean main = ref.equals("main");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("tokenizer_class", model.tokenizerClass());
        config.put("model_max_length", main ? model.maxPositions() : model.maxPositions() / 2);
        config.put("padding_side", main ? "right" : "left");
        return config;
    }
}
