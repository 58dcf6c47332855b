package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.InitializedParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.WorkspaceClientCapabilities;
import org.junit.jupiter.api.Test;
import org.lean3assist.lsp.settings.Settings;

class ConfigurationTest {

    private static ClientCapabilities withConfiguration() {
        var workspace = new WorkspaceClientCapabilities();
        workspace.setConfiguration(true);
        var capabilities = new ClientCapabilities();
        capabilities.setWorkspace(workspace);
        return capabilities;
    }

    @Test
    void settingsArePulledAfterInitializedAndAgainWhenTheClientSaysTheyChanged() throws Exception {
        try (var client = new LspTestClient()) {
            client.configuration = JsonParser.parseString("{\"suggestions\": {\"count\": 3}}");
            client.initialize(withConfiguration());
            client.remote.initialized(new InitializedParams());
            LspTestClient.await("count 3", () -> client.server.settings().get(Settings.SUGGESTIONS_COUNT) == 3);

            client.configuration = JsonParser.parseString("{\"suggestions\": {\"count\": 5}, \"model\": {\"device\": \"auto\"}}");
            client.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(new com.google.gson.JsonObject()));
            LspTestClient.await("count 5", () -> client.server.settings().get(Settings.SUGGESTIONS_COUNT) == 5);
            assertEquals("auto", client.server.settings().get(Settings.MODEL_DEVICE));
        }
    }

    @Test
    void aClientWithoutConfigurationSupportPushesItsSettings() throws Exception {
        try (var client = new LspTestClient()) {
            client.initialize();
            client.remote.initialized(new InitializedParams());
            client.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"lean3Assist\": {\"suggestions\": {\"onHover\": false}}}")));
            LspTestClient.await("onHover off", () -> !client.server.settings().get(Settings.SUGGESTIONS_ON_HOVER));
        }
    }

    @Test
    void badSettingsAreNamedToTheUserAndTheServerKeepsItsDefaults() throws Exception {
        try (var client = new LspTestClient()) {
            client.configuration = JsonParser.parseString("{\"model\": {\"device\": \"tpu\"}}");
            client.initialize(withConfiguration());
            client.remote.initialized(new InitializedParams());
            LspTestClient.await("a warning", () -> !client.logMessages.isEmpty());

            var warning = client.logMessages.get(0);
            assertEquals(MessageType.Warning, warning.getType());
            assertTrue(warning.getMessage().contains("lean3Assist.model.device must be one of [cpu, cuda, auto]"),
                    warning.getMessage());
            assertEquals("cpu", client.server.settings().get(Settings.MODEL_DEVICE));
        }
    }
}
