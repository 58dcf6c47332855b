package org.lean3assist.model;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a local model directory.
 *
 * @param modelDirectory the directory holding {@code model.onnx} (plus its external data file, if any),
 *                       {@code tokenizer.json} and {@code genai_config.json} or {@code config.json}
 * @param device         {@link Device#CPU} by default
 * @param intraOpThreads ONNX Runtime's intra-op threads; 0 (the default) lets ONNX Runtime choose
 */
public record ModelSettings(Path modelDirectory, Device device, int intraOpThreads) {

    public ModelSettings {
        Objects.requireNonNull(modelDirectory, "modelDirectory");
        Objects.requireNonNull(device, "device");
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("intraOpThreads must be >= 0, not " + intraOpThreads);
        }
    }

    /** CPU, threads chosen by ONNX Runtime. */
    public static ModelSettings of(Path modelDirectory) {
        return new ModelSettings(modelDirectory, Device.CPU, 0);
    }

    public ModelSettings withDevice(Device newDevice) {
        return new ModelSettings(modelDirectory, newDevice, intraOpThreads);
    }

    public ModelSettings withIntraOpThreads(int threads) {
        return new ModelSettings(modelDirectory, device, threads);
    }
}
