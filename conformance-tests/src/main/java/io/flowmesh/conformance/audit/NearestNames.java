package io.flowmesh.conformance.audit;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.apache.commons.text.similarity.LevenshteinDistance;
import org.apiguardian.api.API;

/** The names nearest to a misspelt one, for "did you mean" hints (options, keys, check IDs). */
@API(status = API.Status.INTERNAL, since = "0.3")
public final class NearestNames {

    private NearestNames() {
    }

    /**
     * The names within {@code maxDistance} edits (Levenshtein) of {@code typed}, nearest first, then by name.
     *
     * @param limit the most names returned
     */
    public static List<String> to(String typed, Collection<String> names, int maxDistance, int limit) {
        LevenshteinDistance distance = new LevenshteinDistance(maxDistance);
        return names.stream().filter(name -> distance.apply(typed, name) >= 0)
                .sorted(Comparator.comparingInt((String name) -> distance.apply(typed, name)).thenComparing(name -> name))
                .distinct().limit(limit).toList();
    }
}
