package io.flowmesh.reference.parse;

import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The YAML mistakes people make most, said in words: SnakeYAML names a syntax error in its own terms
 * ("mapping values are not allowed here"), which tell a template author little about the indentation
 * or the quote that caused it. SnakeYAML has no typed reason, so each explanation is keyed on the
 * fixed wording of its problem and context; an error none explains keeps SnakeYAML's words alone.
 */
enum SyntaxExplanation {

    TAB("found character '\\t(TAB)'", null,
            "a tab indents this line; YAML indents with spaces only: replace the tab with spaces"),
    UNCLOSED_QUOTE("found unexpected end of stream", "while scanning a quoted scalar",
            "a quoted value is never closed: the quote opened at line %d, column %d has no closing quote"),
    KEY_IN_VALUE("mapping values are not allowed here", null,
            "a 'key:' appears where a value goes on: most often this line is indented deeper than the key"
                    + " above it, or a plain value holds ': ' and needs quotes"),
    LONG_KEY("could not find expected ':'", null,
            "a key runs on for more than 1024 characters, YAML's limit for a plain key"),
    MISSING_COLON("could not find expected ':'", null,
            "a line has no ':' after its key: a key lacks its colon, or a value goes on to a line indented"
                    + " like a key"),
    INCONSISTENT_INDENTATION("expected <block end>", "while parsing a block mapping",
            "this line's indentation matches no key of the mapping that starts at line %d, column %d:"
                    + " indent it exactly as its sibling keys"),
    INDENTED_LESS_THAN_ITS_LIST("did not find expected '-' indicator", "while parsing a block collection",
            "an item of the list that starts at line %d, column %d is not indented as the others, or lacks its '- '");

    private final String problem;
    private final String context;
    private final String words;

    SyntaxExplanation(String problem, String context, String words) {
        this.problem = problem;
        this.context = context;
        this.words = words;
    }

    /** The words for this error, with SnakeYAML's own after them, or SnakeYAML's alone. */
    static String of(MarkedYAMLException e, String parserWords) {
        return explain(e).map(words -> words + " (the YAML parser says: " + parserWords + ")").orElse(parserWords);
    }

    /** Whether the key that lacks its colon began on the same line, more than YAML's 1024 characters before. */
    private static boolean longKey(MarkedYAMLException e) {
        Mark start = e.getContextMark();
        Mark problem = e.getProblemMark();
        return start != null && problem != null && start.getLine() == problem.getLine()
                && problem.getColumn() - start.getColumn() > 1024;
    }

    private static Optional<String> explain(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        for (SyntaxExplanation explanation : List.of(values())) {
            if (problem.startsWith(explanation.problem)
                    && (explanation.context == null || context.startsWith(explanation.context))
                    && (explanation != LONG_KEY || longKey(e))) {
                Mark opened = e.getContextMark();
                return Optional.of(opened == null ? explanation.words.replace(" at line %d, column %d", "")
                        .replace(" that starts at line %d, column %d", "")
                        : String.format(explanation.words, opened.getLine() + 1, opened.getColumn() + 1));
            }
        }
        return Optional.empty();
    }
}
