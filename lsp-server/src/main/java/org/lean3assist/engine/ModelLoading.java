package org.lean3assist.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.lean3assist.model.Device;
import org.lean3assist.model.GenerationConfig;
import org.lean3assist.model.LanguageModel;
import org.lean3assist.model.MathAssistant;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.model.prompt.PromptTask;
import org.lean3assist.model.remote.RemoteLanguageModel;
import org.lean3assist.model.remote.RemoteSettings;
import org.lean3assist.engine.suggest.AssistantModel;
import org.lean3assist.engine.suggest.MathModel;

/**
 * Loads the model a {@link ModelConfig} names: a remote server when it has a URL, else the local
 * directory; empty when it has neither. Either way it speaks through the config's prompt profile.
 * Failures are exceptions with the model module's own clear message. The server and the command
 * line both load through here.
 */
public final class ModelLoading {

    /** The environment variable a remote server's API key is read from; settings files are no place for secrets. */
    public static final String API_KEY_VARIABLE = "LEAN3ASSIST_REMOTE_API_KEY";

    private ModelLoading() {}

    public static Optional<MathModel> load(ModelConfig config) {
        return load(config, System::getenv);
    }

    public static Optional<MathModel> load(ModelConfig config, UnaryOperator<String> environment) {
        PromptProfile profile = profile(config.profile());
        LanguageModel model;
        if (config.remoteUrl().isPresent()) {
            String apiKey = environment.apply(API_KEY_VARIABLE);
            var remote = RemoteSettings.of(config.remoteUrl().get(), config.remoteModel());
            model = RemoteLanguageModel.create(apiKey == null || apiKey.isBlank() ? remote : remote.withApiKey(apiKey));
        } else if (config.directory().isPresent()) {
            model = local(config.directory().get(), config.device());
        } else {
            return Optional.empty();
        }
        return Optional.of(assistant(model, profile));
    }

    /**
     * The prompt profile of a name. A profile without the Lean tasks (MAmmoTH's program-of-thought) loads for
     * solving word problems only: its model offers no tactics, and formalizing with it is refused by name.
     *
     * @throws IllegalArgumentException for an unknown name; the message lists the known ones
     */
    public static PromptProfile profile(String name) {
        return PromptProfile.byName(name);
    }

    /** A local ONNX model directory on a device. */
    public static LanguageModel local(Path directory, Device device) {
        return OnnxLanguageModel.load(ModelSettings.of(directory).withDevice(device));
    }

    /** The server's view of a model, with InternLM2-Math's prompts and sampled candidates. */
    public static MathModel assistant(LanguageModel model) {
        return assistant(model, PromptProfile.INTERNLM2_MATH);
    }

    /** The server's view of a model speaking through {@code profile}. */
    public static MathModel assistant(LanguageModel model, PromptProfile profile) {
        return new AssistantModel(new MathAssistant(model, profile, GenerationConfig.defaults()));
    }
}
