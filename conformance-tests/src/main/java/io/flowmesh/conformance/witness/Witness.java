package io.flowmesh.conformance.witness;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import org.apiguardian.api.API;

/**
 * What the kit saw one run do at the boundaries it serves, kept beside the run's trace and never written
 * by the implementation. Requests are sorted ({@link HubRequest#ORDER}), so the witness of a run is the
 * same however the implementation ordered or parallelised them.
 *
 * @param hub the requests the run made to the kit's hub
 * @param urls the requests the run made to the kit's URL server
 * @param agent the chat completions the run asked of the kit's scripted agent endpoint
 * @param overflowed whether the run made more requests than the kit records (the rest were refused)
 */
@API(status = API.Status.INTERNAL, since = "0.3")
public record Witness(List<HubRequest> hub, List<UrlRequest> urls, List<AgentRequest> agent, boolean overflowed) {

    public Witness {
        hub = hub.stream().sorted(HubRequest.ORDER).toList();
        urls = urls.stream().sorted(UrlRequest.ORDER).toList();
        agent = agent.stream().sorted(AgentRequest.ORDER).toList();
    }

    /** The streams the agent endpoint served for this task, in witness order. */
    public List<AgentRequest> asked(String task) {
        return agent.stream().filter(r -> r.task().equals(task)).toList();
    }

    /** The URL server's answers to requests for this URL ({@code //host/path}), in witness order. */
    public List<UrlRequest> fetched(String url) {
        return urls.stream().filter(r -> r.url().equals(url)).toList();
    }

    /**
     * What the URL server did for one URL, in one line: each request with its headers and status; or that
     * it was not asked for it.
     */
    public String describeUrl(String url) {
        List<UrlRequest> requests = fetched(url);
        return requests.isEmpty() ? "the URL server was not asked for " + url : "the URL server answered "
                + String.join(", ", requests.stream().map(UrlRequest::describe).toList());
    }

    /** The commits of a repository whose files the hub served to the run, sorted. */
    public SortedSet<String> filesServedAt(String repo) {
        SortedSet<String> commits = new TreeSet<>();
        hub.stream().filter(r -> r.repo().equals(repo) && r.kind() == HubRequest.Kind.FILE && r.status() == 200)
                .forEach(r -> commits.add(r.commit()));
        return commits;
    }

    /** The requests that named a repository, in witness order. */
    public List<HubRequest> about(String repo) {
        return hub.stream().filter(r -> r.repo().equals(repo)).toList();
    }

    /**
     * What the hub did for one repository, in one line: each revision asked with the commit it served and
     * the files served at each commit, e.g. {@code revision v1.0 -> 3f2a...; files at 3f2a...: config.json};
     * or that the hub was not asked for it.
     */
    public String describe(String repo) {
        List<HubRequest> requests = about(repo);
        if (requests.isEmpty()) {
            return "the hub was not asked for " + repo;
        }
        SortedSet<String> revisions = new TreeSet<>();
        requests.stream().filter(r -> r.kind() == HubRequest.Kind.REVISION_INFO)
                .forEach(r -> revisions.add(r.revision() + " -> " + (r.served() ? r.commit() : r.status() + "")));
        StringBuilder text = new StringBuilder("the hub served " + repo + ":");
        if (!revisions.isEmpty()) {
            text.append(" revision ").append(String.join(", ", revisions)).append(';');
        }
        SortedSet<String> commits = filesServedAt(repo);
        for (String commit : commits) {
            SortedSet<String> files = new TreeSet<>();
            requests.stream().filter(r -> r.kind() == HubRequest.Kind.FILE && r.status() == 200 && r.commit().equals(commit))
                    .forEach(r -> files.add(r.file()));
            text.append(" files at ").append(commit).append(": ").append(String.join(", ", files)).append(';');
        }
        if (commits.isEmpty()) {
            text.append(" no files;");
        }
        return text.substring(0, text.length() - 1);
    }
}
