package io.flowmesh.reference.backend.api;

import java.util.Objects;

/**
 * What an API endpoint answered.
 *
 * @param status the HTTP status code
 * @param body the response body as text
 */
public record ApiResponse(int status, String body) {

    public ApiResponse {
        Objects.requireNonNull(body, "body");
    }

    /** Whether the status is an error (4xx or 5xx), as httpx's {@code is_error}. */
    public boolean isError() {
        return status >= 400;
    }
}
