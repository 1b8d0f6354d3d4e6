package io.flowmesh.reference.parse;

import java.util.Map;

/**
 * {@code output.destination}.
 *
 * @param type {@code local} or {@code http}, or null
 * @param path local path, or null
 * @param url HTTP URL, or null
 * @param timeoutSec HTTP timeout in seconds (a Long or Double as written), or null
 * @param headers HTTP headers, in template order; empty when absent
 */
public record Destination(String type, String path, String url, Number timeoutSec, Map<String, String> headers) {

    public Destination {
        headers = Immutable.map(headers);
    }
}
