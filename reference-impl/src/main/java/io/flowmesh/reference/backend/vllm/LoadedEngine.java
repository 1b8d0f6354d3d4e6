package io.flowmesh.reference.backend.vllm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What an engine load resolved: which commit of which model and tokenizer it serves, and the config
 * facts it derived. Two revisions of one model give different values here.
 *
 * @param identifier the model identifier
 * @param revision the model revision asked for ({@code main} when none was)
 * @param commit the commit the model revision resolved to
 * @param tokenizer the tokenizer identifier
 * @param tokenizerRevision the tokenizer revision asked for (the model revision when none was)
 * @param tokenizerCommit the commit the tokenizer revision resolved to
 * @param architectures the config's {@code architectures}
 * @param modelType the config's {@code model_type}
 * @param numHiddenLayers the config's {@code num_hidden_layers}
 * @param vocabSize the config's {@code vocab_size}
 * @param maxModelLen the context length in effect (requested, or derived from the config)
 * @param dtype the dtype in effect ({@code auto} replaced by the config's {@code torch_dtype})
 * @param engineKwargs the engine kwargs as given, sorted by name
 */
public record LoadedEngine(String identifier, String revision, String commit, String tokenizer,
                           String tokenizerRevision, String tokenizerCommit, List<String> architectures,
                           String modelType, long numHiddenLayers, long vocabSize, int maxModelLen, String dtype,
                           Map<String, Object> engineKwargs) {

    public LoadedEngine {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(commit, "commit");
        architectures = List.copyOf(architectures);
        engineKwargs = Collections.unmodifiableMap(new TreeMap<>(engineKwargs));
    }

    /** The resolved facts as an ordered, JSON-like map, ready to record as effects. */
    public Map<String, Object> facts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("model", identifier);
        facts.put("revision", revision);
        facts.put("commit", commit);
        facts.put("tokenizer", tokenizer);
        facts.put("tokenizer_revision", tokenizerRevision);
        facts.put("tokenizer_commit", tokenizerCommit);
        facts.put("architectures", architectures);
        facts.put("model_type", modelType);
        facts.put("num_hidden_layers", numHiddenLayers);
        facts.put("vocab_size", vocabSize);
        facts.put("max_model_len", maxModelLen);
        facts.put("dtype", dtype);
        return facts;
    }
}
