package io.flowmesh.reference.backend.vllm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Completions the CPU engines computed, remembered under everything a completion is a function of: the
 * model (its commit and id space), the context length, the prompt's token ids, the sampling params, the
 * seed the completion's random stream derives from and its index among the prompt's {@code n}. A CPU
 * completion is deterministic in these, so a remembered one is the one decoding would give again; a
 * probe of an audit changes one field, and the other prompts, stages and runs decode what was decoded
 * before. Kept for the life of one implementation, shared by its runs and safe for concurrent use; the
 * last {@value #MAX_REMEMBERED} at most, forgotten all at once when full.
 */
public final class CompletionMemo {

    /** A few thousand: a template's runs decode tens of completions, a corpus forgets as it goes. */
    private static final int MAX_REMEMBERED = 4096;

    /**
     * What one completion is a function of.
     *
     * @param commit the model commit its logits derive from
     * @param vocabSize the id space of its words
     * @param maxModelLen the context length that bounds its tokens
     * @param promptIds the prompt's token ids
     * @param params the request's sampling params
     * @param seed the seed of its random stream: the request's, else the engine's with the prompt's position
     * @param index its index among the prompt's {@code n}
     */
    record Key(String commit, int vocabSize, int maxModelLen, List<Integer> promptIds, SamplingParams params,
               long seed, int index) {

        Key {
            // A remembered key must not change under the map: the engine hands the prompt's ids on.
            promptIds = List.copyOf(promptIds);
        }
    }

    private final Map<Key, CompletionOutput> remembered = new ConcurrentHashMap<>();

    /** The completion remembered under this key, else the one decoded now (and then remembered). */
    CompletionOutput completion(Key key, Supplier<CompletionOutput> decode) {
        CompletionOutput known = remembered.get(key);
        if (known != null) {
            return known;
        }
        CompletionOutput decoded = decode.get();
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, decoded);
        return decoded;
    }

    /** How many completions are remembered now. */
    int size() {
        return remembered.size();
    }
}
