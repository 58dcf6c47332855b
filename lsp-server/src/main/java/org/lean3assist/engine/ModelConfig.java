package org.lean3assist.engine;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.model.Device;

/**
 * Which model the engine asks, however the front end was told: the editor's {@code lean3Assist.model.*}
 * settings or the command line's {@code --model}/{@code --remote-url} options. A remote server wins
 * over a local directory; with neither there is no model and suggestions come from the portfolio.
 *
 * @param directory   a local ONNX model directory
 * @param device      where a local model runs
 * @param remoteUrl   an OpenAI-compatible server's base URL
 * @param remoteModel the model name that server serves
 * @param profile     the prompt profile's name ({@code internlm2-math}, {@code mammoth}, ...)
 */
public record ModelConfig(Optional<Path> directory, Device device, Optional<URI> remoteUrl, String remoteModel,
                          String profile) {

    public static final String DEFAULT_REMOTE_MODEL = "internlm2-math";
    public static final String DEFAULT_PROFILE = "internlm2-math";

    /** No model. */
    public static ModelConfig none() {
        return new ModelConfig(Optional.empty(), Device.CPU, Optional.empty(), DEFAULT_REMOTE_MODEL, DEFAULT_PROFILE);
    }

    /** Whether a model is configured at all. */
    public boolean wanted() {
        return directory.isPresent() || remoteUrl.isPresent();
    }
}
