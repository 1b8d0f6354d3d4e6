package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;

/**
 * How to inject a removed field into templates that lack it.
 *
 * @param into the pattern of the mapping the field is added to; the first match in each template is used
 * @param key the field's key in that mapping
 * @param value the JSON-like value injected
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record Injection(FieldPattern into, String key, Object value) {
}
