package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;

/**
 * Keeps SLF4J's "no providers were found" notice off an implementer's console. The kit's JSON Schema
 * validator logs through SLF4J, and the kit has nothing to say through it; an implementation that
 * brings no SLF4J provider would otherwise see three warning lines on every run, for nothing. With a
 * provider on the class path (logback, slf4j-simple, ...) nothing is changed, and an explicit
 * {@value #VERBOSITY} always wins.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class Slf4jNotices {

    /** SLF4J 2's own switch for its internal notices (read once, when SLF4J first initialises). */
    static final String VERBOSITY = "slf4j.internal.verbosity";

    private Slf4jNotices() {
    }

    /**
     * Turns SLF4J's internal notices down to errors when no SLF4J provider is on the class path; must run
     * before the validator's first logger is made, so the kit's entry points call it in their static
     * initialisers.
     */
    public static void quietWithoutProvider() {
        if (System.getProperty(VERBOSITY) != null) {
            return;
        }
        ClassLoader loader = Slf4jNotices.class.getClassLoader();
        boolean provider = loader.getResource("META-INF/services/org.slf4j.spi.SLF4JServiceProvider") != null
                || loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null;
        if (!provider) {
            System.setProperty(VERBOSITY, "ERROR");
        }
    }
}
