package org.lean3assist.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
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
        return bestDistinct(completions, Completion::text, Completion::logProb);
    }

    /**
     * The one ranking rule of model output: one item per distinct key, the best-scoring one, best
     * first; items whose score is {@link Double#NaN} (a server that reports no log-probabilities)
     * keep their order, after the others. The sort is stable, so equal scores keep their order too.
     */
    public static <T> List<T> bestDistinct(List<T> items, Function<T, String> key, ToDoubleFunction<T> score) {
        Map<String, T> best = new LinkedHashMap<>();
        for (T item : items) {
            best.merge(key.apply(item), item, (a, b) -> score.applyAsDouble(b) > score.applyAsDouble(a) ? b : a);
        }
        List<T> ranked = new ArrayList<>(best.values());
        ranked.sort(Comparator.comparingDouble((T item) -> {
            double value = score.applyAsDouble(item);
            return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
        }).reversed());
        return ranked;
    }
}
