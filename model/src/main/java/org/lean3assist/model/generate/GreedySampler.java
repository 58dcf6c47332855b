package org.lean3assist.model.generate;

/** Picks the most likely token; ties go to the lowest id, so results are reproducible. */
public final class GreedySampler implements Sampler {

    @Override
    public int sample(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
