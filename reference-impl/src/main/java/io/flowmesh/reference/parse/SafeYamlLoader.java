package io.flowmesh.reference.parse;

import java.io.IOException;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.flowmesh.conformance.spi.Diagnostic;

/**
 * Loads one YAML template into a Jackson tree with a {@link SourceMap}, refusing hostile or
 * ambiguous input instead of failing on it.
 *
 * <p>Refused: documents over {@value #MAX_DOCUMENT_BYTES} bytes ({@code yaml.size}), scalars over
 * {@value #MAX_SCALAR_BYTES} bytes ({@code yaml.scalar-size}), nesting deeper than {@value #MAX_DEPTH}
 * ({@code yaml.depth}), tags outside the YAML core schema, aliases whose expansion
 * would add more than {@value #MAX_ALIAS_NODES} nodes ({@code yaml.alias-budget}), more than one
 * document, an empty document, a root that is not a mapping and syntax errors. The streaming parser
 * reports aliases without expanding them; this loader expands them itself, against that budget, so a
 * billion-laughs document costs no more than the budget. A key written twice in one mapping is not
 * refused: as PyYAML's safe_load (upstream's loader) does, the last value wins, and the load carries a
 * {@code yaml.duplicate-key.no-effect} warning naming both lines.
 *
 * <p>A text that is JSON, in a form where a JSON reading gives what the YAML one gives, is read by a JSON
 * reader ({@link JsonAsYaml}); any doubt, and any refusal, goes to the YAML reader.
 *
 * <p>Thread-safe: the factory is shared, each load has its own reader.
 */
public final class SafeYamlLoader {

    /** Largest accepted document, in UTF-8 bytes. */
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    /** Largest accepted scalar (value or key), in UTF-8 bytes. */
    public static final int MAX_SCALAR_BYTES = 64 * 1024;
    /** Deepest accepted nesting of mappings and sequences; the root mapping is depth 1. */
    public static final int MAX_DEPTH = 64;
    /** Most nodes that alias expansion may add to a document. */
    public static final int MAX_ALIAS_NODES = 10_000;

    private final YAMLFactory factory;
    private final JsonFactory json = new JsonFactory();

    /** Creates a loader with the limits above. */
    public SafeYamlLoader() {
        // SnakeYAML's own guards mostly protect its composer, which the streaming parser does not use;
        // they stay on as a second line behind the checks made here.
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(2 * MAX_DOCUMENT_BYTES);
        options.setMaxAliasesForCollections(50);
        // Duplicate keys are this loader's business: it keeps the last value, as upstream does, and warns.
        options.setAllowDuplicateKeys(true);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(MAX_DEPTH + 16);
        this.factory = YAMLFactory.builder().loaderOptions(options).build();
    }

    /**
     * Loads a template text.
     *
     * @param text the whole YAML text
     * @param sourceName the file or source name used in diagnostics
     * @return the tree and its source map, or the reason the text was refused; never throws for input
     */
    public YamlLoad load(String text, String sourceName) {
        if (longerInUtf8(text, MAX_DOCUMENT_BYTES)) {
            return refused(sourceName, SourceMap.START, "yaml.size",
                    "document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        Optional<YamlLoad.Loaded> asJson = readJson(text, sourceName);
        return asJson.isPresent() ? asJson.get() : readYaml(text, sourceName);
    }

    /** The text read by the YAML reader, whatever it is. */
    YamlLoad readYaml(String text, String sourceName) {
        try (YAMLParser parser = factory.createParser(text)) {
            return new TreeReader(parser, sourceName).readDocument();
        } catch (YamlRefusal refusal) {
            return new YamlLoad.Refused(refusal.violation());
        } catch (JsonProcessingException e) {
            return syntaxError(sourceName, e, e.getLocation());
        } catch (IOException | RuntimeException e) {
            // SnakeYAML signals some limits with unchecked exceptions; they are still input problems.
            return syntaxError(sourceName, e, null);
        }
    }

    /**
     * The text read by the JSON reader, or empty where the YAML reader is to read it: a text
     * {@link JsonAsYaml} declines, or one it refuses or cannot read, for the YAML reader to word.
     */
    Optional<YamlLoad.Loaded> readJson(String text, String sourceName) {
        if (!JsonAsYaml.admits(text)) {
            return Optional.empty();
        }
        try (JsonParser parser = json.createParser(text)) {
            return Optional.of((YamlLoad.Loaded) new TreeReader(parser, sourceName).readDocument());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static YamlLoad syntaxError(String sourceName, Exception e, JsonLocation fallback) {
        SyntaxProblem problem = SyntaxProblem.of(e, fallback);
        return new YamlLoad.Refused(new Diagnostic(sourceName, "", problem.line(), problem.column(),
                "yaml.syntax", "YAML syntax error: " + problem.message()));
    }

    private static YamlLoad refused(String sourceName, SourceMap.Location at, String code, String message) {
        return new YamlLoad.Refused(new Diagnostic(sourceName, "", at.line(), at.column(), code, message));
    }

    /**
     * Whether a text is more than {@code limit} bytes of UTF-8. A char is at most 3 bytes (a surrogate
     * pair, 2 chars, is 4), so a text of up to a third of the limit in chars is within it uncounted: every
     * template and every scalar an audit reads, each parse.
     */
    static boolean longerInUtf8(CharSequence text, long limit) {
        return text.length() > limit / 3 && utf8Length(text, limit + 1) > limit;
    }

    /** The UTF-8 length of a text, counting no further than {@code stopAt}. */
    private static long utf8Length(CharSequence text, long stopAt) {
        long length = 0;
        for (int i = 0; i < text.length() && length < stopAt; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** A problem reported by the YAML parser, with the best location it gave. */
    private record SyntaxProblem(int line, int column, String message) {

        static SyntaxProblem of(Exception e, JsonLocation fallback) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                        && marked.getProblemMark() != null) {
                    String problem = marked.getProblem() != null ? marked.getProblem() : firstLine(marked.getMessage());
                    return new SyntaxProblem(marked.getProblemMark().getLine() + 1,
                            marked.getProblemMark().getColumn() + 1, SyntaxExplanation.of(marked, problem));
                }
            }
            String message = e instanceof JsonProcessingException processing
                    ? processing.getOriginalMessage() : e.getMessage();
            int line = fallback != null && fallback.getLineNr() > 0 ? fallback.getLineNr() : 0;
            int column = line > 0 && fallback.getColumnNr() > 0 ? fallback.getColumnNr() : 0;
            return new SyntaxProblem(line, column, firstLine(message == null ? e.getClass().getSimpleName() : message));
        }

        private static String firstLine(String message) {
            int newline = message.indexOf('\n');
            return (newline < 0 ? message : message.substring(0, newline)).strip();
        }
    }
}
