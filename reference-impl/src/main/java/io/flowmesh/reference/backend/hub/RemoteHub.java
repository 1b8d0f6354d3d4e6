package io.flowmesh.reference.backend.hub;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.reference.backend.http.HttpGet;

/**
 * A Hugging Face-compatible hub reached over HTTP, asked as {@code huggingface_hub}'s
 * {@code snapshot_download} asks it: the revision's info ({@code GET /api/models/<id>/revision/<rev>},
 * giving its commit and files), then every file by commit ({@code GET /<id>/resolve/<commit>/<file>}),
 * kept in a local folder in the hub cache layout. A 404 is told apart by its {@code X-Error-Code}
 * ({@code RepoNotFound}, {@code RevisionNotFound}), as {@code huggingface_hub} does.
 *
 * <p>Bounded: {@value #MAX_FILES} files of at most {@value #MAX_FILE_BYTES} bytes per snapshot, a
 * {@value #CONNECT_SECONDS}-second connect and a {@value #REQUEST_SECONDS}-second read timeout ({@link HttpGet}).
 * Messages never name the hub's address, which may differ from run to run.
 */
public final class RemoteHub {

    /** The most files one snapshot may list. */
    public static final int MAX_FILES = 256;
    /** The largest file or JSON answer read, in bytes. */
    public static final long MAX_FILE_BYTES = 16L << 20;
    static final int CONNECT_SECONDS = 5;
    static final int REQUEST_SECONDS = 30;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILE_SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final String endpoint;

    private RemoteHub(String endpoint) {
        this.endpoint = endpoint;
    }

    /**
     * The hub at this base address, e.g. {@code http://127.0.0.1:41234/w/r1/hub}.
     *
     * @throws IllegalArgumentException when the address is not an absolute {@code http(s)} URL
     */
    public static RemoteHub at(String endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        URI uri = URI.create(endpoint);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new IllegalArgumentException("the hub endpoint must be an http(s) URL, got '" + endpoint + "'");
        }
        return new RemoteHub(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    }

    /** What the hub says of a revision. */
    sealed interface Lookup {

        /** The revision names this commit. */
        record Found(String commit) implements Lookup {
        }

        /** The hub has no such repository. */
        record NoRepository() implements Lookup {
        }

        /** The repository has no such revision. */
        record NoRevision() implements Lookup {
        }
    }

    /**
     * Resolves a revision and copies its snapshot into the cache folder: {@code snapshots/<commit>/} with
     * every file the hub lists and, for a ref, {@code refs/<ref>} holding the commit, so that the folder
     * then answers the revision as the hub did.
     *
     * @param identifier a valid hub identifier
     * @param revision a valid ref name or commit id
     * @param repository the model's folder in the cache, {@code models--<org>--<name>}
     * @throws ModelResolutionException when the hub cannot be reached or answers out of bounds
     */
    Lookup mirror(String identifier, String revision, Path repository, String subject) throws ModelResolutionException {
        HttpGet.Answer info = get("/api/models/" + identifier + "/revision/" + segment(revision), subject);
        if (info.status() == 404) {
            String code = info.header("X-Error-Code").orElse("");
            close(info);
            return code.equals("RevisionNotFound") ? new Lookup.NoRevision() : new Lookup.NoRepository();
        }
        JsonNode body = json(info, subject);
        String commit = body.path("sha").asText("");
        if (!HubNames.isCommit(commit)) {
            throw new ModelResolutionException("cannot resolve " + subject + ": the hub answered no 40-hex commit");
        }
        List<String> files = new ArrayList<>();
        for (JsonNode sibling : body.path("siblings")) {
            files.add(sibling.path("rfilename").asText(""));
        }
        if (files.size() > MAX_FILES) {
            throw new ModelResolutionException("cannot resolve " + subject + ": the hub lists more than " + MAX_FILES + " files");
        }
        Path snapshot = repository.resolve("snapshots").resolve(commit);
        for (String file : new TreeSet<>(files)) {
            if (!safeFileName(file)) {
                throw new ModelResolutionException("cannot resolve " + subject + ": the hub lists a file name outside the"
                        + " snapshot: '" + file.replaceAll("\\p{Cntrl}", "?") + "'");
            }
            Path target = snapshot.resolve(file);
            if (!Files.isRegularFile(target)) {
                download(identifier, commit, file, target, subject);
            }
        }
        if (!HubNames.isCommit(revision)) {
            write(repository.resolve("refs").resolve(revision), commit.getBytes(StandardCharsets.UTF_8), subject);
        }
        return new Lookup.Found(commit);
    }

    /** The names of the repository's branches and tags, sorted; empty when the hub does not know it or fails. */
    List<String> refs(String identifier) {
        try {
            HttpGet.Answer answer = get("/api/models/" + identifier + "/refs", identifier);
            if (answer.status() != 200) {
                close(answer);
                return List.of();
            }
            JsonNode body = json(answer, identifier);
            TreeSet<String> names = new TreeSet<>();
            for (String kind : List.of("branches", "tags")) {
                body.path(kind).forEach(ref -> names.add(ref.path("name").asText()));
            }
            return List.copyOf(names);
        } catch (ModelResolutionException e) {
            return List.of();
        }
    }

    private void download(String identifier, String commit, String file, Path target, String subject)
            throws ModelResolutionException {
        StringBuilder path = new StringBuilder("/" + identifier + "/resolve/" + commit);
        for (String part : file.split("/")) {
            path.append('/').append(segment(part));
        }
        HttpGet.Answer answer = get(path.toString(), subject);
        if (answer.status() != 200) {
            close(answer);
            throw new ModelResolutionException("cannot resolve " + subject + ": the hub answered " + answer.status()
                    + " for " + file + " of snapshot " + commit);
        }
        write(target, read(answer, subject), subject);
    }

    private HttpGet.Answer get(String path, String subject) throws ModelResolutionException {
        try {
            HttpGet.Answer answer = HttpGet.send(URI.create(endpoint + path), Map.of(),
                    Duration.ofSeconds(CONNECT_SECONDS), Duration.ofSeconds(REQUEST_SECONDS));
            if (answer.status() != 200 && answer.status() != 404) {
                close(answer);
                throw new ModelResolutionException("cannot resolve " + subject + ": the hub answered " + answer.status());
            }
            return answer;
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": the hub did not answer ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static JsonNode json(HttpGet.Answer answer, String subject) throws ModelResolutionException {
        try {
            return JSON.readTree(read(answer, subject));
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": the hub answered malformed JSON");
        }
    }

    private static byte[] read(HttpGet.Answer answer, String subject) throws ModelResolutionException {
        try (InputStream in = answer.body()) {
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ModelResolutionException("cannot resolve " + subject + ": the hub sent more than "
                        + MAX_FILE_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": the hub's answer broke off ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static void close(HttpGet.Answer answer) {
        try {
            answer.close();
        } catch (IOException e) {
            // Nothing more is read from a refused answer.
        }
    }

    /** A relative name inside a snapshot: segments of letters, digits, '.', '_' and '-', none of them '.' or '..'. */
    private static boolean safeFileName(String file) {
        if (file.isEmpty()) {
            return false;
        }
        for (String part : file.split("/", -1)) {
            if (!FILE_SEGMENT.matcher(part).matches() || part.equals(".") || part.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** One path segment, percent-encoded as {@code huggingface_hub} quotes a revision. */
    private static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Writes a downloaded file to a temporary name and moves it into place, so a reader never sees half of it. */
    private static void write(Path file, byte[] content, String subject) throws ModelResolutionException {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), ".download-", ".tmp");
            Files.write(temp, content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ModelResolutionException("cannot resolve " + subject + ": cannot keep the downloaded "
                    + file.getFileName() + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
