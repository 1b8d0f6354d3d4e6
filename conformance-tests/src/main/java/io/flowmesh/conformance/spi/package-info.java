/**
 * The service provider interface through which an implementation of the FlowMesh workflow contract
 * is measured by the kit.
 *
 * <p>An implementation provides a {@link io.flowmesh.conformance.spi.WorkflowImplementation}, registers
 * it in {@code META-INF/services/io.flowmesh.conformance.spi.WorkflowImplementation} and puts it on the
 * class path of the suites. Every signature here uses JDK types only, so an implementation never has to
 * share the kit's libraries (Jackson, JUnit) to plug in.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.flowmesh.conformance.spi;

import org.apiguardian.api.API;
