package io.flowmesh.conformance.witness;

import java.util.Comparator;
import java.util.Objects;

import org.apiguardian.api.API;

/**
 * One request a run made to the kit's hub, as the hub answered it.
 *
 * @param kind what was asked for
 * @param method {@code GET} or {@code HEAD}
 * @param repo the repository id the request named, e.g. {@code conformance/tiny-llm}
 * @param revision the revision the request named, decoded; empty for {@link Kind#REFS}
 * @param file the file the request named; empty unless {@link Kind#FILE}
 * @param status the HTTP status the hub answered
 * @param commit the commit the hub served; empty when it served none (an unknown repository or revision)
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public record HubRequest(Kind kind, String method, String repo, String revision, String file, int status, String commit) {

    /** The order a witness lists its requests in: by repository, revision, kind, file, method, status, commit. */
    static final Comparator<HubRequest> ORDER = Comparator.comparing(HubRequest::repo)
            .thenComparing(HubRequest::revision).thenComparing(HubRequest::kind).thenComparing(HubRequest::file)
            .thenComparing(HubRequest::method).thenComparingInt(HubRequest::status).thenComparing(HubRequest::commit);

    /** What a request asked the hub for. */
    public enum Kind {
        /** {@code /api/models/<repo>/revision/<revision>}: the commit a revision names, and its files. */
        REVISION_INFO,
        /** {@code /api/models/<repo>/refs}: the repository's branches and tags. */
        REFS,
        /** {@code /<repo>/resolve/<revision>/<file>}: one file of a revision. */
        FILE
    }

    public HubRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(repo, "repo");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(commit, "commit");
    }

    /** Whether the hub served a commit: the request named a repository and revision it has. */
    public boolean served() {
        return !commit.isEmpty();
    }
}
