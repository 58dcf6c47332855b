package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.Suggestion;
import org.eclipse.lsp4j.ClientCapabilities;
import org.eclipse.lsp4j.DidChangeConfigurationParams;
import org.eclipse.lsp4j.DidChangeTextDocumentParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentContentChangeEvent;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.VersionedTextDocumentIdentifier;
import org.eclipse.lsp4j.WindowClientCapabilities;
import org.eclipse.lsp4j.WorkDoneProgressBegin;
import org.eclipse.lsp4j.WorkDoneProgressEnd;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.engine.suggest.CandidateSource;

class ProgressAndCancellationTest {

    private static void open(LspTestClient client) {
        client.remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(RecordedLean.uri("basics"), "lean", 1, Recordings.source("basics"))));
    }

    @Test
    void checkingShowsWorkDoneProgressAndTheStatusWhenTheClientSupportsIt() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            var window = new WindowClientCapabilities();
            window.setWorkDoneProgress(true);
            var capabilities = new ClientCapabilities();
            capabilities.setWindow(window);
            client.initialize(capabilities);
            open(client);

            LspTestClient.await("progress to end", () -> client.progress.stream()
                    .anyMatch(p -> p.getValue().getLeft() instanceof WorkDoneProgressEnd));
            var begin = client.progress.stream().map(p -> p.getValue().getLeft())
                    .filter(WorkDoneProgressBegin.class::isInstance).map(WorkDoneProgressBegin.class::cast).findFirst();
            assertEquals("Checking basics.lean", begin.orElseThrow().getTitle());
            LspTestClient.await("status ready", () -> !client.statuses.isEmpty()
                    && client.statuses.get(client.statuses.size() - 1).lean().equals("ready"));
            assertTrue(client.statuses.stream().anyMatch(status -> status.lean().equals("checking")), client.statuses.toString());
            var last = client.statuses.get(client.statuses.size() - 1);
            assertEquals("none", last.model());
            // The project's replays are confined as its checker pool says, and the status says so.
            assertEquals(false, last.sandboxed());
            assertEquals("recorded checker", last.sandbox());
        }
    }

    @Test
    void withoutProgressSupportNothingIsSentButCheckingStillHappens() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            open(client);
            LspTestClient.await("diagnostics", () -> !client.diagnostics.isEmpty());
            assertEquals(List.of(), client.progress);
        }
    }

    @Test
    void anEditCancelsTheSuggestionsOfTheOldVersion() throws Exception {
        var started = new CountDownLatch(1);
        var cancelled = new CountDownLatch(1);
        CandidateSource waitsUntilCancelled = new CandidateSource() {
            @Override
            public Suggestion.Source source() {
                return Suggestion.Source.MODEL;
            }

            @Override
            public List<String> candidates(GoalAtPosition goal, int limit, Cancellation isCancelled) {
                started.countDown();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!isCancelled.isCancelled() && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                if (isCancelled.isCancelled()) {
                    cancelled.countDown();
                }
                return List.of();
            }
        };
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of(waitsUntilCancelled)))) {
            client.initialize();
            // A long check delay keeps the edited text away from the recorded Lean, which never saw it.
            client.remote.getWorkspaceService().didChangeConfiguration(new DidChangeConfigurationParams(
                    JsonParser.parseString("{\"lean\": {\"checkDelayMs\": 600000}}")));
            open(client);
            LspTestClient.await("diagnostics", () -> !client.diagnostics.isEmpty());

            String uri = RecordedLean.uri("basics");
            client.remote.getTextDocumentService().hover(new HoverParams(new TextDocumentIdentifier(uri), new Position(7, 4)))
                    .get(30, TimeUnit.SECONDS);
            assertTrue(started.await(30, TimeUnit.SECONDS), "the hover started the suggestions");

            client.remote.getTextDocumentService().didChange(new DidChangeTextDocumentParams(
                    new VersionedTextDocumentIdentifier(uri, 2),
                    List.of(new TextDocumentContentChangeEvent("-- edited\n" + Recordings.source("basics")))));

            assertTrue(cancelled.await(30, TimeUnit.SECONDS), "the edit cancelled the work on version 1");
        }
    }
}
