package io.flowmesh.conformance.classification;

import java.util.List;

import org.apiguardian.api.API;

/**
 * A field whose values form an enumeration, so that the perturb probe picks another member instead
 * of an invalid string.
 *
 * @param pattern the fields it applies to
 * @param members the members, in the order the probe cycles through them
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record EnumeratedField(FieldPattern pattern, List<String> members) {

    public EnumeratedField {
        members = List.copyOf(members);
    }
}
