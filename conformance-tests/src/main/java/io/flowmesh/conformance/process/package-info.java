/**
 * The process protocol: an implementation in any language plugs in as a process that reads one JSON
 * request per line on stdin and writes one JSON response per line on stdout
 * (see {@code docs/process-protocol.md}). {@link io.flowmesh.conformance.process.ProcessImplementation}
 * is the kit's end; {@link io.flowmesh.conformance.process.ProcessServer} serves any Java
 * {@link io.flowmesh.conformance.spi.WorkflowImplementation} over the same protocol.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.flowmesh.conformance.process;

import org.apiguardian.api.API;
