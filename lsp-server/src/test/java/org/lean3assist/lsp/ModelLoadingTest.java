package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lean3assist.engine.ModelLoading;
import org.lean3assist.lsp.settings.Settings;

/** The model settings reach a real OpenAI-style completions server on localhost as they should. */
class ModelLoadingTest {

    private record Received(JsonNode body, String authorization) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", this::complete);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void complete(HttpExchange exchange) throws IOException {
        received.add(new Received(new ObjectMapper().readTree(exchange.getRequestBody()),
                exchange.getRequestHeaders().getFirst("Authorization")));
        byte[] answer = "{\"choices\":[{\"text\":\" trivial\",\"finish_reason\":\"stop\"}]}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private Settings settings(String json) {
        return Settings.fromJson(JsonParser.parseString(json.replace("URL", "http://127.0.0.1:" + server.getAddress().getPort())));
    }

    @Test
    void theRemoteModelGetsTheServedNameTheProfilesPromptAndTheKeyFromTheEnvironment() {
        var settings = settings("{\"model\": {\"remoteUrl\": \"URL\", \"remoteModel\": \"my-served-name\", \"profile\": \"mammoth\"}}");
        try (var model = ModelLoading.load(ServerSession.modelConfig(settings), Map.of(ModelLoading.API_KEY_VARIABLE, "sekrit")::get).orElseThrow()) {
            List<String> tactics = model.suggestTactics("⊢ true", 1, () -> false);

            assertEquals(List.of("trivial"), tactics);
            Received request = received.get(0);
            assertEquals("my-served-name", request.body().get("model").asText());
            String prompt = request.body().get("prompt").asText();
            assertTrue(prompt.startsWith("Below is an instruction that describes a task."), prompt);
            assertTrue(prompt.contains("Given the Lean 3 tactic state, suggest a next tactic:\n⊢ true"), prompt);
            assertEquals("Bearer sekrit", request.authorization());
        }
    }

    @Test
    void byDefaultItIsInternLm2MathWithItsChatFormatAndNoKey() {
        var settings = settings("{\"model\": {\"remoteUrl\": \"URL\"}}");
        try (var model = ModelLoading.load(ServerSession.modelConfig(settings), Map.<String, String>of()::get).orElseThrow()) {
            model.suggestTactics("⊢ true", 1, () -> false);

            Received request = received.get(0);
            assertEquals("internlm2-math", request.body().get("model").asText());
            assertTrue(request.body().get("prompt").asText().startsWith("<|im_start|>user\n"), request.body().toString());
            assertNull(request.authorization());
        }
    }

    @Test
    void aProfileWithoutTheLeanTasksSolvesOnlyAndSaysSo() {
        var error = assertThrows(IllegalArgumentException.class, () -> ModelLoading.profile("mammoth-potx"));
        assertTrue(error.getMessage().contains("internlm2-math"), error.getMessage());

        var settings = settings("{\"model\": {\"profile\": \"mammoth-pot\"}}");
        assertEquals("mammoth-pot", settings.get(Settings.MODEL_PROFILE));
        var model = ModelLoading.assistant(ModelLoading.local(org.lean3assist.model.BundledTinyModel.extract(),
                org.lean3assist.model.Device.CPU), ModelLoading.profile("mammoth-pot"));
        assertEquals(java.util.List.of(), model.suggestTactics("⊢ true", 4, org.lean3assist.engine.Cancellation.NEVER),
                "no tactics from a model prompted for programs");
        var refused = assertThrows(UnsupportedOperationException.class,
                () -> model.formalize("two is even", 1, org.lean3assist.engine.Cancellation.NEVER));
        assertTrue(refused.getMessage().contains("'mammoth-pot' has no prompt for formalize"), refused.getMessage());
        assertEquals(java.util.Optional.of(org.lean3assist.model.solve.SolveMode.PROGRAM), model.solveMode());
        model.close();
    }

    @Test
    void everyProfileTheSettingOffersIsKnownAndSolves() {
        for (String name : Settings.MODEL_PROFILE.allowed()) {
            assertTrue(ModelLoading.profile(name).supports(org.lean3assist.model.prompt.PromptTask.SOLVE), name);
        }
        assertEquals(org.lean3assist.model.prompt.PromptProfile.ALL.stream().map(p -> p.name()).sorted().toList(),
                Settings.MODEL_PROFILE.allowed().stream().sorted().toList(), "every profile can be chosen");
    }
}
