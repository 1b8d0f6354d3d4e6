/**
 * The audit's results as data, and their renderings: a text report for people and a JSON document
 * for machines.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
package io.flowmesh.conformance.report;

import org.apiguardian.api.API;
