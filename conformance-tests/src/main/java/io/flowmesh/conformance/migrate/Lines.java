package io.flowmesh.conformance.migrate;

import java.util.ArrayList;
import java.util.List;

import org.yaml.snakeyaml.error.Mark;

/**
 * The lines of a text as SnakeYAML counts them (a break is {@code \r\n}, {@code \n}, {@code \r},
 * NEL, LS or PS) and the offsets of its marks, whose columns count code points.
 */
final class Lines {

    private final String text;
    private final List<Integer> starts = new ArrayList<>();
    private final List<Integer> ends = new ArrayList<>();

    Lines(String text) {
        this.text = text;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                starts.add(start);
                ends.add(i);
                i += c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                start = i;
            } else {
                i++;
            }
        }
        starts.add(start);
        ends.add(text.length());
    }

    /** How many lines there are; a text ending in a break has an empty last line. */
    int count() {
        return starts.size();
    }

    /** Where the 0-based line starts. */
    int start(int line) {
        return line < starts.size() ? starts.get(line) : text.length();
    }

    /** The line's text without its break. */
    String content(int line) {
        return text.substring(starts.get(line), ends.get(line));
    }

    /** The line's break, or "" for the last line. */
    String terminator(int line) {
        return text.substring(ends.get(line), start(line + 1));
    }

    /** The offset of a mark in the text. */
    int offset(Mark mark) {
        int lineStart = start(mark.getLine());
        return text.offsetByCodePoints(lineStart, Math.min(mark.getColumn(), text.codePointCount(lineStart, text.length())));
    }

    /** How many spaces start the line. */
    int indent(int line) {
        String content = content(line);
        int i = 0;
        while (i < content.length() && content.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Whether the line holds nothing but a comment. */
    boolean isComment(int line) {
        return content(line).strip().startsWith("#");
    }

    /** Whether the text ends with a line break. */
    static boolean endsWithBreak(String text) {
        return !text.isEmpty() && "\r\n\u0085\u2028\u2029".indexOf(text.charAt(text.length() - 1)) >= 0;
    }
}
