package io.flowmesh.reference.parse;

/**
 * {@code model.source}.
 *
 * @param type reserved discriminator ({@code huggingface}, {@code local}, ...), or null
 * @param identifier model id or path
 * @param revision branch, tag or commit id, or null
 * @param trustRemoteCode {@code trust_remote_code}, or null when absent
 */
public record ModelSource(String type, String identifier, String revision, Boolean trustRemoteCode) {
}
