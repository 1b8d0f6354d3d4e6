package io.flowmesh.reference.parse;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * Turns a finding about a field, named by its pointer in the template, into a {@link Diagnostic}
 * with the field's line and column.
 *
 * @param sourceName the file or source name diagnostics carry
 * @param sourceMap where each field of the template is written
 */
record Locator(String sourceName, SourceMap sourceMap) {

    Diagnostic at(String pointer, String code, String message) {
        SourceMap.Location at = sourceMap.locate(pointer);
        return new Diagnostic(sourceName, pointer, at.line(), at.column(), code, message);
    }
}
