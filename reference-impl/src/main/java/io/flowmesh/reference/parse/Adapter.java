package io.flowmesh.reference.parse;

import java.util.Map;

/**
 * One {@code model.adapters[]} entry; an inference task's has at least one of path, url and taskId.
 *
 * @param type the adapter type as written ({@code lora})
 * @param name adapter name, or null
 * @param id adapter id as text, or null
 * @param apply {@code runtime} or {@code merge} as written, or null
 * @param path directory or archive path, or null
 * @param url archive URL, or null
 * @param taskId {@code task_id}: artifact of an earlier stage, or null
 * @param archiveFormat {@code archive_format} ({@code tar}, {@code tar.gz}, {@code zip}), or null
 * @param headers HTTP headers for url downloads, in template order; empty when absent
 */
public record Adapter(String type, String name, String id, String apply, String path, String url, String taskId,
        String archiveFormat, Map<String, String> headers) {

    public Adapter {
        headers = Immutable.map(headers);
    }
}
