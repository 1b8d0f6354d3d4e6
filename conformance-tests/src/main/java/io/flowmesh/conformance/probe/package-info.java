/**
 * The probe engine: enumerates a template's fields, changes one field at a time (remove, perturb,
 * inject), runs base and probe through an implementation and turns the difference between the two
 * effect traces into a {@link io.flowmesh.conformance.probe.Verdict}.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
package io.flowmesh.conformance.probe;

import org.apiguardian.api.API;
