package io.flowmesh.conformance.classification;

import org.apiguardian.api.API;

/**
 * An effect a row's probe must never change, such as {@code ppo.config/kl_coef} for {@code target_kl}.
 *
 * @param channel the channel
 * @param key the key, matched plain or task-scoped as in {@link ExpectedEffect#keyMatches}
 * @param why why the change would be wrong, for the failure message
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ForbiddenEffect(String channel, String key, String why) {
}
