package org.lean3assist.model.generate;

import java.util.List;

/**
 * What one call of the generator produced.
 *
 * @param sequences       one per prompt row, in input order
 * @param promptTokens    prompt tokens over all rows, padding excluded
 * @param generatedTokens generated tokens over all rows
 * @param timings         prefill and decode time
 */
public record GenerationResult(List<GeneratedSequence> sequences, int promptTokens, int generatedTokens,
                               Timings timings) {

    public GenerationResult {
        sequences = List.copyOf(sequences);
    }
}
