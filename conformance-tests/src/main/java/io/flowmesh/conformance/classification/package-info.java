/**
 * The published classification of template fields (the RFC table as data) and the rules that judge a
 * field's observed verdicts against it.
 */
@API(status = API.Status.INTERNAL, since = "0.1")
package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;
