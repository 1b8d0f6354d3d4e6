package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.flowmesh.reference.backend.hub.ModelStore;

class CompletionMemoTest {

    private static final String QWEN = "Qwen/Qwen2.5-0.5B-Instruct";
    private static final List<String> PROMPTS = List.of("Tell me about revisions", "Why do engines warm up?");
    private static final Map<String, Object> ENGINE = Map.of("model", QWEN);
    private static final Map<String, Object> SAMPLING = Map.of("temperature", 0.7, "seed", 11, "max_tokens", 12);

    /** One request: engine kwargs and sampling params. */
    private record Request(String name, Map<String, Object> engine, Map<String, Object> sampling) {
    }

    private static Request sampling(String name, Map<String, Object> change) {
        Map<String, Object> sampling = new HashMap<>(SAMPLING);
        sampling.putAll(change);
        return new Request(name, ENGINE, sampling);
    }

    private static Request engine(String name, Map<String, Object> change, Map<String, Object> sampling) {
        Map<String, Object> engine = new HashMap<>(ENGINE);
        engine.putAll(change);
        return new Request(name, engine, sampling);
    }

    /** Requests that each decode other completions than the first one, every input of a completion changed once. */
    private static final List<Request> REQUESTS = List.of(
            new Request("base", ENGINE, SAMPLING),
            sampling("seed", Map.of("seed", 12)),
            sampling("temperature", Map.of("temperature", 1.3)),
            sampling("top_p", Map.of("top_p", 0.3)),
            sampling("top_k", Map.of("top_k", 2)),
            sampling("min_p", Map.of("min_p", 0.5)),
            sampling("max_tokens", Map.of("max_tokens", 5)),
            sampling("presence_penalty", Map.of("presence_penalty", 2.0)),
            sampling("frequency_penalty", Map.of("frequency_penalty", 2.0)),
            sampling("repetition_penalty", Map.of("repetition_penalty", 1.9)),
            sampling("logprobs", Map.of("logprobs", 2)),
            sampling("n", Map.of("n", 2)),
            engine("revision", Map.of("revision", "v1.0"), SAMPLING),
            engine("tokenizer_revision", Map.of("tokenizer_revision", "v1.0"), SAMPLING),
            engine("max_model_len", Map.of("max_model_len", 10), SAMPLING),
            engine("engine seed, no request seed", Map.of("seed", 3), Map.of("temperature", 0.7, "max_tokens", 12)),
            engine("another engine seed", Map.of("seed", 4), Map.of("temperature", 0.7, "max_tokens", 12)));

    private static List<RequestOutput> generate(CpuVllmEngineFactory factory, Request request) throws Exception {
        return factory.load(request.engine()).generate(PROMPTS, request.sampling());
    }

    @Test
    void everyRequestGetsWhatAnEngineWithoutRememberedCompletionsDecodes() throws Exception {
        Map<String, List<RequestOutput>> alone = new LinkedHashMap<>();
        for (Request request : REQUESTS) {
            alone.put(request.name(), generate(new CpuVllmEngineFactory(ModelStore.repositoryFixture()), request));
        }
        for (int i = 1; i < REQUESTS.size() - 1; i++) {
            assertThat(alone.get(REQUESTS.get(i).name())).as("%s changes what is decoded", REQUESTS.get(i).name())
                    .isNotEqualTo(alone.get("base"));
        }
        assertThat(alone.get("another engine seed")).as("another engine seed changes what is decoded")
                .isNotEqualTo(alone.get("engine seed, no request seed"));

        CpuVllmEngineFactory shared = new CpuVllmEngineFactory(ModelStore.repositoryFixture(), new CompletionMemo());
        for (int round = 0; round < 2; round++) {
            for (Request request : REQUESTS) {
                assertThat(generate(shared, request)).as("%s after the others, round %d", request.name(), round)
                        .isEqualTo(alone.get(request.name()));
            }
        }
    }

    private static CompletionMemo.Key key() throws Exception {
        LoadedEngine loaded = new CpuVllmEngineFactory(ModelStore.repositoryFixture()).resolve(EngineArgs.fromKwargs(ENGINE));
        return new CompletionMemo.Key(loaded, 0, List.of(1, 2, 3), 0, SamplingParams.defaults(), 0);
    }

    private static CompletionOutput completion(String text) {
        return new CompletionOutput(0, text, List.of(7), "length", null, null);
    }

    @Test
    void aCompletionIsAnsweredFromMemoryOnlyOnceASecondDecodingGaveTheSame() throws Exception {
        CompletionMemo memo = new CompletionMemo();
        CompletionMemo.Key key = key();
        int[] decodings = {0};

        CompletionOutput first = memo.completion(key, () -> {
            decodings[0]++;
            return completion("same");
        });
        CompletionOutput second = memo.completion(key, () -> {
            decodings[0]++;
            return completion("same");
        });
        CompletionOutput third = memo.completion(key, () -> {
            decodings[0]++;
            return completion("same");
        });

        assertThat(decodings[0]).as("decodings: the first, and the one that confirms it").isEqualTo(2);
        assertThat(second).as("the confirmed completion").isSameAs(first);
        assertThat(third).as("answered from memory").isSameAs(first);
    }

    @Test
    void aCompletionThatDecodesDifferentlyEachTimeIsNeverAnsweredFromMemory() throws Exception {
        CompletionMemo memo = new CompletionMemo();
        CompletionMemo.Key key = key();

        List<String> texts = new java.util.ArrayList<>();
        for (String text : List.of("one", "two", "three")) {
            texts.add(memo.completion(key, () -> completion(text)).text());
        }

        assertThat(texts).as("what each request got").containsExactly("one", "two", "three");
    }

    @Test
    void aCompletionDecodedBeforeIsTheOneRemembered() throws Exception {
        CompletionMemo memo = new CompletionMemo();
        CpuVllmEngineFactory first = new CpuVllmEngineFactory(ModelStore.repositoryFixture(), memo);
        CpuVllmEngineFactory second = new CpuVllmEngineFactory(ModelStore.repositoryFixture(), memo);

        CompletionOutput decoded = generate(first, REQUESTS.get(0)).get(0).outputs().get(0);
        CompletionOutput again = generate(second, REQUESTS.get(0)).get(0).outputs().get(0);

        assertThat(again).as("the second engine's completion").isSameAs(decoded);
        assertThat(memo.size()).as("completions remembered: one per prompt").isEqualTo(PROMPTS.size());
    }
}
