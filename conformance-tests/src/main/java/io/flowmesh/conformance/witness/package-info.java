/**
 * Witnesses: the kit serves the boundaries it owns (a Hugging Face-compatible hub over its model store)
 * over loopback HTTP and records what every run asks of them, so that a verdict can rest on what the kit
 * saw rather than on the implementation's own trace.
 */
@API(status = API.Status.INTERNAL, since = "0.3")
package io.flowmesh.conformance.witness;

import org.apiguardian.api.API;
