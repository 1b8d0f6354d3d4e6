package io.flowmesh.conformance.cli;

/**
 * Closes an implementation when a command ends, if it holds anything (an implementation process and
 * its children): no command leaves a process behind.
 */
final class Closing implements AutoCloseable {

    private final Object implementation;

    private Closing(Object implementation) {
        this.implementation = implementation;
    }

    static Closing of(Object implementation) {
        return new Closing(implementation);
    }

    @Override
    public void close() {
        if (implementation instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // The command's result is already decided; a failed close must not change it.
            }
        }
    }
}
