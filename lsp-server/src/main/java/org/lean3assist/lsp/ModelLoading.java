package org.lean3assist.lsp;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.model.Device;
import org.lean3assist.model.GenerationConfig;
import org.lean3assist.model.LanguageModel;
import org.lean3assist.model.MathAssistant;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.remote.RemoteLanguageModel;
import org.lean3assist.model.remote.RemoteSettings;
import org.lean3assist.suggest.AssistantModel;
import org.lean3assist.suggest.MathModel;

/**
 * Loads the model the settings name: a remote server when {@code model.remoteUrl} is set, else the
 * local directory {@code model.path}; empty when neither is. Failures are exceptions with the
 * model module's own clear message.
 */
public final class ModelLoading {

    /** The served model's name sent to remote servers; vLLM and TGI need it, llama.cpp ignores it. */
    static final String REMOTE_MODEL_NAME = "internlm2-math";

    private ModelLoading() {}

    public static Optional<MathModel> load(Settings settings) {
        String remoteUrl = settings.get(Settings.MODEL_REMOTE_URL);
        String path = settings.get(Settings.MODEL_PATH);
        LanguageModel model;
        if (!remoteUrl.isBlank()) {
            model = RemoteLanguageModel.create(RemoteSettings.of(URI.create(remoteUrl), REMOTE_MODEL_NAME));
        } else if (!path.isBlank()) {
            model = local(Path.of(path), Device.parse(settings.get(Settings.MODEL_DEVICE)));
        } else {
            return Optional.empty();
        }
        return Optional.of(assistant(model));
    }

    /** A local ONNX model directory on a device. */
    public static LanguageModel local(Path directory, Device device) {
        return OnnxLanguageModel.load(ModelSettings.of(directory).withDevice(device));
    }

    /** The server's view of a model, with InternLM2-Math's prompts and sampled candidates. */
    public static MathModel assistant(LanguageModel model) {
        return new AssistantModel(new MathAssistant(model, PromptProfile.INTERNLM2_MATH, GenerationConfig.defaults()));
    }
}
