package io.flowmesh.reference.backend.vllm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.flowmesh.reference.backend.hub.ModelStore;
import io.flowmesh.conformance.store.HubCacheWriter;

class EngineCacheTest {

    private static final String QWEN = "Qwen/Qwen2.5-0.5B-Instruct";

    private final EngineCache cache = new EngineCache(new CpuVllmEngineFactory(ModelStore.repositoryFixture()), 4);

    @Test
    void sameKwargsReuseTheWarmEngine() throws Exception {
        EngineCache.Acquired first = cache.acquire(Map.of("model", QWEN, "revision", "main"));
        EngineCache.Acquired second = cache.acquire(Map.of("model", QWEN, "revision", "main"));

        assertThat(first.reused()).as("first acquire loads").isFalse();
        assertThat(second.reused()).as("second acquire is warm").isTrue();
        assertThat(second.engine()).as("the same engine").isSameAs(first.engine());
        assertThat(cache.loads()).as("loads").isEqualTo(1);
    }

    @Test
    void anotherRevisionOfAWarmModelLoadsANewEngine() throws Exception {
        EngineCache.Acquired main = cache.acquire(Map.of("model", QWEN, "revision", "main"));
        EngineCache.Acquired v1 = cache.acquire(Map.of("model", QWEN, "revision", "v1.0"));

        assertThat(v1.reused()).as("v1.0 is not served by the warm main engine").isFalse();
        assertThat(v1.engine().loaded().commit()).as("v1.0 engine commit")
                .isEqualTo(HubCacheWriter.commitOf(QWEN, "v1.0"))
                .isNotEqualTo(main.engine().loaded().commit());
        assertThat(v1.key().revision()).as("key revision").isEqualTo("v1.0");
        assertThat(cache.loads()).as("loads").isEqualTo(2);
    }

    @Test
    void otherEngineKwargsLoadANewEngine() throws Exception {
        cache.acquire(Map.of("model", QWEN));
        EngineCache.Acquired shorter = cache.acquire(Map.of("model", QWEN, "max_model_len", 4096));

        assertThat(shorter.reused()).as("a different max_model_len is another engine").isFalse();
        assertThat(shorter.engine().loaded().maxModelLen()).as("max_model_len").isEqualTo(4096);
    }

    @Test
    void aBranchThatMovedIsNotServedByTheEngineWarmOnItsOldCommit(@TempDir Path root) throws Exception {
        String old = HubCacheWriter.commitOf("acme/lm", "main");
        String moved = HubCacheWriter.commitOf("acme/lm", "next");
        HubCacheWriter writer = HubCacheWriter.at(root);
        for (String commit : List.of(old, moved)) {
            writer.json("acme/lm", commit, "config.json", Map.of("architectures", List.of("LlamaForCausalLM")))
                    .json("acme/lm", commit, "tokenizer_config.json", Map.of());
        }
        writer.ref("acme/lm", "main", old);
        EngineCache local = new EngineCache(new CpuVllmEngineFactory(ModelStore.at(root)), 2);
        local.acquire(Map.of("model", "acme/lm"));

        writer.ref("acme/lm", "main", moved);
        EngineCache.Acquired after = local.acquire(Map.of("model", "acme/lm"));

        assertThat(after.reused()).as("reused after the branch moved").isFalse();
        assertThat(after.engine().loaded().commit()).as("commit served").isEqualTo(moved);
    }

    @Test
    void leastRecentlyUsedEngineIsDroppedBeyondCapacity() throws Exception {
        EngineCache small = new EngineCache(new CpuVllmEngineFactory(ModelStore.repositoryFixture()), 1);
        small.acquire(Map.of("model", QWEN));
        small.acquire(Map.of("model", QWEN, "revision", "v1.0"));
        EngineCache.Acquired again = small.acquire(Map.of("model", QWEN));

        assertThat(again.reused()).as("main was evicted").isFalse();
        assertThat(small.warmKeys()).as("warm keys").hasSize(1);
        assertThat(small.loads()).as("loads").isEqualTo(3);
    }
}
