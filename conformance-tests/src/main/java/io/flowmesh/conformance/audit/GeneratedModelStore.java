package io.flowmesh.conformance.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.flowmesh.conformance.store.HubCacheWriter;
import io.flowmesh.conformance.store.TemporaryFolder;
import org.apiguardian.api.API;

/**
 * The model store an audit uses when the user names none: a tiny snapshot for every model the
 * audited templates ask for ({@link ModelDemand}), at every revision they or the classification's
 * probes can ask for. A ref's commit is the SHA-1 hex of {@code <identifier>@<ref>}
 * ({@link HubCacheWriter#commitOf}); a revision that is itself a 40-hex commit id gets a snapshot of
 * its own and no ref. Any other revision is not in the store, so asking for it still fails as an
 * unknown revision does.
 *
 * <p>Closing the store deletes the folder it was written to; so does the JVM's exit, Ctrl-C included.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class GeneratedModelStore implements AutoCloseable {

    /** The position limit of the stand-in models: 128Ki tokens. */
    static final int LONG_CONTEXT = 131_072;

    private static final ObjectWriter JSON = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private final TemporaryFolder folder;

    private GeneratedModelStore(TemporaryFolder folder) {
        this.folder = folder;
    }

    /** Writes the store of a demand into a new temporary folder. */
    public static GeneratedModelStore write(ModelDemand demand) throws AuditInputException {
        try {
            // Should writing fail, the folder goes at the JVM's exit.
            TemporaryFolder folder = TemporaryFolder.create("flowmesh-model-store-");
            writeInto(folder.path(), demand);
            return new GeneratedModelStore(folder);
        } catch (IOException | UncheckedIOException e) {
            throw new AuditInputException("cannot write the generated model store: " + e.getMessage());
        }
    }

    /** Writes the store of a demand into a folder (created as needed); the same demand always writes the same files. */
    public static void writeInto(Path root, ModelDemand demand) {
        HubCacheWriter writer = HubCacheWriter.at(root);
        for (Map.Entry<String, SortedSet<String>> model : demand.revisions().entrySet()) {
            String identifier = model.getKey();
            for (String revision : model.getValue()) {
                if (HubCacheWriter.isCommitId(revision)) {
                    writer.snapshot(identifier, revision, standIn(revision));
                } else {
                    String commit = HubCacheWriter.commitOf(identifier, revision);
                    writer.snapshot(identifier, commit, standIn(commit)).ref(identifier, revision, commit);
                }
            }
        }
    }

    /**
     * A tiny causal language model's {@code config.json} and {@code tokenizer_config.json}, no weights.
     * Unlike {@link HubCacheWriter#tinyModel}, its position limit is that of today's long-context models,
     * so the store never refuses a context length a user's template asks for: the audit measures the
     * templates, not the stand-in's size. The commit is part of the config, so every snapshot differs.
     */
    static Map<String, String> standIn(String commit) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", List.of("LlamaForCausalLM"));
        config.put("model_type", "llama");
        config.put("hidden_size", 64);
        config.put("num_hidden_layers", 2);
        config.put("num_attention_heads", 4);
        config.put("vocab_size", 32000);
        config.put("max_position_embeddings", LONG_CONTEXT);
        config.put("torch_dtype", "bfloat16");
        config.put("_commit_hash", commit);
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("tokenizer_class", "LlamaTokenizer");
        tokenizer.put("model_max_length", LONG_CONTEXT);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("config.json", json(config));
        files.put("tokenizer_config.json", json(tokenizer));
        return files;
    }

    private static String json(Map<String, Object> content) {
        try {
            return JSON.writeValueAsString(content) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serialises", e);
        }
    }

    /** The store's root folder. */
    public Path root() {
        return folder.path();
    }

    @Override
    public void close() {
        folder.close();
    }
}
