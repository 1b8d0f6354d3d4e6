package io.flowmesh.conformance.classification;

import java.util.Locale;

import org.apiguardian.api.API;

/** What the RFC decided for a field. */
@API(status = API.Status.INTERNAL, since = "0.1")
public enum Treatment {
    /** The field does nothing and goes: no template may use it; if injected it is ignored with a warning, or rejected. */
    REMOVE,
    /** The field must have the stated runtime effect. */
    SUPPORT,
    /** The field is metadata for people or the envelope: it must have no execution effect. */
    KEEP,
    /** The schema and the runtime disagreed: templates that use it must validate, with the stated effect. */
    FIX;

    /** The lower-case word used in files and reports. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
