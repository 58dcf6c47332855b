package org.lean3assist.model.generate;

import java.util.Arrays;
import java.util.Random;

/**
 * Samples from the softmax of {@code logits / temperature}, restricted to the top k tokens and then to the smallest
 * set whose probability reaches top p. Seeded, so the same seed and logits give the same tokens on any JVM.
 */
public final class SeededSampler implements Sampler {

    /** Weights below e^-40 of the best token's are dropped; see {@link #candidatesByLogit}. */
    private static final double NEGLIGIBLE_LOG_WEIGHT = 40.0;

    private final double temperature;
    private final int topK;
    private final double topP;
    private final Random random;

    /**
     * @param temperature above 0
     * @param topK        0 keeps all tokens
     * @param topP        in (0, 1]; 1 keeps all tokens
     */
    public SeededSampler(double temperature, int topK, double topP, long seed) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0 for sampling, not " + temperature);
        }
        this.temperature = temperature;
        this.topK = topK;
        this.topP = topP;
        this.random = new Random(seed);
    }

    @Override
    public int sample(float[] logits) {
        int[] candidates = candidatesByLogit(logits);
        double max = logits[candidates[0]];
        double[] weights = new double[candidates.length];
        double total = 0;
        for (int i = 0; i < candidates.length; i++) {
            weights[i] = Math.exp((logits[candidates[i]] - max) / temperature);
            total += weights[i];
        }
        // Nucleus: keep the most likely tokens until their mass reaches topP.
        int kept = candidates.length;
        if (topP < 1) {
            double mass = 0;
            for (int i = 0; i < candidates.length; i++) {
                mass += weights[i] / total;
                if (mass >= topP) {
                    kept = i + 1;
                    break;
                }
            }
        }
        double keptTotal = 0;
        for (int i = 0; i < kept; i++) {
            keptTotal += weights[i];
        }
        double target = random.nextDouble() * keptTotal;
        for (int i = 0; i < kept; i++) {
            target -= weights[i];
            if (target <= 0) {
                return candidates[i];
            }
        }
        return candidates[kept - 1];
    }

    /**
     * Token ids sorted by descending logit (ties by id), cut to topK when set. Tokens whose weight relative to the
     * best is below e^-40 are left out before sorting: they cannot be drawn in practice, and sorting a full
     * vocabulary (92k for InternLM2) every step would cost more than the step.
     */
    private int[] candidatesByLogit(float[] logits) {
        float max = Float.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double floor = max - NEGLIGIBLE_LOG_WEIGHT * temperature;
        int count = 0;
        int[] kept = new int[logits.length];
        for (int i = 0; i < logits.length; i++) {
            if (logits[i] >= floor) {
                kept[count++] = i;
            }
        }
        Integer[] order = new Integer[count];
        for (int i = 0; i < count; i++) {
            order[i] = kept[i];
        }
        Arrays.sort(order, (a, b) -> logits[a] != logits[b] ? Float.compare(logits[b], logits[a])
                : Integer.compare(a, b));
        int limit = topK > 0 ? Math.min(topK, count) : count;
        int[] result = new int[limit];
        for (int i = 0; i < limit; i++) {
            result[i] = order[i];
        }
        return result;
    }
}
