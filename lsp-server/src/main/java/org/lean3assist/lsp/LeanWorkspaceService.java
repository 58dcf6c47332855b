package org.lean3assist.lsp;

import com.google.gson.JsonElement;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeWatchedFilesParams;
import org.eclipse.lsp4j.services.WorkspaceService;

/** Workspace-wide notifications: configuration changes and watched files. */
final class LeanWorkspaceService implements WorkspaceService {

    private final Consumer<JsonElement> settingsChanged;
    private final ServerCommands commands;

    /** @param settingsChanged receives the pushed settings (may be null) whenever the client says they changed */
    LeanWorkspaceService(Consumer<JsonElement> settingsChanged, ServerCommands commands) {
        this.settingsChanged = settingsChanged;
        this.commands = commands;
    }

    @Override
    public CompletableFuture<Object> executeCommand(ExecuteCommandParams params) {
        return commands.execute(params.getCommand(), params.getArguments());
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
