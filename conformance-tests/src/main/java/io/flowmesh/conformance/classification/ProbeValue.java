package io.flowmesh.conformance.classification;

import java.util.Optional;

import org.apiguardian.api.API;

/**
 * An exact value a row asks the perturb probe to set, with the mapped effect it must produce.
 *
 * @param value the JSON-like value to set
 * @param expect the effect the probe must produce, if the row states one
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ProbeValue(Object value, Optional<ExpectedEffect> expect) {
}
