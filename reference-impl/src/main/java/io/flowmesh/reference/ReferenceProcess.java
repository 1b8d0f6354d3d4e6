package io.flowmesh.reference;

import java.io.IOException;

import io.flowmesh.conformance.process.ProcessServer;

/**
 * The reference implementation as a process speaking the kit's JSON-lines protocol on stdin and
 * stdout, which proves the protocol end to end: the kit audits it exactly as it audits the reference
 * in-process. Logs go to stderr, never to stdout.
 */
public final class ReferenceProcess {

    private ReferenceProcess() {
    }

    /** Serves until stdin ends. */
    public static void main(String[] args) throws IOException {
        ProcessServer.serve(new ReferenceImplementation(), System.in, System.out);
    }
}
