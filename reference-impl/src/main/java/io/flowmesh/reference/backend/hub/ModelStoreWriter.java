package io.flowmesh.reference.backend.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

/**
 * Writes a model store in the hub cache layout: snapshots with their files, and refs pointing at
 * them. Used to build the committed fixture store and, in tests, small stores with exactly the
 * models, refs and configs a test needs (including broken ones: the writer checks nothing).
 *
 * <p>JSON files are written pretty-printed with {@code \n} line ends and a final newline, in map
 * order, so the same input always gives the same bytes.
 */
public final class ModelStoreWriter {

    private static final ObjectWriter PRETTY_JSON = new ObjectMapper().writer(
            new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));

    private final Path root;

    private ModelStoreWriter(Path root) {
        this.root = root;
    }

    /** A writer for a store rooted at this directory, created on first write. */
    public static ModelStoreWriter at(Path root) {
        return new ModelStoreWriter(Objects.requireNonNull(root, "root"));
    }

    /**
     * The deterministic commit id used for fixtures: the SHA-1 hex of {@code <identifier>@<ref>}.
     * For example the fixture commit of {@code openai-community/gpt2} at {@code main} is
     * {@code sha1("openai-community/gpt2@main")}.
     */
    public static String fixtureCommit(String identifier, String ref) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            return HexFormat.of().formatHex(sha1.digest((identifier + "@" + ref).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-1", e);
        }
    }

    /** Writes {@code snapshots/<commit>/config.json} for a model. */
    public ModelStoreWriter config(String identifier, String commit, Map<String, Object> config) {
        return jsonFile(identifier, commit, "config.json", config);
    }

    /** Writes a JSON file (pretty-printed, in map order) into a model's snapshot. */
    public ModelStoreWriter jsonFile(String identifier, String commit, String fileName, Map<String, Object> content) {
        try {
            return file(identifier, commit, fileName, PRETTY_JSON.writeValueAsString(content) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + fileName, e);
        }
    }

    /** Writes a text file into a model's snapshot, creating the snapshot folder. */
    public ModelStoreWriter file(String identifier, String commit, String fileName, String content) {
        write(snapshotDir(identifier, commit).resolve(fileName), content);
        return this;
    }

    /** Writes {@code refs/<ref>} holding the commit id, as the hub does (no trailing newline). */
    public ModelStoreWriter ref(String identifier, String ref, String commit) {
        return rawRef(identifier, ref, commit);
    }

    /** Writes a ref file with arbitrary content, e.g. to test how a malformed ref is reported. */
    public ModelStoreWriter rawRef(String identifier, String ref, String content) {
        write(repository(identifier).resolve("refs").resolve(ref), content);
        return this;
    }

    /** The snapshot folder a commit of a model is written to. */
    public Path snapshotDir(String identifier, String commit) {
        return repository(identifier).resolve("snapshots").resolve(commit);
    }

    /** The store root this writer writes to. */
    public Path root() {
        return root;
    }

    private Path repository(String identifier) {
        return root.resolve(HubNames.repositoryFolder(identifier));
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
