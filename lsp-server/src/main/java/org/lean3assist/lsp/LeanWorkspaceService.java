package org.lean3assist.lsp;

import com.google.gson.JsonElement;
import java.util.function.Consumer;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace-wide notifications: configuration changes and watched files. */
final class LeanWorkspaceService implements WorkspaceService {

    private final Consumer<JsonElement> settingsChanged;

    /** @param settingsChanged receives the pushed settings (may be null) whenever the client says they changed */
    LeanWorkspaceService(Consumer<JsonElement> settingsChanged) {
        this.settingsChanged = settingsChanged;
    }

    @Override
    public void didChangeConfiguration(DidChangeConfigurationParams params) {
        settingsChanged.accept(params.getSettings() instanceof JsonElement json ? json : null);
    }

    @Override
    public void didChangeWatchedFiles(DidChangeWatchedFilesParams params) {
        // No file watching is registered.
    }
}
