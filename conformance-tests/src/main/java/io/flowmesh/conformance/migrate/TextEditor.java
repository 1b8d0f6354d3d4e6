package io.flowmesh.conformance.migrate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Turns a plan's edits into edits of the text, and makes them. In a block mapping an entry is its
 * lines, from its key to its value's last line and the comments indented below it; in a flow mapping
 * it is its text and one separator. Every other character stays as it was.
 */
final class TextEditor {

    /** Replace {@code [start, end)} of the text with {@code replacement}. */
    private record TextEdit(int start, int end, String replacement) {
    }

    private final YamlDocument document;
    private final Lines lines;
    private final String source;

    private TextEditor(YamlDocument document, String source) {
        this.document = document;
        this.lines = document.lines();
        this.source = source;
    }

    /** The text with the edits made. */
    static String apply(YamlDocument document, List<Edit> edits, String source) throws MigrationException {
        return new TextEditor(document, source).apply(edits);
    }

    private String apply(List<Edit> edits) throws MigrationException {
        List<TextEdit> textEdits = new ArrayList<>();
        Map<MappingNode, List<Edit>> flow = new IdentityHashMap<>();
        for (Edit edit : edits) {
            if (edit.owner().getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                flow.computeIfAbsent(edit.owner(), o -> new ArrayList<>()).add(edit);
            } else {
                textEdits.add(block(edit));
            }
        }
        for (Map.Entry<MappingNode, List<Edit>> mapping : flow.entrySet()) {
            textEdits.addAll(flow(mapping.getKey(), mapping.getValue()));
        }
        textEdits.sort(Comparator.comparingInt(TextEdit::start));
        String text = document.text();
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (TextEdit edit : textEdits) {
            if (edit.start() < at) {
                throw new MigrationException(source + ": two edits of this template overlap; migrate cannot edit it"
                        + " safely and left it as it was");
            }
            out.append(text, at, edit.start()).append(edit.replacement());
            at = edit.end();
        }
        out.append(text.substring(at));
        String migrated = out.toString();
        if (!Lines.endsWithBreak(text) && Lines.endsWithBreak(migrated)) {
            // The last line went: the file keeps ending without a line break, as it did.
            Lines after = new Lines(migrated);
            migrated = migrated.substring(0, migrated.length() - after.terminator(after.count() - 2).length());
        }
        return migrated;
    }

    /** The entry's lines, replaced by its lifted entries' lines. */
    private TextEdit block(Edit edit) throws MigrationException {
        Mark key = edit.tuple().getKeyNode().getStartMark();
        int first = key.getLine();
        String before = lines.content(first).substring(0, lines.offset(key) - lines.start(first));
        if (!before.isBlank()) {
            throw new MigrationException(source + ":" + (first + 1) + ":" + (key.getColumn() + 1) + ": " + edit.pointer()
                    + ": migrate cannot change a key written after '" + before.strip() + "' on its line (such as the"
                    + " first key of a list item); move it to a line of its own and run migrate again");
        }
        int last = lastLine(edit.tuple());
        while (last + 1 < lines.count() && lines.isComment(last + 1) && lines.indent(last + 1) > key.getColumn()) {
            last++;
        }
        StringBuilder replacement = new StringBuilder();
        String terminator = lines.terminator(first).isEmpty() ? "\n" : lines.terminator(first);
        for (NodeTuple lifted : edit.lifted()) {
            replacement.append(liftedLines(lifted, key.getColumn(), terminator));
        }
        return new TextEdit(lines.start(first), lines.start(last + 1), replacement.toString());
    }

    /** A lifted entry's text at the indentation of the entry it replaces. */
    private String liftedLines(NodeTuple lifted, int indent, String terminator) throws MigrationException {
        Mark key = lifted.getKeyNode().getStartMark();
        int first = key.getLine();
        int last = lastLine(lifted);
        if (first == last) {
            String text = document.text().substring(lines.offset(key), end(lifted));
            return " ".repeat(indent) + text + terminator;
        }
        if (lines.content(first).substring(0, lines.offset(key) - lines.start(first)).isBlank()) {
            int shift = key.getColumn() - indent;
            StringBuilder out = new StringBuilder();
            for (int line = first; line <= last; line++) {
                String content = lines.content(line);
                out.append(content.isBlank() ? "" : content.substring(Math.min(shift, lines.indent(line)))).append(terminator);
            }
            return out.toString();
        }
        throw new MigrationException(source + ":" + (first + 1) + ":" + (key.getColumn() + 1)
                + ": migrate cannot move a value written over several lines inside { }; write it on one line");
    }

    /** The edits of one flow mapping: each deleted entry with one separator, each lifted one in place. */
    private List<TextEdit> flow(MappingNode mapping, List<Edit> edits) {
        Map<NodeTuple, Edit> byTuple = new IdentityHashMap<>();
        edits.forEach(e -> byTuple.put(e.tuple(), e));
        List<NodeTuple> entries = mapping.getValue();
        List<TextEdit> out = new ArrayList<>();
        int firstKept = 0;
        while (firstKept < entries.size() && byTuple.containsKey(entries.get(firstKept))
                && byTuple.get(entries.get(firstKept)).deletes()) {
            firstKept++;
        }
        if (firstKept == entries.size()) {
            out.add(new TextEdit(start(entries.get(0)), end(entries.get(entries.size() - 1)), ""));
            return out;
        }
        if (firstKept > 0) {
            out.add(new TextEdit(start(entries.get(0)), start(entries.get(firstKept)), ""));
        }
        for (int i = firstKept; i < entries.size(); i++) {
            Edit edit = byTuple.get(entries.get(i));
            if (edit == null) {
                continue;
            }
            if (edit.deletes()) {
                out.add(new TextEdit(end(entries.get(i - 1)), end(entries.get(i)), ""));
            } else {
                List<String> lifted = new ArrayList<>();
                edit.lifted().forEach(t -> lifted.add(document.text().substring(start(t), end(t))));
                out.add(new TextEdit(start(entries.get(i)), end(entries.get(i)), String.join(", ", lifted)));
            }
        }
        return out;
    }

    private int start(NodeTuple tuple) {
        return lines.offset(tuple.getKeyNode().getStartMark());
    }

    private int end(NodeTuple tuple) {
        Node value = tuple.getValueNode();
        return lines.offset(isEmpty(value) ? tuple.getKeyNode().getEndMark() : value.getEndMark());
    }

    /** The last line that holds the entry's text. */
    private static int lastLine(NodeTuple tuple) {
        Node value = tuple.getValueNode();
        int keyLine = tuple.getKeyNode().getEndMark().getLine();
        return isEmpty(value) ? keyLine : Math.max(keyLine, lastLine(value));
    }

    private static int lastLine(Node node) {
        if (node instanceof MappingNode mapping && mapping.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !mapping.getValue().isEmpty()) {
            return lastLine(mapping.getValue().get(mapping.getValue().size() - 1));
        }
        if (node instanceof SequenceNode sequence && sequence.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !sequence.getValue().isEmpty()) {
            Node item = sequence.getValue().get(sequence.getValue().size() - 1);
            return isEmpty(item) ? item.getStartMark().getLine() : lastLine(item);
        }
        Mark start = node.getStartMark();
        Mark end = node.getEndMark();
        return end.getColumn() == 0 && end.getLine() > start.getLine() ? end.getLine() - 1 : end.getLine();
    }

    /** A value left out ({@code key:} and nothing): SnakeYAML marks it where the next token starts. */
    private static boolean isEmpty(Node node) {
        return node instanceof ScalarNode scalar && scalar.getValue().isEmpty()
                && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }
}
