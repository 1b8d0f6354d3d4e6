/**
 * Contract cases: scenarios the kit writes (template text plus inputs it owns: a model store, a URL
 * mirror, agent scripts), run through the implementation and judged by an oracle the kit computes from
 * those inputs, never from the implementation's own base run. They show that a field is read
 * <em>correctly</em>, where a probe only shows that it is read. See {@code docs/contract-cases.md}.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
package io.flowmesh.conformance.contract;

import org.apiguardian.api.API;
