package io.flowmesh.conformance.witness;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.flowmesh.conformance.store.Sha256;

/**
 * The URL server's answers over one folder laid out as a URL mirror: {@code //host/a/b} is the file
 * {@code <folder>/host/a/b}, the query left aside. A URL the folder lacks is a 404, as a download of it
 * would fail.
 */
final class UrlAnswers {

    /** Headers of the transport rather than of the request: they name the port or the client library. */
    static final Set<String> TRANSPORT_HEADERS = Set.of("host", "connection", "content-length", "user-agent", "upgrade",
            "http2-settings");

    /** The largest file served. */
    static final long MAX_FILE_BYTES = 64L << 20;

    private final Path folder;

    UrlAnswers(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    /**
     * The answer to a request for {@code //<rawPath>?<rawQuery>}.
     *
     * @param rawPath the host and path, as sent (percent-encoded)
     * @param rawQuery the query as sent, or null
     * @param headers the request's headers by name, each with its values
     */
    HubAnswers.Answer answer(String method, String rawPath, String rawQuery, Map<String, List<String>> headers) {
        String url = "//" + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        Map<String, String> kept = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!TRANSPORT_HEADERS.contains(lower)) {
                kept.put(lower, String.join(", ", values));
            }
        });
        Optional<Path> file = file(rawPath);
        if (file.isEmpty()) {
            return new HubAnswers.Answer(404, Map.of("Content-Type", "text/plain; charset=utf-8"),
                    "not in the kit's URL folder\n".getBytes(StandardCharsets.UTF_8),
                    Optional.empty()).recording(new UrlRequest(method, url, kept, 404, ""));
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file.get());
        } catch (IOException e) {
            return HubAnswers.Answer.plain(500, "cannot read the file").recording(new UrlRequest(method, url, kept, 500, ""));
        }
        Map<String, String> response = new TreeMap<>();
        response.put("Content-Type", "application/octet-stream");
        response.put("Content-Length", Long.toString(content.length));
        return new HubAnswers.Answer(200, response, content, Optional.empty())
                .recording(new UrlRequest(method, url, kept, 200, Sha256.hex(content)));
    }

    private Optional<Path> file(String rawPath) {
        try {
            Path path = folder.resolve(URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8)).normalize();
            return path.startsWith(folder) && Files.isRegularFile(path) && path.toFile().length() <= MAX_FILE_BYTES
                    ? Optional.of(path) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

}
