/**
 * {@code migrate}: rewrites templates to the classification's current shape by editing their text,
 * never by writing the YAML again, so that comments, key order and formatting survive. The fields of
 * remove rows are deleted, retired mappings such as an adapter's {@code kwargs} are lifted into the
 * shape that replaced them, and every result is parsed again and compared with the intended template.
 */
@API(status = API.Status.INTERNAL, since = "0.2")
package io.flowmesh.conformance.migrate;

import org.apiguardian.api.API;
