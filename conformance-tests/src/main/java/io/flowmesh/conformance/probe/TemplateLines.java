package io.flowmesh.conformance.probe;

import java.util.List;
import java.util.Map;

import io.flowmesh.conformance.spi.Diagnostic;
import org.apiguardian.api.API;

/**
 * Where each field of an audited template is written, so that what an implementation says of a probe
 * names a line of the file the user has, not of the probe's text, which the kit writes and nobody sees.
 * A diagnostic about a field the probe added is placed at the nearest field around it that the template
 * writes (the document's start, when none); one whose pointer is no JSON pointer gets line 0, unknown.
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class TemplateLines {

    private final String yaml;
    private volatile Map<String, Map<String, Integer>> locations;

    private TemplateLines(String yaml) {
        this.yaml = yaml;
    }

    /**
     * The fields' places in a template's text, found when a diagnostic is first placed: most probes report
     * none.
     *
     * @param yaml text that {@link TemplateTree#read} accepts
     */
    public static TemplateLines of(String yaml) {
        return new TemplateLines(yaml);
    }

    private Map<String, Map<String, Integer>> locations() {
        Map<String, Map<String, Integer>> found = locations;
        if (found == null) {
            found = TemplateTree.locations(yaml);
            locations = found;
        }
        return found;
    }

    /** The diagnostic with the line and column of its field, or its nearest written ancestor, in this template. */
    public Diagnostic locate(Diagnostic diagnostic) {
        String pointer = diagnostic.pointer();
        if (!pointer.isEmpty() && !pointer.startsWith("/")) {
            return moved(diagnostic, 0, 0);
        }
        while (!pointer.isEmpty()) {
            Map<String, Integer> at = locations().get(pointer);
            if (at != null) {
                return moved(diagnostic, at.get("line"), at.get("column"));
            }
            pointer = pointer.substring(0, pointer.lastIndexOf('/'));
        }
        return moved(diagnostic, 1, 1);
    }

    /** {@link #locate} of each. */
    public List<Diagnostic> locate(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(this::locate).toList();
    }

    private static Diagnostic moved(Diagnostic diagnostic, int line, int column) {
        return new Diagnostic(diagnostic.source(), diagnostic.pointer(), line, column, diagnostic.code(), diagnostic.message());
    }
}
