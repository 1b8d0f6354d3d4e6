package io.flowmesh.reference.parse;

import java.util.List;

/**
 * {@code output}.
 *
 * @param destination where results go, or null
 * @param artifacts artifact names, in order; empty when absent
 */
public record Output(Destination destination, List<String> artifacts) {

    public Output {
        artifacts = Immutable.list(artifacts);
    }
}
