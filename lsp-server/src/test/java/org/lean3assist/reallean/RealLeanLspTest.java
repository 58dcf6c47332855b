package org.lean3assist.reallean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.TextDocumentItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.lsp.Protocol;
import org.lean3assist.lsp.RealLeanHarness;

/** The recorded-Lean LSP checks again, against a real Lean 3 when one is installed. */
@EnabledIf(value = "org.lean3assist.reallean.RealLean#available", disabledReason = RealLean.SKIP_REASON)
class RealLeanLspTest {

    @TempDir
    Path workspace;

    private Path copy(String name) throws java.io.IOException {
        Path file = workspace.resolve(name + ".lean");
        Files.writeString(file, Recordings.source(name));
        return file;
    }

    @Test
    void diagnosticsEqualWhatLeanRecorded() throws Exception {
        Path errors = copy("errors");
        try (var harness = RealLeanHarness.start(List.of())) {
            harness.client().remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(errors.toUri().toString(), "lean", 1, Recordings.source("errors"))));
            Set<String> expected = new TreeSet<>();
            for (JsonNode message : Recordings.withVirtualWorkspace().json("cli/errors.json").get("messages")) {
                expected.add((message.get("pos_line").asInt() - 1) + " " + message.get("severity").asText());
            }
            // Lean reports messages as it checks, and the server publishes them as they come (on a
            // busy machine in more than one batch): the last publish is compared, once checking is over.
            Set<String> actual = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            do {
                var published = harness.awaitDiagnostics(errors.toUri().toString());
                actual.clear();
                published.getDiagnostics().forEach(d -> actual.add(d.getRange().getStart().getLine() + " "
                        + d.getSeverity().name().toLowerCase(java.util.Locale.ROOT)));
                Thread.sleep(actual.equals(expected) ? 0 : 200);
            } while (!actual.equals(expected) && System.nanoTime() < deadline);
            assertEquals(expected, actual);
        }
    }

    @Test
    void theSuggestCommandGivesLeansRecordedVerdicts() throws Exception {
        Path basics = copy("basics");
        try (var harness = RealLeanHarness.start(List.of(harness().recorded("basics")))) {
            harness.client().remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(basics.toUri().toString(), "lean", 1, Recordings.source("basics"))));
            harness.awaitDiagnostics(basics.toUri().toString());
            var arguments = new JsonObject();
            arguments.addProperty("uri", basics.toUri().toString());
            arguments.add("position", new Gson().toJsonTree(new Position(5, 2)));
            arguments.addProperty("k", 20);

            Object reply = harness.client().remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.SUGGEST_TACTICS, List.of(arguments))).get(300, TimeUnit.SECONDS);
            var result = new Gson().fromJson(new Gson().toJsonTree(reply), Protocol.SuggestResult.class);

            assertEquals(harness().recordedGoal("basics", 6, 2), result.goal());
            assertEquals(10, result.suggestions().size());
            for (var item : result.suggestions()) {
                String expected = item.tactic().equals("sorry") ? "rejected" : harness().recordedStatus("basics", 6, 2, item.tactic());
                assertEquals(expected, item.status(), item.toString());
            }
            assertTrue(result.suggestions().get(0).status().equals("closes_goal"));
        }
    }

    @Test
    void theProveCommandGivesAnEditThatProvesTheExercise() throws Exception {
        String source = Files.readString(Path.of(System.getProperty("lean3assist.root", "..")).resolve("examples/prove.lean"));
        Path file = workspace.resolve("prove.lean");
        Files.writeString(file, source);
        try (var harness = RealLeanHarness.start(List.of())) {
            harness.client().remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(file.toUri().toString(), "lean", 1, source)));
            harness.awaitDiagnostics(file.toUri().toString());
            var arguments = new JsonObject();
            arguments.addProperty("uri", file.toUri().toString());
            arguments.add("position", new Gson().toJsonTree(new Position(4, 3)));

            Object reply = harness.client().remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.PROVE, List.of(arguments))).get(300, TimeUnit.SECONDS);
            var result = new Gson().fromJson(new Gson().toJsonTree(reply), Protocol.ProveResult.class);

            assertTrue(result.proved(), result.toString());
            assertEquals("proved", result.stop());
            // From the sorry to the block's end, which the edit re-indents.
            assertEquals(new Position(4, 2), result.edit().range().getStart());
            assertEquals(new Position(5, 0), result.edit().range().getEnd());
            assertEquals(result.proof() + "\n", result.edit().newText());
        }
    }

    @Test
    void whereNoSingleTacticClosesTheGoalTheHoverListsAProofFoundBySearchFirst() throws Exception {
        String source = Files.readString(Path.of(System.getProperty("lean3assist.root", "..")).resolve("examples/prove.lean"));
        Path file = workspace.resolve("prove.lean");
        Files.writeString(file, source);
        int line = java.util.Arrays.asList(source.split("\n", -1)).indexOf("theorem two_substs (a b : ℕ) (h₁ : a = b) (h₂ : b = 3) : a + 0 = 3 :=") + 2;
        try (var harness = RealLeanHarness.start(List.of())) {
            String uri = file.toUri().toString();
            harness.client().remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "lean", 1, source)));
            harness.awaitDiagnostics(uri);
            var at = new org.eclipse.lsp4j.HoverParams(new org.eclipse.lsp4j.TextDocumentIdentifier(uri), new Position(line, 2));
            String[] markdown = {""};
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
            while (!markdown[0].contains("Proof found by search") && System.nanoTime() < deadline) {
                Thread.sleep(500);
                markdown[0] = harness.client().remote.getTextDocumentService().hover(at).get(60, TimeUnit.SECONDS)
                        .getContents().getRight().getValue();
            }
            String shown = markdown[0];
            assertTrue(shown.contains("Proof found by search"), shown);
            assertTrue(shown.indexOf("Proof found by search") < shown.indexOf("**Suggestions"), "listed first: " + shown);
            assertTrue(shown.contains("```lean\nsubst"), "the proof as one block: " + shown);

            var actions = harness.client().remote.getTextDocumentService().codeAction(new org.eclipse.lsp4j.CodeActionParams(
                    new org.eclipse.lsp4j.TextDocumentIdentifier(uri), new org.eclipse.lsp4j.Range(new Position(line, 2),
                    new Position(line, 2)), new org.eclipse.lsp4j.CodeActionContext(List.of()))).get(60, TimeUnit.SECONDS);
            var first = actions.get(0).getRight();
            assertTrue(first.getTitle().startsWith("Insert proof found by search"), actions.toString());
            assertTrue(first.getIsPreferred());
        }
    }

    @Test
    void hoverShowsTheGoalInsideBeginEndAndAtATermModeBy() throws Exception {
        Path basics = copy("basics");
        try (var harness = RealLeanHarness.start(List.of())) {
            String uri = basics.toUri().toString();
            harness.client().remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                    new TextDocumentItem(uri, "lean", 1, Recordings.source("basics"))));
            harness.awaitDiagnostics(uri);

            for (int[] at : new int[][] {{8, 2}, {91, 55}}) {
                var hover = harness.client().remote.getTextDocumentService().hover(new org.eclipse.lsp4j.HoverParams(
                        new org.eclipse.lsp4j.TextDocumentIdentifier(uri), new Position(at[0] - 1, at[1])))
                        .get(60, TimeUnit.SECONDS);
                String markdown = hover.getContents().getRight().getValue();
                assertTrue(markdown.startsWith("```lean\n" + harness().recordedGoal("basics", at[0], at[1]) + "\n```"),
                        at[0] + ":" + at[1] + " " + markdown);
            }
        }
    }

    private static RealLeanHarness.Data harness() {
        return RealLeanHarness.DATA;
    }
}
