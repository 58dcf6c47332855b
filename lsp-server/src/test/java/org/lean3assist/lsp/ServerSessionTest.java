package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonParser;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.engine.ModelConfig;
import org.lean3assist.lsp.settings.Settings;
import org.lean3assist.model.Device;

/** The editor's settings as the engine's configuration: the bridge's settings and the model's. */
class ServerSessionTest {

    private static Settings settings(String json) {
        return Settings.fromJson(JsonParser.parseString(json));
    }

    @Test
    void theCheckersSettingSizesEachProjectsPoolUpToEight() {
        assertEquals(LeanBridgeSettings.defaults().replayConcurrency(),
                ServerSession.bridgeSettings(Settings.defaults()).replayConcurrency());
        assertEquals(3, ServerSession.bridgeSettings(settings("{\"lean\": {\"checkers\": 3}}")).replayConcurrency());
        assertEquals(Settings.MAX_CHECKERS,
                ServerSession.bridgeSettings(settings("{\"lean\": {\"checkers\": 50}}")).replayConcurrency());
    }

    @Test
    void theModelSettingsBecomeTheEnginesModelConfig() {
        assertEquals(ModelConfig.none(), ServerSession.modelConfig(Settings.defaults()));
        var remote = ServerSession.modelConfig(settings(
                "{\"model\": {\"remoteUrl\": \"http://localhost:8000/v1\", \"remoteModel\": \"served\", \"profile\": \"mammoth\"}}"));
        assertEquals(new ModelConfig(Optional.empty(), Device.CPU, Optional.of(URI.create("http://localhost:8000/v1")),
                "served", "mammoth"), remote);
        var local = ServerSession.modelConfig(settings("{\"model\": {\"path\": \"models/internlm2\", \"device\": \"cuda\"}}"));
        assertEquals(Optional.of(Path.of("models/internlm2")), local.directory());
        assertEquals(Device.CUDA, local.device());
    }
}
