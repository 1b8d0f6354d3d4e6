package io.flowmesh.conformance.process;

/** What the kit's other tests may ask about processes: the faulty fixture's path, and whether a pid runs. */
public final class ProcessTreeProbe {

    private ProcessTreeProbe() {
    }

    /** The path of {@code faulty-impl.sh}, the faulty implementation process of the tests. */
    public static String script() {
        return ProcessImplementationTest.script();
    }

    /** Whether the process runs (a zombie does not). */
    public static boolean running(long pid) {
        return ProcessTree.running(pid);
    }
}
