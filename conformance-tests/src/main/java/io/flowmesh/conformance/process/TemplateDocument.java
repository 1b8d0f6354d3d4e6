package io.flowmesh.conformance.process;

import java.util.Map;

import io.flowmesh.conformance.probe.TemplateTree;

/**
 * What protocol version 2 adds to a {@code parse} or {@code run} request: the template as the kit read
 * it, so that an implementation in a language without a YAML parser needs none. The kit reads templates
 * with the limits it reads them with for its probes (no aliases, bounded size and depth); text it cannot
 * read gets {@code "document": null} and the reason, and the implementation decides, as with any
 * template, whether to refuse it.
 */
final class TemplateDocument {

    private TemplateDocument() {
    }

    /** Adds {@code document} and {@code locations}, or {@code document: null} and {@code documentError}. */
    static void addTo(Map<String, Object> params, String yaml) {
        try {
            params.put("document", TemplateTree.read(yaml));
            params.put("locations", TemplateTree.locations(yaml));
        } catch (TemplateTree.TemplateReadException e) {
            params.put("document", null);
            params.put("documentError", String.valueOf(e.getMessage()));
        }
    }
}
