package org.lean3assist.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.lean3assist.lsp.ModelLoading;
import org.lean3assist.model.Device;
import org.lean3assist.model.prompt.PromptProfile;
import org.lean3assist.engine.suggest.MathModel;
import picocli.CommandLine.Option;

/** The model options of the one-shot commands. */
final class ModelOptions {

    @Option(names = "--model", paramLabel = "DIR",
            description = "An ONNX model directory (default: LEAN3ASSIST_MODEL_DIR; none: the built-in portfolio only).")
    Path model;

    @Option(names = "--device", paramLabel = "cpu|cuda|auto", defaultValue = "cpu",
            description = "Where the model runs (default ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = "internlm2-math",
            description = "The model's prompt format: internlm2-math, mammoth, arithmo2-mistral or rho-math-interpreter "
                    + "(default ${DEFAULT-VALUE}).")
    String profile;

    /** The configured model, loaded; empty when none is configured. */
    Optional<MathModel> load() {
        PromptProfile prompts = ModelLoading.profile(profile);
        return LeanOptions.modelDirectory(model)
                .map(directory -> ModelLoading.assistant(ModelLoading.local(directory, Device.parse(device)), prompts));
    }

}
