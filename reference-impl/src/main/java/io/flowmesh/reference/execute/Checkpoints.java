package io.flowmesh.reference.execute;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.flowmesh.reference.parse.TemplateProblem;

/**
 * {@code checkpoint.load}, a mapping resolved as upstream's {@code resolve_checkpoint_load}
 * ({@code utils/checkpoints.py}) resolves it: a {@code path} that exists; else the artifacts of the
 * earlier task {@code task_id} (or {@code taskId}) names ({@code final_model}, its {@code .tar.gz},
 * ..., the artifacts folder); else by {@code type} (default {@code local}): {@code local} needs an
 * existing {@code path} (or {@code uri}), {@code http} downloads {@code url} and unpacks a tar archive
 * to its single top folder. Offline, a {@code url} resolves when it names an archive this run packed
 * (what a {@code ${stage.final_model_archive}} placeholder renders to): it unpacks to the folder it was
 * packed from; other schemes are refused as upstream refuses them.
 *
 * <p>What is recorded is the checkpoint found, never its local path: {@code from} (which key found
 * it) and {@code config}, the {@code config.json} or {@code adapter_config.json} the checkpoint
 * folder holds (null for a file).
 */
final class Checkpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TASK_GUESSES = List.of("final_model", "final_model.tar.gz", "final_model.bin",
            "final_model.safetensors", "final_model.pt");

    private Checkpoints() {
    }

    /**
     * What a trainer resumes from ({@code determine_resume_path}): empty without
     * {@code checkpoint.load}; a load that does not resolve fails the task, as upstream's does.
     */
    static Optional<Map<String, Object>> forTraining(TaskContext context) throws TemplateProblem {
        Map<?, ?> load = load(context);
        if (load == null || load.isEmpty()) {
            return Optional.empty();
        }
        Found found = resolve(context, load);
        return Optional.of(describe(found, context));
    }

    /**
     * The local checkpoint folder a vLLM engine initialises from, as upstream's vLLM executor picks
     * it: {@code type} defaults to {@code http}, an {@code http} load without {@code path} or
     * {@code task_id} is not looked up (its {@code url} is never read), and a load that does not resolve
     * to a folder falls back to {@code model.source.identifier} (empty).
     */
    static Optional<Map<String, Object>> forVllm(TaskContext context) throws TemplateProblem {
        Map<?, ?> load = load(context);
        if (load == null || load.isEmpty()) {
            return Optional.empty();
        }
        String type = String.valueOf(load.get("type") == null ? "http" : load.get("type")).toLowerCase(Locale.ROOT);
        if (type.equals("http") && !truthy(load.get("path")) && !truthy(load.get("taskId")) && !truthy(load.get("task_id"))) {
            return Optional.empty();
        }
        Map<Object, Object> local = new LinkedHashMap<>(load);
        if (type.equals("http")) {
            local.put("type", "local");
        }
        Found found;
        try {
            found = resolve(context, local);
        } catch (TemplateProblem e) {
            // Upstream logs the failure at debug level and initialises from the identifier.
            return Optional.empty();
        }
        return Files.isDirectory(found.location()) ? Optional.of(describe(found, context)) : Optional.empty();
    }

    private static Map<?, ?> load(TaskContext context) throws TemplateProblem {
        if (context.spec().checkpoint() == null || context.spec().checkpoint().load() == null) {
            return null;
        }
        Object load = context.resolved(context.spec().checkpoint().load(), "checkpoint/load");
        if (!(load instanceof Map<?, ?> map)) {
            throw new TemplateProblem(context.pointer("checkpoint/load"), "execute.checkpoint",
                    "checkpoint.load must be a mapping ({type, path, task_id, url}), as upstream's dict() needs; got "
                            + load);
        }
        return map;
    }

    private static Found resolve(TaskContext context, Map<?, ?> load) throws TemplateProblem {
        String type = String.valueOf(load.get("type") == null ? "local" : load.get("type")).toLowerCase(Locale.ROOT);
        Object path = load.get("path");
        if (truthy(path) && Files.exists(Path.of(String.valueOf(path)))) {
            return new Found("path", Path.of(String.valueOf(path)));
        }
        Object task = truthy(load.get("taskId")) ? load.get("taskId") : load.get("task_id");
        if (truthy(task) && !String.valueOf(task).isBlank()) {
            Path base = context.backends().workspace().stageDir(String.valueOf(task).strip());
            for (String guess : TASK_GUESSES) {
                if (Files.exists(base.resolve(guess))) {
                    return new Found("task_id", base.resolve(guess));
                }
            }
            if (Files.isDirectory(base)) {
                return new Found("task_id", base);
            }
        }
        switch (type) {
            case "local":
                Object local = truthy(path) ? path : load.get("uri");
                if (!truthy(local)) {
                    throw problem(context, "path", "checkpoint.load.path is required for local checkpoints");
                }
                throw problem(context, "path", "Checkpoint path " + local + " not found");
            case "http":
                Object url = load.get("url");
                if (!truthy(url)) {
                    throw problem(context, "url", "checkpoint.load.url is required for HTTP checkpoints (set base_url "
                            + "or FLOWMESH_BASE_URL)");
                }
                String text = String.valueOf(url);
                if (text.startsWith("/")) {
                    Optional<Path> folder = context.backends().workspace().unpacked(Path.of(text));
                    if (folder.isPresent()) {
                        return new Found("url", folder.get());
                    }
                }
                String scheme = text.contains("://") ? text.substring(0, text.indexOf("://")) : "";
                throw problem(context, "url", scheme.equals("http") || scheme.equals("https")
                        ? "Failed to download checkpoint from " + text + ": no network on the CPU backend"
                        : "Unsupported checkpoint URL scheme '" + scheme + "'; only http and https are allowed");
            default:
                throw problem(context, "type", "Unsupported checkpoint load type '" + type + "'");
        }
    }

    /**
     * Where a load resolved.
     *
     * @param from the key that found it: {@code path}, {@code task_id} or {@code url}
     * @param location the local folder or file
     */
    private record Found(String from, Path location) {
    }

    private static Map<String, Object> describe(Found found, TaskContext context) throws TemplateProblem {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("from", found.from());
        Path folder = context.backends().workspace().unpacked(found.location()).orElse(found.location());
        Object config = null;
        for (String name : List.of("config.json", "adapter_config.json")) {
            if (Files.isRegularFile(folder.resolve(name))) {
                try {
                    config = JSON.readValue(Files.readString(folder.resolve(name)), Object.class);
                } catch (IOException e) {
                    throw new TemplateProblem(context.pointer("checkpoint/load"), "execute.checkpoint",
                            "the checkpoint's " + name + " cannot be read: " + e.getMessage());
                }
                break;
            }
        }
        described.put("config", config);
        return described;
    }

    private static TemplateProblem problem(TaskContext context, String key, String message) {
        return new TemplateProblem(context.pointer("checkpoint/load/" + key), "execute.checkpoint", message);
    }

    private static boolean truthy(Object value) throws TemplateProblem {
        return (Boolean) PyConversion.BOOL.apply(value, "");
    }
}
