package io.flowmesh.reference.backend.transformers;

import java.util.List;

/**
 * What {@code model.generate} returns for one prompt, decoded: the generated part only.
 *
 * @param text the generated tokens decoded (end of sequence rendered unless special tokens are skipped)
 * @param tokenIds the generated token ids, end of sequence included when it ended the generation
 * @param endedByEos whether the last generated token is end of sequence
 */
public record Generation(String text, List<Integer> tokenIds, boolean endedByEos) {

    public Generation {
        tokenIds = List.copyOf(tokenIds);
    }
}
