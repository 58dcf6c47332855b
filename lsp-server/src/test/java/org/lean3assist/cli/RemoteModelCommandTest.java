package org.lean3assist.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lean3assist.engine.EngineParts;
import org.lean3assist.lsp.RecordedLean;

/**
 * {@code suggest --remote-url}: the command line asks a real OpenAI-compatible server on localhost
 * (the JDK's HTTP server, answering as vLLM does), through the same model loading as the editor,
 * and Lean (here its recorded replays of {@code basics.lean}) judges what it wrote.
 */
class RemoteModelCommandTest {

    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private boolean wroteSource;

    @BeforeEach
    void serve() throws IOException {
        // The recordings name basics.lean in a workspace that need not exist; the command line reads
        // the file, so it is written there, with the text Lean was recorded on.
        java.nio.file.Path source = RecordedLean.path("basics");
        if (!java.nio.file.Files.exists(source)) {
            java.nio.file.Files.createDirectories(source.getParent());
            java.nio.file.Files.writeString(source, org.lean3assist.bridge.testing.Recordings.source("basics"));
            wroteSource = true;
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/completions", this::complete);
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        if (wroteSource) {
            java.nio.file.Files.deleteIfExists(RecordedLean.path("basics"));
        }
    }

    /** Two completions: one Lean proves the goal with, one it rejects. */
    private void complete(HttpExchange exchange) throws IOException {
        requests.add(new ObjectMapper().readTree(exchange.getRequestBody()));
        byte[] answer = ("{\"choices\":[{\"text\":\" exact or.swap h\",\"finish_reason\":\"stop\"},"
                + "{\"text\":\" tauto\",\"finish_reason\":\"stop\"}]}").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
        exchange.close();
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Recorded Lean, the real model loading, and the model as the only candidate source. */
    private static EngineParts parts() {
        return RecordedLean.parts("replays/basics.jsonl", List.of())
                .withModel(org.lean3assist.engine.ModelLoading::load)
                .withCandidateSources(model -> model.map(loaded -> List.of(loaded.asCandidateSource())).orElse(List.of()));
    }

    private static CommandLineRun run(EngineParts parts, String... args) {
        return CommandLineRun.of(parts, args);
    }

    @Test
    void suggestAsksTheRemoteServerAndPrintsWhatLeanAccepted() throws Exception {
        String at = RecordedLean.path("basics") + ":15:2";
        var outcome = run(parts(), "suggest", at, "--remote-url", url(), "--remote-model", "served-name",
                "--all", "--json");

        assertEquals(0, outcome.exitCode(), outcome.err());
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertEquals(RecordedLean.recordedGoal("basics", 15, 2), json.get("goal").asText());
        assertEquals(2, json.get("candidates").asInt());
        JsonNode first = json.at("/suggestions/0");
        assertEquals("exact or.swap h", first.get("tactic").asText());
        assertEquals("closes_goal", first.get("status").asText());
        assertEquals("model", first.get("source").asText());
        JsonNode second = json.at("/suggestions/1");
        assertEquals("tauto", second.get("tactic").asText());
        assertEquals(RecordedLean.recordedStatus("basics", 15, 2, "tauto"), second.get("status").asText());

        JsonNode request = requests.get(0);
        assertEquals("served-name", request.get("model").asText());
        assertTrue(request.get("prompt").asText().contains(RecordedLean.recordedGoal("basics", 15, 2)),
                request.get("prompt").asText());
    }

    @Test
    void withoutAllOnlyTheVerifiedOnesArePrintedAsText() {
        var outcome = run(parts(), "suggest", RecordedLean.path("basics") + ":15:2", "--remote-url", url());

        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("Suggestions checked by Lean (1 of 2 candidates accepted):"), outcome.out());
        assertTrue(outcome.out().contains("1. exact or.swap h"), outcome.out());
        assertTrue(outcome.out().contains("[model]"), outcome.out());
        assertTrue(!outcome.out().contains("tauto"), outcome.out());
    }

    @Test
    void aRemoteUrlThatIsNotHttpIsAClearErrorBeforeLeanStarts() {
        var outcome = run(parts(), "suggest", RecordedLean.path("basics") + ":15:2", "--remote-url", "file:///etc/passwd");

        assertEquals(1, outcome.exitCode());
        assertTrue(outcome.err().contains("--remote-url must be an http or https URL"), outcome.err());
        assertEquals(List.of(), requests);
    }

    @Test
    void anUnreachableServerIsAClearErrorAndNothingHangs() {
        String gone = url();
        server.stop(0);
        var outcome = run(parts(), "suggest", RecordedLean.path("basics") + ":15:2", "--remote-url", gone);

        // The model source fails, the others (none here) still count: no candidates, no crash.
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().contains("(none)"), outcome.out());
    }
}
