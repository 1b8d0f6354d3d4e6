package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.hub.ModelStore;

class CpuVllmEngineTest {

    private static final String QWEN = "Qwen/Qwen2.5-0.5B-Instruct";
    private static final List<String> PROMPTS = List.of("Tell me about revisions", "Why do engines warm up?");

    private final CpuVllmEngineFactory factory = new CpuVllmEngineFactory(ModelStore.repositoryFixture());

    @Test
    void sameInputsGiveTheSameOutputs() throws Exception {
        Map<String, Object> sampling = Map.of("temperature", 0.7, "seed", 11, "max_tokens", 12);

        assertThat(engine("main").generate(PROMPTS, sampling)).as("a second run")
                .isEqualTo(engine("main").generate(PROMPTS, sampling));
    }

    @Test
    void outputsDependOnTheRevision() throws Exception {
        Map<String, Object> sampling = Map.of("temperature", 0.0, "max_tokens", 12);

        assertThat(text(engine("v1.0").generate(PROMPTS, sampling))).as("v1.0 output")
                .isNotEqualTo(text(engine("main").generate(PROMPTS, sampling)));
    }

    @Test
    void outputsDependOnTheTokenizerRevision() throws Exception {
        CpuVllmEngine split = factory.load(Map.of("model", QWEN, "tokenizer_revision", "v1.0"));

        assertThat(split.generate(PROMPTS, Map.of()).get(0).promptTokenIds()).as("prompt tokens, v1.0 tokenizer")
                .isNotEqualTo(engine("main").generate(PROMPTS, Map.of()).get(0).promptTokenIds());
    }

    @Test
    void seedAndTemperatureChangeSampledOutputsButNotGreedyOnes() throws Exception {
        CpuVllmEngine engine = engine("main");
        List<String> seeded = text(engine.generate(PROMPTS, Map.of("temperature", 0.8, "seed", 1)));

        assertThat(text(engine.generate(PROMPTS, Map.of("temperature", 0.8, "seed", 2)))).as("another seed")
                .isNotEqualTo(seeded);
        assertThat(text(engine.generate(PROMPTS, Map.of("temperature", 0.9, "seed", 1)))).as("another temperature")
                .isNotEqualTo(seeded);
        assertThat(text(engine.generate(PROMPTS, Map.of("temperature", 0, "seed", 2)))).as("greedy ignores the seed")
                .isEqualTo(text(engine.generate(PROMPTS, Map.of("temperature", 0, "seed", 1))));
    }

    @Test
    void nGivesNCompletionsThatDifferUnlessGreedy() throws Exception {
        CpuVllmEngine engine = engine("main");
        List<CompletionOutput> sampled = engine.generate(PROMPTS, Map.of("n", 3, "seed", 5)).get(0).outputs();
        List<CompletionOutput> greedy = engine.generate(PROMPTS, Map.of("n", 2, "temperature", 0)).get(0).outputs();

        assertThat(sampled).as("sampled completions").hasSize(3);
        assertThat(sampled.get(0).tokenIds()).as("completion 0 vs 1").isNotEqualTo(sampled.get(1).tokenIds());
        assertThat(greedy.get(0).tokenIds()).as("greedy completions agree").isEqualTo(greedy.get(1).tokenIds());
    }

    @Test
    void maxTokensCutsTheSameStream() throws Exception {
        CpuVllmEngine engine = engine("main");
        CompletionOutput longer = engine.generate(PROMPTS, Map.of("max_tokens", 40, "seed", 3, "ignore_eos", true))
                .get(0).outputs().get(0);
        CompletionOutput shorter = engine.generate(PROMPTS, Map.of("max_tokens", 8, "seed", 3, "ignore_eos", true))
                .get(0).outputs().get(0);

        assertThat(shorter.tokenIds()).as("8 tokens").hasSize(8);
        assertThat(shorter.finishReason()).as("finish reason").isEqualTo("length");
        assertThat(longer.tokenIds()).as("40-token completion starts with the 8-token one")
                .startsWith(shorter.tokenIds().toArray(Integer[]::new));
    }

    @Test
    void stopStringsEndTheCompletionWithoutTheStopString() throws Exception {
        CpuVllmEngine engine = engine("main");
        CompletionOutput free = engine.generate(PROMPTS, Map.of("max_tokens", 20, "seed", 9, "ignore_eos", true))
                .get(0).outputs().get(0);
        String stop = free.text().split(" ")[3];

        CompletionOutput stopped = engine.generate(PROMPTS, Map.of("max_tokens", 20, "seed", 9, "ignore_eos", true,
                "stop", List.of(stop))).get(0).outputs().get(0);

        assertThat(stopped.finishReason()).as("finish reason").isEqualTo("stop");
        assertThat(stopped.stopReason()).as("stop reason").isEqualTo(stop);
        assertThat(stopped.text()).as("text before the stop string").doesNotContain(stop)
                .isEqualTo(free.text().substring(0, free.text().indexOf(stop)));
    }

    @Test
    void maxModelLenBoundsPromptAndCompletion() throws Exception {
        CpuVllmEngine tiny = factory.load(Map.of("model", QWEN, "max_model_len", 6));

        assertThat(tiny.generate(List.of("one two three four"), Map.of("max_tokens", 50, "ignore_eos", true))
                .get(0).outputs().get(0).tokenIds()).as("tokens left under max_model_len").hasSize(2);
        assertThatThrownBy(() -> tiny.generate(List.of("a b c d e f g"), Map.of()))
                .isInstanceOf(EngineRequestException.class)
                .hasMessage("The decoder prompt (length 7) is longer than the maximum model length of 6");
    }

    @Test
    void repetitionPenaltyMakesGreedyDecodingRepeatLess() throws Exception {
        // 40 greedy tokens from a 32-word toy vocabulary must repeat some word.
        Map<String, Object> plain = Map.of("temperature", 0.0, "max_tokens", 40, "ignore_eos", true);
        Map<String, Object> penalised = Map.of("temperature", 0.0, "max_tokens", 40, "ignore_eos", true,
                "repetition_penalty", 50.0);

        List<Integer> free = engine("main").generate(PROMPTS, plain).get(0).outputs().get(0).tokenIds();
        List<Integer> held = engine("main").generate(PROMPTS, penalised).get(0).outputs().get(0).tokenIds();

        assertThat(new HashSet<>(held)).as("distinct tokens with repetition_penalty 50")
                .hasSizeGreaterThan(new HashSet<>(free).size());
    }

    @Test
    void frequencyAndPresencePenaltiesChangeGreedyOutputThroughTheLogitsAndNeutralValuesDoNot() throws Exception {
        Map<String, Object> plain = Map.of("temperature", 0.0, "max_tokens", 40, "ignore_eos", true);

        List<String> base = text(engine("main").generate(PROMPTS, plain));

        assertThat(text(engine("main").generate(PROMPTS, with(plain, "frequency_penalty", 2.0))))
                .as("frequency_penalty 2").isNotEqualTo(base);
        assertThat(text(engine("main").generate(PROMPTS, with(plain, "presence_penalty", 2.0))))
                .as("presence_penalty 2").isNotEqualTo(base);
        assertThat(text(engine("main").generate(PROMPTS, with(with(with(plain, "frequency_penalty", 0.0),
                "presence_penalty", 0.0), "repetition_penalty", 1.0)))).as("neutral penalties written out")
                .isEqualTo(base);
    }

    private static Map<String, Object> with(Map<String, Object> params, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(params);
        copy.put(key, value);
        return copy;
    }

    @Test
    void samplingParamsAreCheckedLikeVllm() {
        CpuVllmEngine engine = engine("main");
        Map<String, Object> unknown = new HashMap<>();
        unknown.put("do_sample", true);

        assertThatThrownBy(() -> engine.generate(PROMPTS, unknown)).isInstanceOf(EngineRequestException.class)
                .hasMessageStartingWith("unexpected sampling parameter 'do_sample'");
        assertThatThrownBy(() -> engine.generate(PROMPTS, Map.of("top_p", 0))).isInstanceOf(EngineRequestException.class)
                .hasMessage("top_p must be in (0, 1], got 0.0");
        assertThatThrownBy(() -> engine.generate(PROMPTS, Map.of("temperature", "hot")))
                .isInstanceOf(EngineRequestException.class).hasMessageContaining("'temperature' must be a number");
        assertThatThrownBy(() -> engine.generate(List.of("  "), Map.of())).isInstanceOf(EngineRequestException.class)
                .hasMessageContaining("cannot be empty");
    }

    @Test
    void embeddingModelsDoNotGenerate() throws Exception {
        CpuVllmEngine embedding = factory.load(Map.of("model", "sentence-transformers/all-MiniLM-L6-v2"));

        assertThatThrownBy(() -> embedding.generate(PROMPTS, Map.of())).isInstanceOf(EngineRequestException.class)
                .hasMessageContaining("is an embedding model");
    }

    private CpuVllmEngine engine(String revision) {
        try {
            return factory.load(Map.of("model", QWEN, "revision", revision));
        } catch (EngineLoadException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static List<String> text(List<RequestOutput> outputs) {
        return outputs.stream().flatMap(o -> o.outputs().stream()).map(CompletionOutput::text).toList();
    }
}
