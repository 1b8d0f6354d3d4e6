package io.flowmesh.reference.parse;

import java.util.Map;

/**
 * {@code output.destination}: {@code local} takes nothing else, {@code http} the rest.
 *
 * @param type {@code local} or {@code http}
 * @param url HTTP URL, or null
 * @param method HTTP method, or null
 * @param timeoutSec HTTP timeout in seconds (a Long or Double as written), or null when absent or a placeholder
 * @param headers HTTP headers, in template order, values as text; empty when absent
 */
public record Destination(String type, String url, String method, Number timeoutSec, Map<String, String> headers) {

    public Destination {
        headers = Immutable.map(headers);
    }
}
