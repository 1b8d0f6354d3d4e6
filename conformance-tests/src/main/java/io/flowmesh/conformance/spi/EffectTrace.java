package io.flowmesh.conformance.spi;

import java.util.List;

import org.apiguardian.api.API;

/**
 * The ordered effects one run of a template handed to the outside world.
 *
 * <p>A trace holds no timestamps and no random identifiers: the same template and options must give
 * the same trace, record for record and value for value.
 *
 * @param effects the effects in the order they happened
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record EffectTrace(List<Effect> effects) {

    public EffectTrace {
        effects = List.copyOf(effects);
    }
}
