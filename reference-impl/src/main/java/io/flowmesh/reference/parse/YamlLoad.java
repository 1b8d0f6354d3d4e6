package io.flowmesh.reference.parse;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.flowmesh.conformance.spi.Diagnostic;

/** What {@link SafeYamlLoader} made of a text: a tree with its source map, or one refusal. */
public sealed interface YamlLoad {

    /**
     * The document loaded.
     *
     * @param tree the root mapping, aliases expanded
     * @param sourceMap where each node sits in the text
     * @param warnings what the text says that has no effect (shadowed duplicate keys), in source order
     */
    record Loaded(ObjectNode tree, SourceMap sourceMap, List<Diagnostic> warnings) implements YamlLoad {

        public Loaded {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * The document was refused; nothing of it is returned.
     *
     * @param violation why, where, with a {@code yaml.*} code
     */
    record Refused(Diagnostic violation) implements YamlLoad {
    }
}
