package org.lean3assist.model.generate;

import java.util.List;
import java.util.Set;

/**
 * The decoding parameters of one generator call.
 *
 * @param maxNewTokens the most tokens per row
 * @param samplers     one sampler per row (rows are the prompts)
 * @param stopTokenIds ids that end a row, in addition to the model's EOS ids
 * @param stopStrings  strings that end a row when its text contains them
 * @param useCache     true feeds the KV cache back; false recomputes the whole prefix each step (for tests and the
 *                     bench's comparison only)
 * @param ignoreEos    true keeps generating past the model's EOS ids, so the bench measures a fixed length
 */
public record GenerationRequest(int maxNewTokens, List<Sampler> samplers, Set<Integer> stopTokenIds,
                                List<String> stopStrings, boolean useCache, boolean ignoreEos) {

    public GenerationRequest {
        samplers = List.copyOf(samplers);
        stopTokenIds = Set.copyOf(stopTokenIds);
        stopStrings = List.copyOf(stopStrings);
    }

    /** Greedy decoding of {@code rows} rows with the cache and no extra stops. */
    public static GenerationRequest greedy(int rows, int maxNewTokens) {
        List<Sampler> samplers = new java.util.ArrayList<>();
        for (int i = 0; i < rows; i++) {
            samplers.add(new GreedySampler());
        }
        return new GenerationRequest(maxNewTokens, samplers, Set.of(), List.of(), true, false);
    }

    public GenerationRequest withoutCache() {
        return new GenerationRequest(maxNewTokens, samplers, stopTokenIds, stopStrings, false, ignoreEos);
    }

    public GenerationRequest withStopStrings(List<String> strings) {
        return new GenerationRequest(maxNewTokens, samplers, stopTokenIds, strings, useCache, ignoreEos);
    }

    public GenerationRequest withStopTokenIds(Set<Integer> ids) {
        return new GenerationRequest(maxNewTokens, samplers, ids, stopStrings, useCache, ignoreEos);
    }

    /** Generates exactly {@code maxNewTokens} tokens, EOS or not (stop ids and strings still apply). */
    public GenerationRequest ignoringEos() {
        return new GenerationRequest(maxNewTokens, samplers, stopTokenIds, stopStrings, useCache, true);
    }
}
