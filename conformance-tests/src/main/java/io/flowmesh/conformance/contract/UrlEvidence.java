package io.flowmesh.conformance.contract;

import java.util.Locale;
import java.util.Map;

import io.flowmesh.conformance.spi.Capabilities;
import io.flowmesh.conformance.witness.UrlRequest;

/**
 * What the kit's URL server must have seen for an adapter URL case to pass, judged beside the trace: the
 * server served the URL, the bytes the kit wrote there, with every header the template asked for. A run
 * without a witness (the implementation does not declare {@link Capabilities#URLS}) is judged on its
 * trace alone.
 */
final class UrlEvidence {

    private UrlEvidence() {
    }

    /** The URL as the server records it: {@code //host/path}. */
    static String served(String url) {
        return url.substring(url.indexOf("://") + 1);
    }

    /** The words a case's expectation gains when the run is witnessed. */
    static String expectation(Observed run, String url, Map<String, String> headers) {
        return run.witness(Capabilities.URLS).isPresent() ? ", and the URL server serving " + served(url)
                + (headers.isEmpty() ? "" : " to a request with " + lowerCase(headers)) : "";
    }

    /** Whether the witness agrees: a request for the URL was answered 200 with these bytes and carried the headers. */
    static boolean agrees(Observed run, String url, String sha256, Map<String, String> headers) {
        Map<String, String> wanted = lowerCase(headers);
        return run.witness(Capabilities.URLS).map(w -> w.fetched(served(url)).stream().anyMatch(r -> r.status() == 200
                && r.servedSha256().equals(sha256) && carries(r, wanted))).orElse(true);
    }

    /** What the witness saw of the URL, to print beside the trace; empty without a witness. */
    static String observation(Observed run, String url) {
        return run.witness(Capabilities.URLS).map(w -> (w.fetched(served(url)).isEmpty() ? "; no witness: " : "; witness: ")
                + w.describeUrl(served(url))).orElse("");
    }

    private static boolean carries(UrlRequest request, Map<String, String> headers) {
        return headers.entrySet().stream().allMatch(h -> h.getValue().equals(request.headers().get(h.getKey())));
    }

    private static Map<String, String> lowerCase(Map<String, String> headers) {
        Map<String, String> lower = new java.util.TreeMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        return lower;
    }
}
