package io.flowmesh.reference.backend.vllm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Completions the CPU engines decoded, remembered under everything an engine is handed for one: the
 * loaded engine (model, revisions and their commits, config facts, every engine kwarg), the engine seed,
 * the prompt's token ids and position, the sampling params and the completion's index. A probe of an
 * audit changes one field, and the other prompts, stages and runs ask for what was decoded before.
 *
 * <p>A memo must not hide what it remembers for. The key holds all the engine sees, not only what a
 * correct engine reads, so that an engine that came to depend on more (a bug) still shows it when that
 * input changes; and a completion is answered from memory only once decoding it a second time gave the
 * same completion, so that an engine that does not decode deterministically still shows it to the
 * kit's determinism check, which runs a template twice. Kept for the life of one implementation, shared
 * by its runs and safe for concurrent use; the last {@value #MAX_REMEMBERED} at most, forgotten all at
 * once when full.
 */
public final class CompletionMemo {

    /** A few thousand: a template's runs decode tens of completions, a corpus forgets as it goes. */
    private static final int MAX_REMEMBERED = 4096;

    /**
     * Everything an engine is handed for one completion.
     *
     * @param loaded what the engine loaded: model, revisions, commits, config facts and engine kwargs
     * @param engineSeed the engine's seed
     * @param promptIds the prompt's token ids
     * @param position the prompt's position in the request
     * @param params the request's sampling params
     * @param index the completion's index among the prompt's {@code n}
     */
    record Key(LoadedEngine loaded, long engineSeed, List<Integer> promptIds, int position, SamplingParams params,
               int index) {

        Key {
            // A remembered key must not change under the map: the engine hands the prompt's ids on.
            promptIds = List.copyOf(promptIds);
        }
    }

    /** A completion decoded, and whether a second decoding gave the same. */
    private record Remembered(CompletionOutput completion, boolean confirmed) {
    }

    private final Map<Key, Remembered> remembered = new ConcurrentHashMap<>();

    /**
     * The completion remembered under this key once confirmed; else the one decoded now, which confirms
     * the remembered one when equal to it and replaces it when not.
     */
    CompletionOutput completion(Key key, Supplier<CompletionOutput> decode) {
        Remembered known = remembered.get(key);
        if (known != null && known.confirmed()) {
            return known.completion();
        }
        CompletionOutput decoded = decode.get();
        boolean confirmed = known != null && known.completion().equals(decoded);
        CompletionOutput answer = confirmed ? known.completion() : decoded;
        if (known == null && remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(key, new Remembered(answer, confirmed));
        return answer;
    }

    /** How many completions are remembered now, confirmed or not. */
    int size() {
        return remembered.size();
    }
}
