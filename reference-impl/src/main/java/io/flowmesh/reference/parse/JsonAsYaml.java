package io.flowmesh.reference.parse;

import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;

/**
 * When a template's text may be read by a JSON reader instead of the YAML one, and give the same load:
 * the same tree, the same source map, the same warnings. A JSON document is YAML, and a JSON reader is
 * several times cheaper than the YAML scanner; the kit writes each probe's template as JSON in YAML's flow
 * style, so the shortcut serves most of the texts an audit hands over. The YAML reading is the contract:
 * where the two could differ, the text is read as YAML.
 *
 * <p>They could differ on characters YAML folds, refuses or counts otherwise, checked over the whole text
 * first ({@link #admits}): tabs and carriage returns (separators to JSON, not everywhere to YAML), C1
 * controls, DEL and the non-characters (outside YAML's printable set), U+0085, U+2028 and U+2029 (line
 * breaks to YAML 1.1), the byte order mark, and supplementary characters (a YAML column counts code
 * points, a JSON one UTF-16 units), and on the escape {@code \/}. Then, as the document is read, on a key
 * whose value does not start on the key's line or within 1,000 characters of it (YAML's implicit keys are
 * one line of at most 1,024 characters), and on a number not in a form both read alike: an integer, or a
 * float with a dot and, if it has an exponent, a signed one ({@link #checkNumber}, {@link #checkKey}). Any
 * of those, any refusal and any error while reading as JSON give the text to the YAML reader, whose answer
 * stands.
 */
final class JsonAsYaml {

    /** YAML's implicit keys may span at most 1,024 characters to their colon; a margin for the quotes. */
    private static final int LONGEST_KEY_SPAN = 1000;
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
    private static final Pattern FLOAT = Pattern.compile("-?(0|[1-9][0-9]*)\\.[0-9]+([eE][-+][0-9]+)?");

    private JsonAsYaml() {
    }

    /**
     * Whether the text may be tried as JSON: a mapping first, and no character that YAML reads otherwise.
     */
    static boolean admits(String text) {
        if (text.isEmpty() || text.charAt(0) != '{') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean printable = c == '\n' || (c >= 0x20 && c < 0x7F) || (c >= 0xA0 && c < 0xD800)
                    || (c >= 0xE000 && c < 0xFFFE && c != 0xFEFF);
            if (!printable || c == 0x2028 || c == 0x2029 || (c == '/' && previous == '\\')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /** Declines a number whose JSON reading YAML might not share. */
    static void checkNumber(String text, boolean integral) {
        if (!(integral ? INTEGER : FLOAT).matcher(text).matches()) {
            throw new Declined();
        }
    }

    /** Declines a key that YAML would not read as an implicit key of a flow mapping. */
    static void checkKey(JsonLocation key, JsonLocation value) {
        if (key.getLineNr() != value.getLineNr() || value.getCharOffset() - key.getCharOffset() > LONGEST_KEY_SPAN) {
            throw new Declined();
        }
    }

    /** The text is not one the shortcut may read: it goes to the YAML reader. */
    static final class Declined extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Declined() {
            super("read as YAML", null, false, false);
        }
    }
}
