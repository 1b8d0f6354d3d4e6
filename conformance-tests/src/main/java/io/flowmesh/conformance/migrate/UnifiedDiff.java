package io.flowmesh.conformance.migrate;

import java.util.ArrayList;
import java.util.List;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import org.apiguardian.api.API;

/**
 * A unified diff of two texts, as {@code diff -u} and {@code git diff} write it: {@code --- a/FILE},
 * {@code +++ b/FILE}, then {@code @@} hunks with three lines of context, and
 * {@code \ No newline at end of file} after a last line without a break.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class UnifiedDiff {

    private static final int CONTEXT = 3;
    private static final String NO_NEWLINE = "\\ No newline at end of file";

    private UnifiedDiff() {
    }

    /**
     * The diff, each line ending in {@code \n}; empty when the texts are equal.
     *
     * @param path the file's path, written after {@code a/} and {@code b/}
     */
    public static String of(String path, String before, String after) {
        if (before.equals(after)) {
            return "";
        }
        // Lines keep their breaks, so that a last line that gains or loses one is a change too.
        List<String> original = withBreaks(before);
        Patch<String> patch = DiffUtils.diff(original, withBreaks(after));
        String name = path.replace('\\', '/').replaceFirst("^/+", "");
        List<String> diff = UnifiedDiffUtils.generateUnifiedDiff("a/" + name, "b/" + name, original, patch, CONTEXT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < diff.size(); i++) {
            String line = diff.get(i);
            if (i < 2 || line.startsWith("@@") || line.endsWith("\n")) {
                out.append(line.endsWith("\n") ? line : line + "\n");
            } else {
                out.append(line).append('\n').append(NO_NEWLINE).append('\n');
            }
        }
        return out.toString();
    }

    private static List<String> withBreaks(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }
}
