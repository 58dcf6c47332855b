package org.lean3assist.model;

import java.util.List;
import java.util.Objects;

/**
 * What one completion request asks for. Immutable; start from {@link #defaults()} and use the {@code with}
 * methods.
 *
 * @param maxNewTokens  the most tokens generated per candidate; default 64
 * @param temperature   0 means greedy; default 0
 * @param topK          keep only the k most likely tokens when sampling; 0 (the default) keeps all
 * @param topP          nucleus sampling threshold in (0, 1]; default 1 (off)
 * @param seed          seeds the samplers, so sampled output is reproducible; default 42
 * @param numCandidates how many candidates to produce; default 1. With temperature 0 and more than one candidate,
 *                      the first is greedy and the others are sampled at {@link #DIVERSE_TEMPERATURE}
 * @param stopStrings   generation of a candidate ends when its text contains one of these (excluded from the text)
 * @param stopTokenIds  generation ends at these token ids, in addition to the model's EOS ids
 */
public record GenerationConfig(int maxNewTokens, double temperature, int topK, double topP, long seed,
                               int numCandidates, List<String> stopStrings, List<Integer> stopTokenIds) {

    /** The temperature of the extra candidates of a greedy request, high enough to differ from the greedy one. */
    public static final double DIVERSE_TEMPERATURE = 1.0;

    public GenerationConfig {
        if (maxNewTokens < 1) {
            throw new IllegalArgumentException("maxNewTokens must be >= 1, not " + maxNewTokens);
        }
        if (temperature < 0 || Double.isNaN(temperature)) {
            throw new IllegalArgumentException("temperature must be >= 0, not " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, not " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("topP must be in (0, 1], not " + topP);
        }
        if (numCandidates < 1) {
            throw new IllegalArgumentException("numCandidates must be >= 1, not " + numCandidates);
        }
        stopStrings = List.copyOf(Objects.requireNonNull(stopStrings, "stopStrings"));
        stopTokenIds = List.copyOf(Objects.requireNonNull(stopTokenIds, "stopTokenIds"));
    }

    /**
     * The temperature of candidate {@code row}: the requested one, except that with temperature 0
     * the rows after the first sample at {@link #DIVERSE_TEMPERATURE}, so that an n-best list is not
     * n copies of the greedy answer.
     */
    public double temperatureOfRow(int row) {
        return temperature > 0 || row == 0 ? temperature : DIVERSE_TEMPERATURE;
    }

    /** The seed of candidate {@code row}, derived from the request's seed, so each row samples its own way. */
    public long seedOfRow(int row) {
        return seed + 7919L * row;
    }

    public static GenerationConfig defaults() {
        return new GenerationConfig(64, 0.0, 0, 1.0, 42L, 1, List.of(), List.of());
    }

    public GenerationConfig withMaxNewTokens(int value) {
        return new GenerationConfig(value, temperature, topK, topP, seed, numCandidates, stopStrings, stopTokenIds);
    }

    public GenerationConfig withTemperature(double value) {
        return new GenerationConfig(maxNewTokens, value, topK, topP, seed, numCandidates, stopStrings, stopTokenIds);
    }

    public GenerationConfig withTopK(int value) {
        return new GenerationConfig(maxNewTokens, temperature, value, topP, seed, numCandidates, stopStrings, stopTokenIds);
    }

    public GenerationConfig withTopP(double value) {
        return new GenerationConfig(maxNewTokens, temperature, topK, value, seed, numCandidates, stopStrings, stopTokenIds);
    }

    public GenerationConfig withSeed(long value) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, value, numCandidates, stopStrings, stopTokenIds);
    }

    public GenerationConfig withNumCandidates(int value) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, seed, value, stopStrings, stopTokenIds);
    }

    public GenerationConfig withStopStrings(List<String> value) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, seed, numCandidates, value, stopTokenIds);
    }

    public GenerationConfig withStopTokenIds(List<Integer> value) {
        return new GenerationConfig(maxNewTokens, temperature, topK, topP, seed, numCandidates, stopStrings, value);
    }
}
