/**
 * The scheduler: expands a workflow into tasks in dependency order (stages, graph nodes, shards) and
 * matches each task to a worker of a declared inventory on {@code resources.hardware} alone (its
 * {@code resources.estimatedLoad} is part of the request, as upstream counts it).
 * {@code resources.replicas}, {@code spec.sloSeconds} and {@code spec.parallel} are read by nothing:
 * the parser does not even carry them into the model.
 */
package io.flowmesh.reference.schedule;
