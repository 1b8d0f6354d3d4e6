/**
 * The JUnit suites, shipped in the kit's main jar so that any implementation's build runs them:
 * put the kit and the implementation on the test class path and let Surefire scan the kit
 * ({@code dependenciesToScan}). Settings come from system properties, see {@link
 * io.flowmesh.conformance.suite.SuiteSettings}.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
package io.flowmesh.conformance.suite;

import org.apiguardian.api.API;
