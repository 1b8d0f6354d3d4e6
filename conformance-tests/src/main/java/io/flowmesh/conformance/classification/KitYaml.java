package io.flowmesh.conformance.classification;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.serialization.node.LocationJsonNodeFactoryFactory;
import com.networknt.schema.utils.JsonNodes;
import org.apiguardian.api.API;

/**
 * Reads the kit's own YAML inputs (classification, deviations) into trees that know their lines, with
 * duplicate keys refused, and words every syntax error with the file, line and column: a key given
 * twice, NaN and infinity, and plain YAML mistakes each have their own message.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class KitYaml {

    static {
        // Before the validator's first logger: see Slf4jNotices.
        Slf4jNotices.quietWithoutProvider();
    }

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern NOT_FINITE = Pattern.compile("(?i)'([-+]?\\.(nan|inf))'");

    private KitYaml() {
    }

    /** The YAML is not a usable tree; the message names the file, line and column. */
    public static final class YamlException extends Exception {

        private static final long serialVersionUID = 1L;

        YamlException(String message) {
            super(message);
        }
    }

    /**
     * Reads one YAML document.
     *
     * @param source the file, for messages
     * @return the tree, or {@code null} for an empty document
     */
    public static JsonNode read(String yaml, String source) throws YamlException {
        try {
            return JsonNodes.readTree(YAML, yaml, LocationJsonNodeFactoryFactory.getInstance());
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof JsonProcessingException processing) {
                throw new YamlException(where(source, processing.getLocation()) + words(processing.getOriginalMessage()));
            }
            throw new YamlException(source + ": not valid YAML: " + firstLine(String.valueOf(cause.getMessage())));
        }
    }

    private static String words(String original) {
        String message = original == null ? "" : original;
        Matcher duplicate = DUPLICATE.matcher(message);
        if (duplicate.find()) {
            return "key '" + duplicate.group(1) + "' is given twice in one mapping; each key may appear once";
        }
        Matcher notFinite = NOT_FINITE.matcher(message);
        if (notFinite.find()) {
            String which = notFinite.group(2).toLowerCase(Locale.ROOT).equals("nan") ? "NaN (not a number)" : "infinity";
            return notFinite.group(1) + " is " + which + "; only finite numbers are allowed here";
        }
        return "not valid YAML: " + String.join(" ", message.lines().map(String::trim).toList());
    }

    private static String where(String source, JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return source + ": ";
        }
        return source + ":" + location.getLineNr() + ":" + location.getColumnNr() + ": ";
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }
}
