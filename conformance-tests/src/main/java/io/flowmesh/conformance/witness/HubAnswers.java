package io.flowmesh.conformance.witness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowmesh.conformance.store.HubCacheWriter;

/**
 * The hub's answers over one model store in the Hugging Face hub cache layout, shaped as
 * {@code huggingface_hub} reads them: revision info ({@code sha}, {@code siblings}), refs
 * ({@code branches}, {@code tags}), and files with {@code X-Repo-Commit}, a quoted {@code ETag} (the git
 * blob id, as the hub gives for files kept in git) and {@code Content-Length}. What the store lacks is a
 * 404 with the {@code X-Error-Code} ({@code RepoNotFound}, {@code RevisionNotFound},
 * {@code EntryNotFound}) and {@code X-Error-Message} that {@code huggingface_hub.utils.hf_raise_for_status}
 * turns into its typed errors.
 */
final class HubAnswers {

    /** The largest file the hub serves; the kit's stand-in snapshots are a few hundred bytes. */
    static final long MAX_FILE_BYTES = 16L << 20;
    /** The most files a snapshot lists. */
    static final int MAX_FILES = 256;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Path store;

    HubAnswers(Path store) {
        this.store = store;
    }

    /** The answer to a {@code GET} or {@code HEAD} of these decoded path segments (after {@code .../hub/}). */
    Answer answer(String method, List<String> segments) {
        if (segments.size() >= 4 && segments.get(0).equals("api") && segments.get(1).equals("models")) {
            List<String> rest = segments.subList(2, segments.size());
            int split = rest.size() >= 3 && rest.get(2).equals("revision") || rest.size() == 3 && rest.get(2).equals("refs") ? 2 : 1;
            String repo = String.join("/", rest.subList(0, split));
            List<String> tail = rest.subList(split, rest.size());
            if (tail.size() == 2 && tail.get(0).equals("revision")) {
                return revisionInfo(method, repo, tail.get(1));
            }
            if (tail.size() == 1 && tail.get(0).equals("refs")) {
                return refs(method, repo);
            }
        }
        for (int split = 1; split <= 2 && split < segments.size(); split++) {
            if (segments.get(split).equals("resolve") && segments.size() >= split + 3) {
                return file(method, String.join("/", segments.subList(0, split)), segments.get(split + 1),
                        String.join("/", segments.subList(split + 2, segments.size())));
            }
        }
        return Answer.plain(404, "not a hub endpoint the kit serves");
    }

    private Answer revisionInfo(String method, String repo, String revision) {
        Optional<Path> model = model(repo);
        if (model.isEmpty()) {
            return Answer.error("RepoNotFound", "Repository not found", new HubRequest(HubRequest.Kind.REVISION_INFO,
                    method, repo, revision, "", 404, ""));
        }
        Optional<String> commit = commit(model.get(), revision);
        if (commit.isEmpty()) {
            return Answer.error("RevisionNotFound", "Invalid rev id: " + revision, new HubRequest(
                    HubRequest.Kind.REVISION_INFO, method, repo, revision, "", 404, ""));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", repo);
        info.put("modelId", repo);
        info.put("sha", commit.get());
        info.put("private", false);
        info.put("disabled", false);
        info.put("gated", false);
        info.put("siblings", files(model.get(), commit.get()).stream().map(f -> Map.of("rfilename", f)).toList());
        return Answer.json(info, new HubRequest(HubRequest.Kind.REVISION_INFO, method, repo, revision, "", 200,
                commit.get()));
    }

    private Answer refs(String method, String repo) {
        Optional<Path> model = model(repo);
        if (model.isEmpty()) {
            return Answer.error("RepoNotFound", "Repository not found", new HubRequest(HubRequest.Kind.REFS, method, repo,
                    "", "", 404, ""));
        }
        // The cache layout does not say which refs are tags; every ref is listed as a branch, as a mirror would.
        List<Object> branches = new ArrayList<>();
        refNames(model.get()).forEach((name, commit) -> {
            Map<String, Object> ref = new LinkedHashMap<>();
            ref.put("name", name);
            ref.put("ref", "refs/heads/" + name);
            ref.put("targetCommit", commit);
            branches.add(ref);
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branches", branches);
        body.put("converts", List.of());
        body.put("tags", List.of());
        return Answer.json(body, new HubRequest(HubRequest.Kind.REFS, method, repo, "", "", 200, ""));
    }

    private Answer file(String method, String repo, String revision, String file) {
        Optional<Path> model = model(repo);
        if (model.isEmpty()) {
            return Answer.error("RepoNotFound", "Repository not found", new HubRequest(HubRequest.Kind.FILE, method, repo,
                    revision, file, 404, ""));
        }
        Optional<String> commit = commit(model.get(), revision);
        if (commit.isEmpty()) {
            return Answer.error("RevisionNotFound", "Invalid rev id: " + revision, new HubRequest(HubRequest.Kind.FILE,
                    method, repo, revision, file, 404, ""));
        }
        Path snapshot = model.get().resolve("snapshots").resolve(commit.get());
        Path path = snapshot.resolve(file).normalize();
        if (!path.startsWith(snapshot) || !files(model.get(), commit.get()).contains(file)) {
            Answer missing = Answer.error("EntryNotFound", file + " does not exist on \"" + revision + "\"",
                    new HubRequest(HubRequest.Kind.FILE, method, repo, revision, file, 404, commit.get()));
            return missing.withHeader("X-Repo-Commit", commit.get());
        }
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            return Answer.plain(500, "cannot read " + file);
        }
        Map<String, String> headers = new TreeMap<>();
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Content-Length", Long.toString(content.length));
        headers.put("ETag", "\"" + gitBlobId(content) + "\"");
        headers.put("X-Repo-Commit", commit.get());
        return new Answer(200, headers, content, Optional.of(new HubRequest(HubRequest.Kind.FILE, method, repo, revision,
                file, 200, commit.get())));
    }

    private Optional<Path> model(String repo) {
        String[] parts = repo.split("/", -1);
        if (parts.length > 2 || Stream.of(parts).anyMatch(p -> !NAME.matcher(p).matches() || p.startsWith("."))) {
            return Optional.empty();
        }
        Path folder = HubCacheWriter.at(store).modelDir(repo);
        return Files.isDirectory(folder) ? Optional.of(folder) : Optional.empty();
    }

    private static Optional<String> commit(Path model, String revision) {
        if (HubCacheWriter.isCommitId(revision)) {
            return Files.isDirectory(model.resolve("snapshots").resolve(revision)) ? Optional.of(revision) : Optional.empty();
        }
        return Optional.ofNullable(refNames(model).get(revision));
    }

    /** The refs of a model and the commits they name, by name; a ref file that holds no commit id is left out. */
    private static Map<String, String> refNames(Path model) {
        Map<String, String> refs = new TreeMap<>();
        Path root = model.resolve("refs");
        if (!Files.isDirectory(root)) {
            return refs;
        }
        try (Stream<Path> files = Files.walk(root, 4)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String commit = Files.readString(file, StandardCharsets.UTF_8).strip();
                String name = root.relativize(file).toString().replace('\\', '/');
                if (HubCacheWriter.isCommitId(commit) && !name.startsWith(".")) {
                    refs.put(name, commit);
                }
            }
        } catch (IOException e) {
            // An unreadable refs folder serves no refs: the revision is then unknown, as it is to the reader.
        }
        return refs;
    }

    /** The files of a snapshot, as slash-separated names relative to it, sorted; hidden and oversized files left out. */
    private static List<String> files(Path model, String commit) {
        Path snapshot = model.resolve("snapshots").resolve(commit);
        try (Stream<Path> files = Files.walk(snapshot, 8)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(f -> f.toFile().length() <= MAX_FILE_BYTES)
                    .map(f -> snapshot.relativize(f).toString().replace('\\', '/')).sorted().limit(MAX_FILES).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The id git gives a blob, which the hub sends as the ETag of a file kept in git. */
    static String gitBlobId(byte[] content) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(sha1.digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK ships SHA-1", e);
        }
    }

    /**
     * One answer.
     *
     * @param status the HTTP status
     * @param headers the response headers
     * @param body the body; {@code null} for the answer to a {@code HEAD}
     * @param request what the witness records of the request, if it named something the hub serves
     * @param urlRequest what the witness records of a request to the URL server
     */
    record Answer(int status, Map<String, String> headers, byte[] body, Optional<HubRequest> request,
            Optional<UrlRequest> urlRequest) {

        Answer(int status, Map<String, String> headers, byte[] body, Optional<HubRequest> request) {
            this(status, headers, body, request, Optional.empty());
        }

        /** The same answer, recorded as this request to the URL server. */
        Answer recording(UrlRequest url) {
            return new Answer(status, headers, body, request, Optional.of(url));
        }

        static Answer plain(int status, String message) {
            return new Answer(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                    (message + "\n").getBytes(StandardCharsets.UTF_8), Optional.empty());
        }

        static Answer error(String code, String message, HubRequest request) {
            Map<String, String> headers = new TreeMap<>();
            headers.put("Content-Type", "application/json");
            headers.put("X-Error-Code", code);
            headers.put("X-Error-Message", message);
            return new Answer(404, headers, json(Map.of("error", message)), Optional.of(request));
        }

        static Answer json(Object body, HubRequest request) {
            return new Answer(200, Map.of("Content-Type", "application/json"), json(body), Optional.of(request));
        }

        Answer withHeader(String name, String value) {
            Map<String, String> more = new TreeMap<>(headers);
            more.put(name, value);
            return new Answer(status, more, body, request, urlRequest);
        }

        /** The same answer to a {@code HEAD}: the headers, with the length a {@code GET} would get, no body. */
        Answer withoutBody() {
            Map<String, String> more = new TreeMap<>(headers);
            more.put("Content-Length", Long.toString(body == null ? 0 : body.length));
            return new Answer(status, more, null, request, urlRequest);
        }

        private static byte[] json(Object body) {
            try {
                return JSON.writeValueAsBytes(body);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a map of plain values always serialises", e);
            }
        }
    }
}
