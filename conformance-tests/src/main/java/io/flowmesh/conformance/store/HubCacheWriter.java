package io.flowmesh.conformance.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import org.apiguardian.api.API;

/**
 * Writes a model store in the Hugging Face hub cache layout, the {@code modelStore} the kit hands to an
 * implementation: {@code models--<org>--<name>/refs/<ref>} holds a 40-hex commit id and
 * {@code snapshots/<commit>/} holds the snapshot's files. Because the kit writes the store, it knows
 * which commit every revision must load; that knowledge is the oracle of the revision contracts.
 *
 * <p>Files are written to a temporary name and moved into place, so a reader never sees half a file.
 * The same calls always give the same bytes.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class HubCacheWriter {

    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final ObjectWriter PRETTY_JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private final Path root;

    private HubCacheWriter(Path root) {
        this.root = root;
    }

    /** A writer for the store rooted at this folder, created on first write. */
    public static HubCacheWriter at(Path root) {
        return new HubCacheWriter(Objects.requireNonNull(root, "root"));
    }

    /** The store's root folder. */
    public Path root() {
        return root;
    }

    /**
     * The commit id the kit gives a ref it invents: the SHA-1 hex of {@code <identifier>@<ref>}, so
     * anyone can recompute it ({@code printf '%s' 'org/name@main' | sha1sum}).
     */
    public static String commitOf(String identifier, String ref) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((identifier + "@" + ref).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-1", e);
        }
    }

    /** Whether a revision is written as a full commit id rather than a ref name. */
    public static boolean isCommitId(String revision) {
        return COMMIT.matcher(revision).matches();
    }

    /**
     * Writes a tiny causal language model's snapshot: a {@code config.json} and a
     * {@code tokenizer_config.json} shaped like the real files, no weights. The commit id is part of
     * the config ({@code _commit_hash}, as transformers itself records), so every snapshot differs.
     */
    public HubCacheWriter tinyModel(String identifier, String commit) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("architectures", java.util.List.of("LlamaForCausalLM"));
        config.put("model_type", "llama");
        config.put("hidden_size", 64);
        config.put("num_hidden_layers", 2);
        config.put("num_attention_heads", 4);
        config.put("vocab_size", 32000);
        config.put("max_position_embeddings", 2048);
        config.put("torch_dtype", "bfloat16");
        config.put("_commit_hash", commit);
        Map<String, Object> tokenizer = new LinkedHashMap<>();
        tokenizer.put("tokenizer_class", "LlamaTokenizer");
        tokenizer.put("model_max_length", 2048);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("config.json", json(config));
        files.put("tokenizer_config.json", json(tokenizer));
        return snapshot(identifier, commit, files);
    }

    /** Writes files into {@code snapshots/<commit>/}, by name, as UTF-8 text. */
    public HubCacheWriter snapshot(String identifier, String commit, Map<String, String> files) {
        requireCommit(commit);
        Path dir = modelDir(identifier).resolve("snapshots").resolve(commit);
        files.forEach((name, text) -> write(dir.resolve(name), text));
        return this;
    }

    /** Writes a JSON file into {@code snapshots/<commit>/}: pretty-printed, in map order, with a final newline. */
    public HubCacheWriter json(String identifier, String commit, String fileName, Map<String, Object> content) {
        return snapshot(identifier, commit, Map.of(fileName, json(content)));
    }

    /** Points {@code refs/<ref>} at a commit; the commit's snapshot is written separately. */
    public HubCacheWriter ref(String identifier, String ref, String commit) {
        requireCommit(commit);
        if (ref.isEmpty() || ref.contains("..") || ref.startsWith("/")) {
            throw new IllegalArgumentException("not a ref name: '" + ref + "'");
        }
        write(modelDir(identifier).resolve("refs").resolve(ref), commit);
        return this;
    }

    /** The folder of one model: {@code models--<org>--<name>}. */
    public Path modelDir(String identifier) {
        if (identifier.isBlank() || identifier.contains("..") || identifier.startsWith("/")) {
            throw new IllegalArgumentException("not a model identifier: '" + identifier + "'");
        }
        return root.resolve("models--" + identifier.replace("/", "--"));
    }

    private static String json(Map<String, Object> content) {
        try {
            return PRETTY_JSON.writeValueAsString(content) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of plain values always serialises", e);
        }
    }

    private static void requireCommit(String commit) {
        if (!isCommitId(commit)) {
            throw new IllegalArgumentException("a commit id is 40 lower-case hex digits, got '" + commit + "'");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".writing-", ".tmp");
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
