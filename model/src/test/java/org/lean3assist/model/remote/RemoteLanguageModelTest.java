package org.lean3assist.model.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.Completion;
import org.lean3assist.model.GenerationConfig;
import org.lean3assist.model.MathAssistant;
import org.lean3assist.model.ModelException;
import org.lean3assist.model.ModelException.Reason;
import org.lean3assist.model.ModelSettings;
import org.lean3assist.model.OnnxLanguageModel;
import org.lean3assist.model.TacticSuggestion;
import org.lean3assist.model.TinyModel;
import org.lean3assist.model.generate.GeneratedSequence;
import org.lean3assist.model.generate.GenerationResult;
import org.lean3assist.model.prompt.PromptProfile;

/**
 * The remote client against a real HTTP server on localhost. Its {@code /v1/completions} answers come from the tiny
 * ONNX model, so the remote backend must give what the local one gives.
 */
class RemoteLanguageModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static OnnxLanguageModel tinyModel;
    private static HttpServer server;
    private static final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        tinyModel = OnnxLanguageModel.load(ModelSettings.of(TinyModel.directory()).withIntraOpThreads(1));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/v1/completions", RemoteLanguageModelTest::completions);
        server.createContext("/slow/v1/completions", exchange -> {
            sleep(3000);
            respond(exchange, 200, "{}");
        });
        server.createContext("/broken/v1/completions", exchange -> respond(exchange, 500, "CUDA out of memory"));
        server.createContext("/html/v1/completions", exchange -> respond(exchange, 200, "<html>hello</html>"));
        server.createContext("/nochoices/v1/completions", exchange -> respond(exchange, 200, "{\"object\":\"error\"}"));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        tinyModel.close();
    }

    /** An OpenAI-style completions endpoint served by the tiny model. */
    private static void completions(HttpExchange exchange) throws IOException {
        JsonNode request = JSON.readTree(exchange.getRequestBody());
        requests.add(request);
        List<String> stops = new ArrayList<>();
        request.path("stop").forEach(stop -> stops.add(stop.asText()));
        GenerationConfig config = GenerationConfig.defaults()
                .withMaxNewTokens(request.path("max_tokens").asInt(16))
                .withTemperature(request.path("temperature").asDouble(0))
                .withTopP(request.path("top_p").asDouble(1))
                .withTopK(request.path("top_k").asInt(0))
                .withSeed(request.path("seed").asLong(0))
                .withStopStrings(stops);
        GenerationResult result = tinyModel.generate(request.get("prompt").asText(), config, CancelCheck.NEVER);
        ObjectNode body = JSON.createObjectNode();
        body.put("object", "text_completion");
        ArrayNode choices = body.putArray("choices");
        for (GeneratedSequence sequence : result.sequences()) {
            ObjectNode choice = choices.addObject();
            choice.put("text", sequence.text());
            choice.put("index", choices.size() - 1);
            choice.putObject("logprobs").putArray("token_logprobs").add(sequence.logProb());
            choice.put("finish_reason", sequence.finishReason().name().equals("MAX_NEW_TOKENS") ? "length" : "stop");
        }
        body.putObject("usage").put("completion_tokens", result.generatedTokens());
        respond(exchange, 200, body.toString());
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static URI base(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void remoteAssistantSuggestsLikeTheLocalOne() {
        GenerationConfig config = GenerationConfig.defaults().withMaxNewTokens(24).withSeed(11);
        String state = "p q : Prop,\nhp : p,\nhq : q\n⊢ q ∧ p";
        try (RemoteLanguageModel remote = RemoteLanguageModel.create(RemoteSettings.of(base(""), "tiny"))) {
            List<TacticSuggestion> viaServer = new MathAssistant(remote, PromptProfile.INTERNLM2_MATH, config)
                    .suggestTactics(state, 4, CancelCheck.NEVER);
            List<TacticSuggestion> local = new MathAssistant(tinyModel, PromptProfile.INTERNLM2_MATH, config)
                    .suggestTactics(state, 4, CancelCheck.NEVER);
            assertEquals(local.stream().map(TacticSuggestion::tactic).toList(),
                    viaServer.stream().map(TacticSuggestion::tactic).toList());
            for (int i = 0; i < local.size(); i++) {
                assertEquals(local.get(i).logProb(), viaServer.get(i).logProb(), 1e-3);
            }
        }
    }

    @Test
    void requestCarriesTheOpenAiFields() {
        requests.clear();
        GenerationConfig config = GenerationConfig.defaults().withMaxNewTokens(5).withTopK(3)
                .withStopStrings(List.of("<|im_end|>", "\n"));
        try (RemoteLanguageModel remote = RemoteLanguageModel.create(RemoteSettings.of(base("/v1"), "internlm2"))) {
            List<Completion> completions = remote.complete("<|im_start|>user\nhi<|im_end|>\n", config,
                    CancelCheck.NEVER);
            assertEquals(1, completions.size());
        }
        JsonNode request = requests.get(0);
        assertEquals("internlm2", request.get("model").asText());
        assertEquals(5, request.get("max_tokens").asInt());
        assertEquals(3, request.get("top_k").asInt());
        assertEquals(1, request.get("n").asInt());
        assertEquals(42, request.get("seed").asLong());
        assertEquals("\n", request.get("stop").get(1).asText());
    }

    @Test
    void timeoutIsItsOwnError() {
        try (RemoteLanguageModel remote = RemoteLanguageModel.create(
                RemoteSettings.of(base("/slow"), "tiny").withTimeout(Duration.ofMillis(300)))) {
            ModelException error = assertThrows(ModelException.class,
                    () -> remote.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER));
            assertEquals(Reason.REMOTE_TIMEOUT, error.reason());
            assertTrue(error.getMessage().contains("300 ms"), error.getMessage());
        }
    }

    @Test
    void serverErrorStatusIsReportedWithItsBody() {
        try (RemoteLanguageModel remote = RemoteLanguageModel.create(RemoteSettings.of(base("/broken"), "tiny"))) {
            ModelException error = assertThrows(ModelException.class,
                    () -> remote.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER));
            assertEquals(Reason.REMOTE_UNAVAILABLE, error.reason());
            assertTrue(error.getMessage().contains("HTTP 500: CUDA out of memory"), error.getMessage());
        }
    }

    @Test
    void notJsonAndNoChoicesAreBadResponses() {
        for (String path : List.of("/html", "/nochoices")) {
            try (RemoteLanguageModel remote = RemoteLanguageModel.create(RemoteSettings.of(base(path), "tiny"))) {
                ModelException error = assertThrows(ModelException.class,
                        () -> remote.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER));
                assertEquals(Reason.REMOTE_BAD_RESPONSE, error.reason(), path);
            }
        }
    }

    @Test
    void nobodyListeningIsUnavailable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (RemoteLanguageModel remote = RemoteLanguageModel.create(
                RemoteSettings.of(URI.create("http://127.0.0.1:" + port), "tiny"))) {
            ModelException error = assertThrows(ModelException.class,
                    () -> remote.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER));
            assertEquals(Reason.REMOTE_UNAVAILABLE, error.reason());
            assertTrue(error.getMessage().contains(String.valueOf(port)), error.getMessage());
        }
    }

    @Test
    void cancellationStopsWaiting() {
        try (RemoteLanguageModel remote = RemoteLanguageModel.create(RemoteSettings.of(base("/slow"), "tiny"))) {
            // Without cancellation the slow endpoint's "{}" would end in REMOTE_BAD_RESPONSE after 3 s.
            long[] checks = {0};
            List<Completion> completions = remote.complete("x", GenerationConfig.defaults(),
                    () -> ++checks[0] > 3);
            assertTrue(completions.isEmpty());
        }
    }

    @Test
    void useAfterCloseThrows() {
        RemoteLanguageModel remote = RemoteLanguageModel.create(RemoteSettings.of(base(""), "tiny"));
        remote.close();
        assertEquals(Reason.CLOSED, assertThrows(ModelException.class,
                () -> remote.complete("x", GenerationConfig.defaults(), CancelCheck.NEVER)).reason());
    }

    @Test
    void completionsUriAcceptsRootOrV1() {
        assertEquals(URI.create("http://h:8000/v1/completions"),
                RemoteSettings.of(URI.create("http://h:8000/"), "m").completionsUri());
        assertEquals(URI.create("http://h:8000/v1/completions"),
                RemoteSettings.of(URI.create("http://h:8000/v1"), "m").completionsUri());
    }
}
