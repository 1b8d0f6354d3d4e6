package io.flowmesh.reference.execute;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.flowmesh.reference.backend.lora.AdapterResolutionException;
import io.flowmesh.reference.backend.lora.ResolvedAdapter;
import io.flowmesh.reference.parse.Adapter;
import io.flowmesh.reference.parse.TemplateProblem;

/**
 * Resolves a task's {@code model.adapters[]} for real (a local path, a downloaded or mirrored URL, or
 * an earlier stage's artifact) and records each adapter on the {@code lora} channel by what was
 * resolved: the SHA-256 of its {@code adapter_config.json} ({@code config_sha256}) and what that config
 * says, with how it is applied and the request headers handed to the downloader (placeholders such as
 * {@code ${HF_TOKEN}} stay unexpanded). The URL or path as written is not recorded: it is no evidence
 * of what was served.
 */
final class LoraAdapters {

    private LoraAdapters() {
    }

    /** Resolves every adapter of the task and records them. */
    static void handOver(TaskContext context) throws TemplateProblem {
        List<Adapter> adapters = context.spec().model().adapters();
        List<Object> resolved = new ArrayList<>();
        for (int i = 0; i < adapters.size(); i++) {
            Adapter adapter = adapters.get(i);
            String pointer = context.pointer("model/adapters/" + i);
            Map<String, Object> entry = entry(context, adapter, i);
            ResolvedAdapter result;
            try {
                result = context.backends().adapters().resolve(entry, pointer);
            } catch (AdapterResolutionException e) {
                throw new TemplateProblem(pointer, "execute.adapter", e.getMessage());
            }
            Map<String, Object> facts = new LinkedHashMap<>(result.facts());
            facts.put("apply", adapter.apply() == null ? "runtime" : adapter.apply());
            facts.put("id", adapter.id());
            facts.put("headers", adapter.headers());
            resolved.add(facts);
        }
        context.effect("lora", "adapters", resolved);
    }

    private static Map<String, Object> entry(TaskContext context, Adapter adapter, int index) throws TemplateProblem {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", adapter.type());
        put(entry, "name", adapter.name());
        put(entry, "id", adapter.id());
        put(entry, "path", adapter.path() == null ? null : context.resolved(adapter.path(), "model/adapters/" + index + "/path"));
        put(entry, "url", adapter.url() == null ? null
                : mirrored(context, String.valueOf(context.resolved(adapter.url(), "model/adapters/" + index + "/url")), index));
        put(entry, "task_id", adapter.taskId() == null ? null
                : context.resolved(adapter.taskId(), "model/adapters/" + index + "/task_id"));
        put(entry, "archive_format", adapter.archiveFormat());
        if (!adapter.headers().isEmpty()) {
            entry.put("headers", adapter.headers());
        }
        return entry;
    }

    /**
     * With a URL server ({@code urlEndpoint}), the URL itself: the resolver fetches it from the server.
     * Else, with an offline mirror, an http(s) URL as the mirror's {@code file:} URL, and a URL the mirror
     * lacks refused at once, so an offline run never reaches for the network. Without one, only a
     * server on this machine (a loopback host, such as one the kit serves) is asked; any other host is
     * refused, since the reference never uses the network of its own accord.
     */
    private static String mirrored(TaskContext context, String url, int index) throws TemplateProblem {
        if (context.backends().urlEndpoint().isPresent()) {
            // The resolver fetches it from the run's URL server, which answers for every host.
            return url;
        }
        Optional<Path> mirror = context.backends().urlMirror();
        int scheme = url.indexOf("://");
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (scheme < 0 || !(lower.startsWith("http://") || lower.startsWith("https://"))) {
            return url;
        }
        String pointer = context.pointer("model/adapters/" + index + "/url");
        if (mirror.isEmpty()) {
            if (!loopback(url)) {
                throw new TemplateProblem(pointer, "execute.adapter", "offline run: " + displayed(url)
                        + " is not on this machine, and no URL mirror was given (urlMirror); the reference never"
                        + " reaches the network");
            }
            return url;
        }
        String rest = url.substring(scheme + 3);
        int query = rest.indexOf('?');
        Path root = mirror.get().toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new TemplateProblem(pointer, "execute.adapter", "offline run: the URL mirror " + root
                    + " is not a folder, so " + displayed(url) + " cannot be answered");
        }
        Path local;
        try {
            local = root.resolve(query < 0 ? rest : rest.substring(0, query)).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            throw new TemplateProblem(pointer, "execute.adapter", "offline run: " + displayed(url)
                    + " names no file a URL mirror can hold");
        }
        if (!local.startsWith(root) || !Files.isRegularFile(local)) {
            throw new TemplateProblem(pointer, "execute.adapter",
                    "offline run: " + displayed(url) + " is not in the URL mirror " + root);
        }
        return local.toUri().toString();
    }

    /** Whether the URL's host is this machine, written as such: no name is resolved to find out. */
    private static boolean loopback(String url) {
        try {
            String host = new java.net.URI(url).getHost();
            if (host == null) {
                return false;
            }
            String h = host.toLowerCase(java.util.Locale.ROOT);
            return h.equals("localhost") || h.equals("[::1]") || h.equals("::1")
                    || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The URL without its query, which may carry secrets. */
    private static String displayed(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query);
    }

    private static void put(Map<String, Object> entry, String key, Object value) {
        if (value != null) {
            entry.put(key, value);
        }
    }
}
