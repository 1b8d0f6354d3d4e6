package io.flowmesh.conformance.cli;

/** The process exit codes every command uses. */
final class ExitCodes {

    /** All templates valid, or the implementation conforms. */
    static final int OK = 0;

    /** Some template is invalid, or the implementation does not conform. */
    static final int FAILED = 1;

    /** The command line or its inputs are wrong. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}
