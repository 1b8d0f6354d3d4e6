package io.flowmesh.reference.backend.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * A model store laid out like the Hugging Face hub cache, resolving revisions the way the hub does.
 *
 * <p>This is the CPU backend's model store: real semantics at small scale. It reads the same layout
 * the hub writes ({@code models--<org>--<name>/refs/<ref>} holding a commit id,
 * {@code snapshots/<commit>/} holding the files), so a branch or tag is mutable and resolves through
 * its ref file, while a commit id is immutable and names its snapshot directly. Snapshots here hold
 * small files (at least {@code config.json}) instead of weights.
 *
 * <p>A store made {@linkplain #throughHub through a hub} asks the hub for every revision it resolves and
 * keeps the snapshots the hub serves in a local folder of the same layout, then resolves as above: the
 * same models, the same answers, the same messages, whether read from a folder or fetched.
 */
public final class ModelStore {

    /** The revision used when none is given, as the hub does. */
    public static final String DEFAULT_REVISION = "main";

    /** The system property naming the repository root, set by the build for tests. */
    public static final String REPOSITORY_ROOT_PROPERTY = "flowmesh.repository.root";

    /** Where the committed fixture store lives, relative to the repository root. */
    public static final String FIXTURE_PATH = "fixtures/model-store";

    private static final String NOT_A_REF = ": not a commit id and not a valid ref name (no '..', no leading or doubled '/')";
    private static final ObjectReader JSON_OBJECT = new ObjectMapper().readerFor(new TypeReference<LinkedHashMap<String, Object>>() {
    });
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    /**
     * Parsed configs by the text of their file: every run resolves its models anew, and an audit reads the
     * same few configs thousands of times. Keyed by content, a changed file is parsed again; bounded, since
     * a store may hold any number of snapshots.
     */
    private static final Map<String, Map<String, Object>> CONFIGS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_CONFIGS = 256;

    private final Path root;
    private final RemoteHub hub;

    private ModelStore(Path root, RemoteHub hub) {
        this.root = root;
        this.hub = hub;
    }

    /** A store rooted at this directory (the folder that holds the {@code models--*} folders). */
    public static ModelStore at(Path root) {
        return new ModelStore(Objects.requireNonNull(root, "root").toAbsolutePath().normalize(), null);
    }

    /**
     * A store that resolves every revision through the hub and keeps what it downloads in this folder
     * (created as needed), which then is its {@link #root()}.
     */
    public static ModelStore throughHub(RemoteHub hub, Path cache) {
        return new ModelStore(Objects.requireNonNull(cache, "cache").toAbsolutePath().normalize(),
                Objects.requireNonNull(hub, "hub"));
    }

    /**
     * The repository's committed fixture store ({@value #FIXTURE_PATH}), found from the system
     * property {@value #REPOSITORY_ROOT_PROPERTY} or else from the working directory and its parents.
     *
     * @throws IllegalStateException when no fixture store can be found
     */
    public static ModelStore repositoryFixture() {
        String configured = System.getProperty(REPOSITORY_ROOT_PROPERTY);
        if (configured != null && Files.isDirectory(Path.of(configured).resolve(FIXTURE_PATH))) {
            return at(Path.of(configured).resolve(FIXTURE_PATH));
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(FIXTURE_PATH))) {
                return at(dir.resolve(FIXTURE_PATH));
            }
        }
        throw new IllegalStateException("no " + FIXTURE_PATH + " found: set -D" + REPOSITORY_ROOT_PROPERTY);
    }

    /** The store's root directory. */
    public Path root() {
        return root;
    }

    /**
     * Resolves a model revision to its snapshot and reads the snapshot's {@code config.json}.
     *
     * @param identifier a hub identifier, {@code org/name} or {@code name}
     * @param revision a branch, a tag or a 40-hex lowercase commit id; {@code null} means
     *     {@value #DEFAULT_REVISION}
     * @throws ModelResolutionException when the model, the ref or the snapshot is missing or malformed,
     *     or the revision tries to name a path outside the model's folder
     */
    public ResolvedModel resolve(String identifier, String revision) throws ModelResolutionException {
        Objects.requireNonNull(identifier, "identifier");
        String requested = revision == null ? DEFAULT_REVISION : revision;
        String subject = "model '" + printable(identifier) + "' at revision '" + printable(requested) + "'";
        if (!HubNames.validIdentifier(identifier)) {
            throw new ModelResolutionException("cannot resolve " + subject
                    + ": the identifier must be 'org/name' or 'name' of letters, digits, '.', '_' and '-'");
        }
        Path repository = root.resolve(HubNames.repositoryFolder(identifier));
        if (hub != null) {
            if (!HubNames.isCommit(requested) && !HubNames.validRefName(requested)) {
                throw new ModelResolutionException("cannot resolve " + subject + NOT_A_REF);
            }
            RemoteHub.Lookup lookup = hub.mirror(identifier, requested, repository, subject);
            if (lookup instanceof RemoteHub.Lookup.NoRepository) {
                throw new ModelResolutionException("cannot resolve " + subject + ": no such model in the model store");
            }
            if (lookup instanceof RemoteHub.Lookup.NoRevision) {
                throw new ModelResolutionException("cannot resolve " + subject + (HubNames.isCommit(requested)
                        ? ": snapshot " + requested + " is missing"
                        : ": unknown revision; known refs: " + String.join(", ", refs(identifier))));
            }
        }
        if (!Files.isDirectory(repository)) {
            // The store's location is the caller's to report: it is often a temporary folder, and a path in the
            // message would make two audits of the same templates differ.
            throw new ModelResolutionException("cannot resolve " + subject + ": no such model in the model store");
        }
        String commit = HubNames.isCommit(requested) ? requested : commitOfRef(repository, identifier, requested, subject);
        Path snapshot = repository.resolve("snapshots").resolve(commit);
        if (!Files.isDirectory(snapshot)) {
            throw new ModelResolutionException("cannot resolve " + subject + ": snapshot " + commit + " is missing");
        }
        return new ResolvedModel(identifier, requested, commit, snapshot, readConfig(snapshot, subject));
    }

    /** The ref names of a model (branches, tags, {@code pr/N}), sorted; empty for an unknown model. */
    public List<String> refs(String identifier) {
        if (!HubNames.validIdentifier(identifier)) {
            return List.of();
        }
        if (hub != null) {
            return hub.refs(identifier);
        }
        Path refs = root.resolve(HubNames.repositoryFolder(identifier)).resolve("refs");
        if (!Files.isDirectory(refs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(refs)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> refs.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The identifiers of the models in the store, sorted. */
    public List<String> models() throws IOException {
        List<String> identifiers = new ArrayList<>();
        try (Stream<Path> folders = Files.list(root)) {
            folders.map(folder -> folder.getFileName().toString())
                    .filter(name -> name.startsWith("models--"))
                    .map(name -> name.substring("models--".length()).replace("--", "/"))
                    .sorted()
                    .forEach(identifiers::add);
        }
        return identifiers;
    }

    private String commitOfRef(Path repository, String identifier, String ref, String subject) throws ModelResolutionException {
        if (!HubNames.validRefName(ref)) {
            throw new ModelResolutionException("cannot resolve " + subject + NOT_A_REF);
        }
        Path refFile = repository.resolve("refs").resolve(ref).normalize();
        if (!refFile.startsWith(repository.resolve("refs")) || !Files.isRegularFile(refFile)) {
            throw new ModelResolutionException("cannot resolve " + subject + ": unknown revision; known refs: "
                    + String.join(", ", refs(identifier)));
        }
        String content;
        try {
            content = Files.readString(refFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": cannot read ref file: " + e.getMessage());
        }
        if (!HubNames.isCommit(content)) {
            throw new ModelResolutionException("cannot resolve " + subject
                    + ": malformed ref file refs/" + ref + " (expected a 40-hex commit id)");
        }
        return content;
    }

    /** Keeps user-supplied names from breaking the one-line message. */
    private static String printable(String text) {
        return CONTROL.matcher(text).replaceAll("?");
    }

    private static Map<String, Object> readConfig(Path snapshot, String subject) throws ModelResolutionException {
        Path config = snapshot.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            throw new ModelResolutionException("cannot resolve " + subject + ": snapshot "
                    + snapshot.getFileName() + " has no config.json");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(config);
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": cannot read config.json: " + e.getMessage());
        }
        // Latin-1 maps every byte to one char: the key is the file's bytes, whatever their encoding.
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Map<String, Object> cached = CONFIGS.get(text);
        if (cached != null) {
            return cached;
        }
        try {
            Map<String, Object> parsed = JSON_OBJECT.readValue(bytes);
            if (parsed == null) {
                throw new ModelResolutionException("cannot resolve " + subject + ": config.json is empty");
            }
            if (CONFIGS.size() >= MAX_CACHED_CONFIGS) {
                CONFIGS.clear();
            }
            Map<String, Object> frozen = FrozenJson.freezeObject(parsed);
            CONFIGS.put(text, frozen);
            return frozen;
        } catch (JsonProcessingException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": config.json is not a JSON object: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": cannot read config.json: " + e.getMessage());
        }
    }
}
