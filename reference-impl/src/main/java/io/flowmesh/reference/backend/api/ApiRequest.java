package io.flowmesh.reference.backend.api;

import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request an API task sends.
 *
 * @param method the HTTP method, upper case
 * @param url the URL
 * @param headers the request headers (secret placeholders such as {@code ${TOKEN}} unexpanded)
 * @param json the JSON body, or null when the request has none
 */
public record ApiRequest(String method, String url, Map<String, String> headers, Object json) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        // In the template's order: Map.copyOf's order changes from one JVM to the next.
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
