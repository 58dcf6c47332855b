package org.lean3assist.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.engine.ModelConfig;
import org.lean3assist.engine.ModelLoading;
import org.lean3assist.model.Device;
import picocli.CommandLine.Option;

/**
 * The model options of the one-shot commands: the same choices as the editor's
 * {@code lean3Assist.model.*} settings, loaded by the same {@link ModelLoading}.
 */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR",
            description = "An ONNX model directory (default: LEAN3ASSIST_MODEL_DIR; none: the built-in portfolio only).")
    Path model;

    @Option(names = "--device", paramLabel = "cpu|cuda|auto", defaultValue = "cpu",
            description = "Where the model runs (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--remote-url", paramLabel = "URL",
            description = "An OpenAI-compatible server (e.g. http://localhost:8000/v1) to ask instead of a local model; "
                    + "its API key, if any, is read from " + ModelLoading.API_KEY_VARIABLE + ".")
    URI remoteUrl;

    @Option(names = "--remote-model", paramLabel = "NAME", defaultValue = ModelConfig.DEFAULT_REMOTE_MODEL,
            description = "The model name the remote server serves (default ${DEFAULT-VALUE}).")
    String remoteModel;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = ModelConfig.DEFAULT_PROFILE,
            description = "The model's prompt format: internlm2-math, mammoth, mammoth-pot, arithmo2-mistral or rho-math-interpreter "
                    + "(default ${DEFAULT-VALUE}).")
    String profile;

    /**
     * The configured model; none when neither a directory nor a server is given.
     *
     * @throws IllegalArgumentException for an unknown device or profile, or a URL that is not http(s)
     */
    ModelConfig config() {
        ModelLoading.profile(profile);
        if (remoteUrl != null && !("http".equals(remoteUrl.getScheme()) || "https".equals(remoteUrl.getScheme()))) {
            throw new IllegalArgumentException("--remote-url must be an http or https URL, not '" + remoteUrl + "'");
        }
        return new ModelConfig(LeanOptions.modelDirectory(model), Device.parse(device), Optional.ofNullable(remoteUrl),
                remoteModel, profile);
    }
}
