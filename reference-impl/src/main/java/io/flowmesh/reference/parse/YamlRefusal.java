package io.flowmesh.reference.parse;

import io.flowmesh.conformance.spi.Diagnostic;

/** Unwinds a load in progress when the document must be refused; never leaves {@link SafeYamlLoader}. */
final class YamlRefusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Diagnostic violation;

    YamlRefusal(Diagnostic violation) {
        super(violation.message(), null, false, false);
        this.violation = violation;
    }

    Diagnostic violation() {
        return violation;
    }
}
