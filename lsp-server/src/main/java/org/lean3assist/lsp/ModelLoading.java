package org.lean3assist.lsp;

import java.util.Optional;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.suggest.MathModel;

/** Loads the model the settings name; empty when none is configured. */
final class ModelLoading {

    private ModelLoading() {}

    static Optional<MathModel> load(Settings settings) {
        if (settings.get(Settings.MODEL_PATH).isBlank() && settings.get(Settings.MODEL_REMOTE_URL).isBlank()) {
            return Optional.empty();
        }
        throw new IllegalStateException("model loading is not wired to the model module yet");
    }
}
