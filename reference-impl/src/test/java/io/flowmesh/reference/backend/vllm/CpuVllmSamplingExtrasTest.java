package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.hub.ModelStore;

/** The sampling params and engine kwargs the CPU engine honours beyond the basic ones. */
class CpuVllmSamplingExtrasTest {

    private static final String QWEN = "Qwen/Qwen2.5-0.5B-Instruct";
    private static final List<String> PROMPTS = List.of("Tell me about revisions");

    private final CpuVllmEngineFactory factory = new CpuVllmEngineFactory(ModelStore.repositoryFixture());

    private CompletionOutput first(Map<String, Object> sampling) throws Exception {
        return factory.load(Map.of("model", QWEN)).generate(PROMPTS, sampling).get(0).outputs().get(0);
    }

    @Test
    void aStopTokenEndsTheCompletionKeepingItsIdButNotItsWord() throws Exception {
        CompletionOutput free = first(Map.of("max_tokens", 12, "temperature", 0.0, "ignore_eos", true));
        int third = free.tokenIds().get(2);

        CompletionOutput stopped = first(Map.of("max_tokens", 12, "temperature", 0.0, "ignore_eos", true,
                "stop_token_ids", List.of(third)));

        assertThat(stopped.finishReason()).isEqualTo("stop");
        assertThat(stopped.tokenIds()).isEqualTo(free.tokenIds().subList(0, 3));
        assertThat(stopped.text().split(" ")).hasSize(2);
    }

    @Test
    void aBadWordIsNeverGenerated() throws Exception {
        CompletionOutput free = first(Map.of("max_tokens", 12, "temperature", 0.0, "ignore_eos", true));
        String word = free.text().split(" ")[0];

        CompletionOutput banned = first(Map.of("max_tokens", 12, "temperature", 0.0, "ignore_eos", true,
                "bad_words", List.of(word)));

        assertThat(List.of(banned.text().split(" "))).doesNotContain(word);
    }

    @Test
    void logprobsGiveTheTopCandidatesAndTheChosenOnePerToken() throws Exception {
        CompletionOutput output = first(Map.of("max_tokens", 5, "temperature", 0.0, "ignore_eos", true, "logprobs", 2));

        assertThat(output.logprobs()).hasSize(5).allSatisfy(step -> {
            assertThat(step).hasSizeBetween(2, 3);
            assertThat(step.values()).allSatisfy(lp -> assertThat(lp).isLessThanOrEqualTo(0.0));
        });
        // Greedy decoding picks the most likely candidate: its word is first and holds the highest logprob.
        String[] words = output.text().split(" ");
        assertThat(output.logprobs().get(0).keySet().iterator().next()).isEqualTo(words[0]);
    }

    @Test
    void withoutLogprobsNoneAreReturned() throws Exception {
        assertThat(first(Map.of("max_tokens", 3)).logprobs()).isNull();
    }

    @Test
    void ropeScalingInHfOverridesScalesTheDerivedContextLength() throws Exception {
        LoadedEngine plain = factory.load(Map.of("model", QWEN)).loaded();
        LoadedEngine scaled = factory.load(Map.of("model", QWEN,
                "hf_overrides", Map.of("rope_scaling", Map.of("rope_type", "linear", "factor", 2.0)))).loaded();
        LoadedEngine llama3 = factory.load(Map.of("model", QWEN,
                "hf_overrides", Map.of("rope_scaling", Map.of("rope_type", "llama3", "factor", 8.0)))).loaded();

        assertThat(scaled.maxModelLen()).isEqualTo(plain.maxModelLen() * 2);
        assertThat(llama3.maxModelLen()).isEqualTo(plain.maxModelLen());
    }
}
