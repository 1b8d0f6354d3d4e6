package io.flowmesh.conformance.migrate;

import java.io.StringReader;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A template's text composed into SnakeYAML nodes, which know where they start and end, with limits
 * that keep a hostile file from exhausting the kit.
 *
 * @param text the text
 * @param root the document's node, or null for an empty document
 * @param lines the text's lines
 */
record YamlDocument(String text, Node root, Lines lines) {

    private static final int MAX_CODE_POINTS = 8 << 20;
    private static final int MAX_ALIASES = 50;
    private static final int MAX_NESTING = 64;

    /**
     * Composes the text.
     *
     * @throws MigrationException naming the line and column of the first YAML error
     */
    static YamlDocument compose(String text, String source) throws MigrationException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setAllowDuplicateKeys(true);
        try {
            Node root = new Yaml(new SafeConstructor(options)).compose(new StringReader(text));
            return new YamlDocument(text, root, new Lines(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? source : source + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            throw new MigrationException(where + ": cannot parse the template: " + oneLine(e.getProblem()) + oneLine(context));
        } catch (YAMLException e) {
            throw new MigrationException(source + ": cannot parse the template: " + oneLine(e.getMessage()));
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : String.join(" ", text.strip().lines().map(String::strip).toList());
    }
}
