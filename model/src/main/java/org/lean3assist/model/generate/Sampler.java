package org.lean3assist.model.generate;

/** Chooses the next token of one sequence from its logits. Stateful samplers are used by one sequence only. */
public interface Sampler {

    /**
     * @param logits the raw logits of one sequence's last position, {@code [vocab]}; implementations must not
     *               modify them
     */
    int sample(float[] logits);

    /** The greedy sampler for temperature 0, else a seeded temperature / top-k / top-p sampler. */
    static Sampler of(double temperature, int topK, double topP, long seed) {
        return temperature <= 0 ? new GreedySampler() : new SeededSampler(temperature, topK, topP, seed);
    }
}
