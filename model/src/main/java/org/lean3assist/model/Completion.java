package org.lean3assist.model;

import org.lean3assist.model.generate.FinishReason;

/**
 * One candidate continuation of a prompt.
 *
 * @param text         the generated text, without the stop string or stop token that ended it
 * @param logProb      the sum of the log-probabilities of the generated tokens (the stop token included); the
 *                     ranking key. {@link Double#NaN} when a remote server did not report log-probabilities
 * @param tokenCount   how many tokens were generated for this candidate
 * @param finishReason why this candidate ended
 */
public record Completion(String text, double logProb, int tokenCount, FinishReason finishReason) {
}
