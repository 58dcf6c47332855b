package org.lean3assist.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * One completion per distinct text, the best-scoring one, best first; completions without a
     * log-probability keep their order, after the others.
     */
    public static List<Completion> rankDistinct(List<Completion> completions) {
        Map<String, Completion> best = new LinkedHashMap<>();
        for (Completion completion : completions) {
            best.merge(completion.text(), completion, (a, b) -> b.logProb() > a.logProb() ? b : a);
        }
        List<Completion> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingDouble((Completion c) -> Double.isNaN(c.logProb())
                ? Double.NEGATIVE_INFINITY : c.logProb()).reversed());
        return ranked;
    }
}
