package io.flowmesh.conformance.witness;

import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * One request a run made to the kit's URL server, as the server answered it.
 *
 * @param method the HTTP method
 * @param url the URL asked for, as {@code //host/path?query}: the server cannot know whether the run
 *     meant {@code http} or {@code https}
 * @param headers the request's headers, names in lower case, sorted; the transport's own ({@code host},
 *     {@code connection}, {@code content-length}, {@code user-agent}, {@code upgrade},
 *     {@code http2-settings}) left out, as they name the server's port or the client library
 * @param status the HTTP status the server answered
 * @param servedSha256 the SHA-256 hex of the body served; empty when it served none
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public record UrlRequest(String method, String url, Map<String, String> headers, int status, String servedSha256) {

    /** The order a witness lists its URL requests in. */
    static final Comparator<UrlRequest> ORDER = Comparator.comparing(UrlRequest::url).thenComparing(UrlRequest::method)
            .thenComparing(r -> r.headers().toString()).thenComparingInt(UrlRequest::status)
            .thenComparing(UrlRequest::servedSha256);

    public UrlRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
        Objects.requireNonNull(servedSha256, "servedSha256");
    }

    /** The request in one line, e.g. {@code GET //host/a.zip {authorization=Bearer x} -> 200}. */
    public String describe() {
        return method + " " + url + (headers.isEmpty() ? "" : " " + headers) + " -> " + status;
    }
}
