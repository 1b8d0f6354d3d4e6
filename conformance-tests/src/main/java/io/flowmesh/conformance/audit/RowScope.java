package io.flowmesh.conformance.audit;

import org.apiguardian.api.API;

/** Which classification rows an audit judges. */
@API(status = API.Status.INTERNAL, since = "0.2")
public enum RowScope {
    /**
     * Every row: a row no template or contract measures fails, so a corpus that stops using a field
     * cannot hide it. The default, and what the bundled corpus is audited with.
     */
    ALL,
    /**
     * Only the rows whose fields the audited templates use (a template author's own folder): a row no
     * template uses is listed as not applicable, with the reason, never passed and never failed.
     */
    USED
}
