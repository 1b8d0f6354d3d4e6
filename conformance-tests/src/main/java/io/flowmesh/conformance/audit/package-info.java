/**
 * The audit: runs a corpus of templates through an implementation, probes every field, and judges
 * every verdict against the classification. The JUnit suites and the CLI are two front ends to it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
package io.flowmesh.conformance.audit;

import org.apiguardian.api.API;
