package org.lean3assist.model.bench;

import java.nio.file.Path;
import org.lean3assist.model.Device;

/**
 * What to measure.
 *
 * @param modelDirectory a model directory, or null (the default) for the tiny model bundled in the jar
 * @param device         default CPU
 * @param intraOpThreads default 0 (ONNX Runtime chooses)
 * @param promptTokens   prompt length; default 128
 * @param newTokens      tokens generated per run (EOS ignored); default 128, the length the cache goal is stated at
 * @param repetitions    timed runs per measurement, the fastest counts (after one warm-up run); 0, the default,
 *                       picks as many as fit in about 10 s, between 3 and 30: small models need many to beat noise
 */
public record BenchOptions(Path modelDirectory, Device device, int intraOpThreads, int promptTokens, int newTokens,
                           int repetitions) {

    public BenchOptions {
        if (promptTokens < 1 || newTokens < 1 || repetitions < 0) {
            throw new IllegalArgumentException("promptTokens and newTokens must be >= 1, repetitions >= 0");
        }
    }

    public static BenchOptions defaults() {
        return new BenchOptions(null, Device.CPU, 0, 128, 128, 0);
    }

    public BenchOptions withModelDirectory(Path value) {
        return new BenchOptions(value, device, intraOpThreads, promptTokens, newTokens, repetitions);
    }

    public BenchOptions withDevice(Device value) {
        return new BenchOptions(modelDirectory, value, intraOpThreads, promptTokens, newTokens, repetitions);
    }

    public BenchOptions withIntraOpThreads(int value) {
        return new BenchOptions(modelDirectory, device, value, promptTokens, newTokens, repetitions);
    }

    public BenchOptions withPromptTokens(int value) {
        return new BenchOptions(modelDirectory, device, intraOpThreads, value, newTokens, repetitions);
    }

    public BenchOptions withNewTokens(int value) {
        return new BenchOptions(modelDirectory, device, intraOpThreads, promptTokens, value, repetitions);
    }

    public BenchOptions withRepetitions(int value) {
        return new BenchOptions(modelDirectory, device, intraOpThreads, promptTokens, newTokens, value);
    }
}
