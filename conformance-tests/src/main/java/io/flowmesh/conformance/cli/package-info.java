/**
 * The command line: {@code validate}, {@code audit}, {@code bench} and {@code migrate}. Exit codes: 0 success or
 * conformant, 1 invalid templates or a non-conformant implementation, 2 usage or input errors.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
package io.flowmesh.conformance.cli;

import org.apiguardian.api.API;
