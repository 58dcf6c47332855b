package org.lean3assist.model.generate;

/**
 * One generated continuation.
 *
 * @param tokenIds     the generated ids, including the stop id that ended it (if any)
 * @param text         the decoded text, without a stop id or stop string
 * @param logProb      the sum of log-probabilities of {@code tokenIds} under the model's unscaled distribution
 * @param finishReason why it ended
 */
public record GeneratedSequence(int[] tokenIds, String text, double logProb, FinishReason finishReason) {
}
