package org.lean3assist.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.lsp4j.CodeActionContext;
import org.eclipse.lsp4j.CodeActionParams;
import org.eclipse.lsp4j.DidOpenTextDocumentParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextDocumentIdentifier;
import org.eclipse.lsp4j.TextDocumentItem;
import org.eclipse.lsp4j.TextEdit;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.PositionConverter;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.LeanStarter;

/**
 * The language server end to end over LSP4J's real transport, with Lean replaying recorded Lean
 * 3.51.1 sessions. Every expected value comes from the recordings.
 */
class RecordedLeanLspTest {

    private static final long WAIT = 30;

    private static void open(LspTestClient client, String name) {
        client.remote.getTextDocumentService().didOpen(new DidOpenTextDocumentParams(
                new TextDocumentItem(RecordedLean.uri(name), "lean", 1, Recordings.source(name))));
    }

    private static PublishDiagnosticsParams awaitDiagnostics(LspTestClient client, String uri) throws InterruptedException {
        LspTestClient.await("diagnostics for " + uri, () -> client.diagnostics.stream().anyMatch(d -> d.getUri().equals(uri)));
        return client.diagnostics.stream().filter(d -> d.getUri().equals(uri)).reduce((first, second) -> second).orElseThrow();
    }

    private static String hover(LspTestClient client, String name, int leanLine, int utf16Character) throws Exception {
        var hover = client.remote.getTextDocumentService().hover(new HoverParams(
                new TextDocumentIdentifier(RecordedLean.uri(name)), new Position(leanLine - 1, utf16Character)))
                .get(WAIT, TimeUnit.SECONDS);
        return hover == null ? null : hover.getContents().getRight().getValue();
    }

    @Test
    void openingAFileWithErrorsPublishesLeansMessagesAtTheirUtf16Positions() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/errors.jsonl", List.of()))) {
            client.initialize();
            open(client, "errors");
            var published = awaitDiagnostics(client, RecordedLean.uri("errors"));

            var text = new PositionConverter(Recordings.source("errors"));
            Set<String> expected = new TreeSet<>();
            for (JsonNode message : RecordedLean.RECORDINGS.json("cli/errors.json").get("messages")) {
                var start = text.toUtf16(new LeanPosition(message.get("pos_line").asInt(), message.get("pos_col").asInt()));
                expected.add(start.line() + ":" + start.character() + " " + message.get("severity").asText() + " "
                        + message.get("text").asText());
            }
            Set<String> actual = new TreeSet<>();
            published.getDiagnostics().forEach(d -> actual.add(d.getRange().getStart().getLine() + ":"
                    + d.getRange().getStart().getCharacter() + " "
                    + d.getSeverity().name().toLowerCase(java.util.Locale.ROOT) + " " + d.getMessage()));
            assertEquals(expected, actual);
            assertEquals(1, published.getVersion());
        }
    }

    @Test
    void hoverInsideAProofShowsLeansGoalBeforeTheTacticUnderTheCursor() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));

            // Line 8 is `  exact hq,`; the cursor is on the `a` of `exact`.
            String markdown = hover(client, "basics", 8, 4);

            assertTrue(markdown.startsWith("```lean\n" + RecordedLean.recordedGoal("basics", 8, 2) + "\n```"), markdown);
            LspTestClient.await("the suggestion section settles", () -> {
                try {
                    return hover(client, "basics", 8, 4).contains("**Suggestions:** no candidate tactics for this goal.");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertNull(hover(client, "basics", 3, 10), "no hover on a theorem's statement");
        }
    }

    @Test
    void hoverOnATacticOfATermModeByShowsTheGoalWithoutSuggestions() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));

            // Line 91 is `theorem append_nil_ex (l : list ℕ) : l ++ [] = l := by simp`; `simp` starts at 55.
            String markdown = hover(client, "basics", 91, 56);

            assertEquals("```lean\n" + RecordedLean.recordedGoal("basics", 91, 55) + "\n```", markdown);
            assertNull(hover(client, "basics", 91, 52), "`by` itself is no tactic");
            assertNull(hover(client, "basics", 91, 23), "the statement, before any `by`: Lean is not even asked");
        }
    }

    @Test
    void suggestionsAreVerifiedInTheBackgroundAndShownRankedOnTheNextHover() throws Exception {
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(RecordedLean.recordedCandidates("basics")));
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));

            String first = hover(client, "basics", 6, 2);
            assertTrue(first.startsWith("```lean\n" + RecordedLean.recordedGoal("basics", 6, 2)), first);
            LspTestClient.await("verified suggestions in the hover", () -> {
                try {
                    return hover(client, "basics", 6, 2).contains("(checked by Lean)");
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            String markdown = hover(client, "basics", 6, 2);

            // Lean recorded three candidates here that close the goal; they come first, in candidate order.
            int closes = markdown.indexOf("- `exact ⟨h.2, h.1⟩` — closes the goal");
            int progress = markdown.indexOf("- `cases h with hp hq` — makes progress; 1 goal left");
            assertTrue(closes > 0 && progress > closes, markdown);
            assertTrue(markdown.contains("- `cc` — closes the goal"), markdown);
            assertTrue(!markdown.contains("exact and_swapp h") && !markdown.contains("sorry"),
                    "rejected and failing candidates are never offered: " + markdown);
        }
    }

    @Test
    void theTacticsVerifiedSoFarShowWhileOtherCandidatesStillReplay() throws Exception {
        // At three times the recorded pace each replay takes about half a second, so the hover can be
        // caught between the first verdicts and the last.
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(RecordedLean.recordedCandidates("basics")), 3.0);
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));

            String partial = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String markdown = hover(client, "basics", 6, 2);
            while (!markdown.contains("(checked by Lean)")) {
                if (markdown.contains("(checked by Lean so far")) {
                    partial = markdown;
                }
                assertTrue(System.nanoTime() < deadline, "no final list within 60 s; last hover: " + markdown);
                Thread.sleep(20);
                markdown = hover(client, "basics", 6, 2);
            }

            assertNotNull(partial, "the hover never showed verified tactics before the last replay ended");
            List<String> shownEarly = partial.lines().filter(line -> line.startsWith("- `"))
                    .map(line -> line.substring(3, line.indexOf("` — "))).toList();
            assertFalse(shownEarly.isEmpty(), partial);
            for (String tactic : shownEarly) {
                String recorded = RecordedLean.recordedStatus("basics", 6, 2, tactic);
                assertTrue(recorded.equals("closes_goal") || recorded.equals("progress"), tactic + " was " + recorded);
                assertTrue(markdown.contains("- `" + tactic + "` — "), "shown early, so in the final list too: " + tactic);
            }
            long finalCount = markdown.lines().filter(line -> line.startsWith("- `")).count();
            assertTrue(shownEarly.size() < finalCount, "the early list was partial: " + partial + "\nfinal: " + markdown);
        }
    }

    @Test
    void codeActionsInsertVerifiedTacticsWithTheBlocksIndentation() throws Exception {
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(RecordedLean.recordedCandidates("basics")));
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            var params = new CodeActionParams(new TextDocumentIdentifier(RecordedLean.uri("basics")),
                    new Range(new Position(5, 6), new Position(5, 6)), new CodeActionContext(List.of()));

            // The first request starts the work (the cursor rests there); a later one gets the actions.
            LspTestClient.await("code actions", () -> !client.remote.getTextDocumentService().codeAction(params)
                    .join().isEmpty());
            var actions = client.remote.getTextDocumentService().codeAction(params).get(WAIT, TimeUnit.SECONDS);

            var first = actions.get(0).getRight();
            assertEquals("Insert `exact ⟨h.2, h.1⟩` (closes the goal)", first.getTitle());
            assertTrue(first.getIsPreferred());
            TextEdit edit = first.getEdit().getChanges().get(RecordedLean.uri("basics")).get(0);
            assertEquals(new Range(new Position(5, 2), new Position(5, 2)), edit.getRange());
            assertEquals("exact ⟨h.2, h.1⟩,\n  ", edit.getNewText());
            assertTrue(actions.stream().allMatch(action -> action.getRight().getTitle().contains("closes the goal")
                    || action.getRight().getTitle().contains("makes progress")), actions.toString());
        }
    }

    /**
     * At or_swap_ex after `intro h` (15:2), the recorded single tactics only make progress; the
     * recorded tactic sessions hold the short search there, and the checked replays its proof's
     * confirmation. The recorded candidates there but those that close the goal alone, as the
     * product's portfolio has it.
     */
    private static org.lean3assist.engine.suggest.CandidateSource noneClosesAtOrSwap() {
        var recorded = RecordedLean.recordedCandidates("basics");
        return new org.lean3assist.engine.suggest.CandidateSource() {
            @Override
            public org.lean3assist.engine.suggest.Suggestion.Source source() {
                return recorded.source();
            }

            @Override
            public List<String> candidates(org.lean3assist.bridge.GoalAtPosition goal, int limit,
                                           org.lean3assist.engine.Cancellation cancellation) {
                return recorded.candidates(goal, limit, cancellation).stream()
                        .filter(tactic -> !RecordedLean.recordedStatus("basics", 15, 2, tactic).equals("closes_goal")).toList();
            }
        };
    }

    @Test
    void followingAPlacePushesItsGoalItsVerdictsAndTheSearchsProofInOrderWithTheirEdits() throws Exception {
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(noneClosesAtOrSwap()));
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            var document = new TextDocumentIdentifier(RecordedLean.uri("basics"));

            var followed = client.remote.follow(new Protocol.FollowParams(document, new Position(14, 2))).get(WAIT, TimeUnit.SECONDS);
            long subscription = followed.subscription();
            LspTestClient.await("the search's proof in a report", () -> client.reports.stream()
                    .anyMatch(report -> report.search() != null && report.search().proof() != null));
            List<Protocol.SuggestionsReport> reports = List.copyOf(client.reports);

            for (int i = 1; i < reports.size(); i++) {
                assertTrue(reports.get(i).sequence() > reports.get(i - 1).sequence(), "in sequence: " + reports);
            }
            assertTrue(reports.stream().allMatch(report -> report.subscription() == subscription && report.version() == 1
                    && report.uri().equals(document.getUri())), reports.toString());
            assertEquals("waiting", reports.get(0).phase());
            assertEquals(new Position(14, 2), reports.get(0).site());
            var withGoal = reports.stream().filter(report -> report.goal() != null).findFirst().orElseThrow();
            assertEquals(RecordedLean.recordedGoal("basics", 15, 2), withGoal.goal().rendered());
            var goal = withGoal.goal().goals().get(0);
            assertEquals("q ∨ p", goal.target());
            assertTrue(goal.hypotheses().contains(new Protocol.HypothesisView(List.of("h"), "p ∨ q")), goal.hypotheses().toString());

            var done = reports.stream().filter(report -> report.phase().equals("done")).findFirst().orElseThrow();
            var verified = done.suggestions().stream().filter(item -> item.edit() != null).toList();
            assertFalse(verified.isEmpty(), done.suggestions().toString());
            assertTrue(verified.stream().allMatch(item -> item.status().equals("progress")), verified.toString());
            assertEquals(new Range(new Position(14, 2), new Position(14, 2)), verified.get(0).edit().range());
            assertEquals(verified.get(0).tactic() + ",\n  ", verified.get(0).edit().newText());
            assertTrue(done.suggestions().stream().filter(item -> item.edit() == null)
                    .noneMatch(item -> item.status().equals("closes_goal") || item.status().equals("progress")),
                    "only verified suggestions carry an edit");

            assertTrue(reports.stream().anyMatch(report -> report.search() != null && report.search().running()),
                    "the search's progress is reported while it runs");
            var proved = reports.stream().filter(report -> report.search() != null && report.search().proof() != null)
                    .findFirst().orElseThrow();
            assertEquals("cases h, cc, cc", proved.search().proof());
            assertEquals("proved", proved.search().stop());
            assertEquals(new Range(new Position(14, 2), new Position(17, 0)), proved.search().edit().range());
            assertFalse(client.remote.stopSearch(new Protocol.StopSearchParams(subscription)).get(WAIT, TimeUnit.SECONDS).stopped(),
                    "the search has ended: nothing to stop");

            assertNull(client.remote.follow(new Protocol.FollowParams(null, null)).get(WAIT, TimeUnit.SECONDS).subscription(),
                    "a null document stops following");
            var unknown = client.remote.follow(new Protocol.FollowParams(new TextDocumentIdentifier("file:///nowhere/x.lean"),
                    new Position(0, 0)));
            var error = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> unknown.get(WAIT, TimeUnit.SECONDS));
            assertTrue(error.getCause().getMessage().contains("is not open"), error.getCause().getMessage());
            long outside = client.remote.follow(new Protocol.FollowParams(document, new Position(0, 0)))
                    .get(WAIT, TimeUnit.SECONDS).subscription();
            LspTestClient.await("the outside report", () -> client.reports.stream().anyMatch(report -> report.subscription() == outside));
            assertEquals("outside", client.reports.stream().filter(report -> report.subscription() == outside)
                    .findFirst().orElseThrow().phase(), "line 1 is no proof");
        }
    }

    @Test
    void whereNoSingleTacticClosesTheGoalTheHoverListsTheProofASearchFoundFirst() throws Exception {
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(noneClosesAtOrSwap()));
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            String[] markdown = {""};
            LspTestClient.await("the search's proof on the hover", () -> {
                try {
                    markdown[0] = hover(client, "basics", 15, 2);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return markdown[0].contains("Proof found by search");
            });
            String shown = markdown[0];
            assertTrue(shown.indexOf("Proof found by search") < shown.indexOf("**Suggestions"), shown);
            assertTrue(shown.contains("```lean\ncases h, cc, cc\n```"), shown);

            var params = new CodeActionParams(new TextDocumentIdentifier(RecordedLean.uri("basics")),
                    new Range(new Position(14, 2), new Position(14, 2)), new CodeActionContext(List.of()));
            var first = client.remote.getTextDocumentService().codeAction(params).get(WAIT, TimeUnit.SECONDS).get(0).getRight();
            assertEquals("Insert proof found by search (Lean checked it): cases h, cc, cc", first.getTitle());
            assertTrue(first.getIsPreferred());
            TextEdit edit = first.getEdit().getChanges().get(RecordedLean.uri("basics")).get(0);
            // From the tactic at the cursor to the block's end: the rest of the block is replaced.
            assertEquals(new Range(new Position(14, 2), new Position(17, 0)), edit.getRange());
            assertEquals("cases h, cc, cc\n", edit.getNewText());
        }
    }

    @Test
    void theProveCommandWithApplyAsksTheClientToApplyTheProofItFound() throws Exception {
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(RecordedLean.recordedCandidates("basics")));
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            var arguments = new JsonObject();
            arguments.addProperty("uri", RecordedLean.uri("basics"));
            arguments.add("position", new Gson().toJsonTree(new Position(5, 2)));
            arguments.addProperty("apply", true);

            Object reply = client.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.PROVE, List.of(arguments))).get(120, TimeUnit.SECONDS);
            var result = new Gson().fromJson(new Gson().toJsonTree(reply), Protocol.ProveResult.class);

            assertTrue(result.proved(), result.toString());
            // Every step was a replay here: the recorded checkers start no tactic sessions.
            assertEquals("closes_goal", RecordedLean.recordedStatus("basics", 6, 2, result.proof()), result.proof());
            LspTestClient.await("the proof's edit", () -> !client.appliedEdits.isEmpty());
            TextEdit applied = client.appliedEdits.get(0).getEdit().getChanges().get(RecordedLean.uri("basics")).get(0);
            assertEquals(result.edit().range(), applied.getRange());
            assertEquals(result.proof() + "\n", applied.getNewText());
        }
    }

    @Test
    void aSorryOffersProveWithSearchWhichSaysWhyWhenThereIsNoProof() throws Exception {
        var parts = RecordedLean.parts("sessions/errors.jsonl", List.of());
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "errors");
            awaitDiagnostics(client, RecordedLean.uri("errors"));
            var atSorry = new CodeActionParams(new TextDocumentIdentifier(RecordedLean.uri("errors")),
                    new Range(new Position(25, 2), new Position(25, 2)), new CodeActionContext(List.of()));
            var actions = client.remote.getTextDocumentService().codeAction(atSorry).get(WAIT, TimeUnit.SECONDS);
            var prove = actions.stream().map(action -> action.getRight())
                    .filter(action -> action.getTitle().equals("Prove with search")).findFirst().orElseThrow(
                            () -> new AssertionError("no Prove with search at the sorry: " + actions));
            assertEquals(Protocol.PROVE, prove.getCommand().getCommand());
            var sent = new Gson().toJsonTree(prove.getCommand().getArguments().get(0)).getAsJsonObject();
            assertTrue(sent.get("apply").getAsBoolean(), sent.toString());
            assertEquals(25, sent.getAsJsonObject("position").get("line").getAsInt());

            var elsewhere = new CodeActionParams(new TextDocumentIdentifier(RecordedLean.uri("errors")),
                    new Range(new Position(15, 2), new Position(15, 2)), new CodeActionContext(List.of()));
            assertTrue(client.remote.getTextDocumentService().codeAction(elsewhere).get(WAIT, TimeUnit.SECONDS).stream()
                    .noneMatch(action -> action.getRight().getTitle().equals("Prove with search")), "only at a sorry");

            client.remote.getWorkspaceService().executeCommand(new ExecuteCommandParams(prove.getCommand().getCommand(),
                    prove.getCommand().getArguments())).get(120, TimeUnit.SECONDS);
            LspTestClient.await("the search's message", () -> client.logMessages.stream()
                    .anyMatch(message -> message.getMessage().startsWith("Lean 3 Assist: no proof found")));
            assertTrue(client.appliedEdits.isEmpty(), "no edit without a proof");
        }
    }

    @Test
    void theSuggestCommandReturnsEveryCandidateWithLeansRecordedVerdict() throws Exception {
        var parts = RecordedLean.parts("replays/basics.jsonl", List.of(RecordedLean.recordedCandidates("basics")));
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            var arguments = new JsonObject();
            arguments.addProperty("uri", RecordedLean.uri("basics"));
            arguments.add("position", new Gson().toJsonTree(new Position(14, 2)));
            arguments.addProperty("k", 20);

            Object reply = client.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.SUGGEST_TACTICS, List.of(arguments))).get(60, TimeUnit.SECONDS);
            var result = new Gson().fromJson(new Gson().toJsonTree(reply), Protocol.SuggestResult.class);

            assertEquals(RecordedLean.recordedGoal("basics", 15, 2), result.goal());
            assertEquals(10, result.suggestions().size());
            for (var item : result.suggestions()) {
                String expected = item.tactic().equals("sorry") ? "rejected"
                        : RecordedLean.recordedStatus("basics", 15, 2, item.tactic());
                assertEquals(expected, item.status(), item.toString());
                assertEquals("portfolio", item.source());
            }
            assertEquals("closes_goal", result.suggestions().get(0).status());
        }
    }

    @Test
    void newLeanLimitsRestartLeanAndSendTheOpenDocumentsAgain() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            int published = client.diagnostics.size();

            client.remote.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                    com.google.gson.JsonParser.parseString("{\"lean\": {\"memoryLimitMb\": 2048}}")));

            LspTestClient.await("the document checked again by a new Lean", () -> client.diagnostics.size() > published);
            assertEquals(2048, client.server.settings().get(org.lean3assist.lsp.settings.Settings.LEAN_MEMORY_LIMIT_MB));
            String markdown = hover(client, "basics", 8, 4);
            assertTrue(markdown.startsWith("```lean\n" + RecordedLean.recordedGoal("basics", 8, 2)), markdown);
        }
    }

    @Test
    void aNewSandboxModeRestartsTheProjectsWithCheckersInThatMode() throws Exception {
        var recorded = RecordedLean.parts("sessions/basics.jsonl", List.of());
        List<SandboxMode> checkerModes = new java.util.concurrent.CopyOnWriteArrayList<>();
        var parts = recorded.withLean(new LeanStarter() {
            @Override
            public LeanServer start(java.nio.file.Path root, LeanBridgeSettings settings)
                    throws java.io.IOException, org.lean3assist.bridge.locate.LeanNotFoundException {
                return recorded.leanStarter().start(root, settings);
            }

            @Override
            public CheckerPool checkers(java.nio.file.Path root, LeanBridgeSettings settings)
                    throws java.io.IOException, org.lean3assist.bridge.locate.LeanNotFoundException {
                checkerModes.add(settings.sandbox());
                return recorded.leanStarter().checkers(root, settings);
            }
        });
        try (var client = new LspTestClient(parts)) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            int published = client.diagnostics.size();

            client.remote.getWorkspaceService().didChangeConfiguration(new org.eclipse.lsp4j.DidChangeConfigurationParams(
                    com.google.gson.JsonParser.parseString("{\"sandbox\": \"off\"}")));

            LspTestClient.await("the document checked again by a new Lean", () -> client.diagnostics.size() > published);
            assertEquals(List.of(SandboxMode.AUTO, SandboxMode.OFF), checkerModes);
        }
    }

    @Test
    void theRestartCommandStartsAFreshLeanThatChecksTheOpenDocuments() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            int published = client.diagnostics.size();

            Object reply = client.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.RESTART_LEAN, List.of())).get(WAIT, TimeUnit.SECONDS);

            assertNull(reply);
            LspTestClient.await("the document checked again", () -> client.diagnostics.size() > published);
        }
    }

    @Test
    void plainGoalGivesEachGoalsTextForClientsThatDrawTheirOwnView() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            open(client, "basics");
            awaitDiagnostics(client, RecordedLean.uri("basics"));
            var params = new org.eclipse.lsp4j.TextDocumentPositionParams(
                    new TextDocumentIdentifier(RecordedLean.uri("basics")), new Position(7, 2));

            var goal = client.remote.plainGoal(params).get(WAIT, TimeUnit.SECONDS);

            // basics.lean 8:2 has two goals: `⊢ q` and `⊢ p`, with the same hypotheses.
            String recorded = RecordedLean.recordedGoal("basics", 8, 2);
            assertEquals("```lean\n" + recorded + "\n```", goal.rendered());
            assertEquals(List.of("p q : Prop,\nhp : p,\nhq : q\n⊢ q", "p q : Prop,\nhp : p,\nhq : q\n⊢ p"), goal.goals());

            // A term-mode `by simp` (line 91) answers too.
            var byTerm = client.remote.plainGoal(new org.eclipse.lsp4j.TextDocumentPositionParams(
                    new TextDocumentIdentifier(RecordedLean.uri("basics")), new Position(90, 55))).get(WAIT, TimeUnit.SECONDS);
            assertEquals(List.of(RecordedLean.recordedGoal("basics", 91, 55)), byTerm.goals());
        }
    }

    @Test
    void requestsAboutFilesThatAreNotOpenGetEmptyAnswers() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            var unknown = new TextDocumentIdentifier("file:///nowhere/unknown.lean");
            assertNull(client.remote.getTextDocumentService().hover(new HoverParams(unknown, new Position(3, 2)))
                    .get(WAIT, TimeUnit.SECONDS));
            assertEquals(List.of(), client.remote.getTextDocumentService().codeAction(new CodeActionParams(unknown,
                    new Range(new Position(0, 0), new Position(0, 0)), new CodeActionContext(List.of())))
                    .get(WAIT, TimeUnit.SECONDS));
            var arguments = new JsonObject();
            arguments.addProperty("uri", "untitled:Untitled-1");
            arguments.add("position", new Gson().toJsonTree(new Position(0, 0)));
            Object reply = client.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.SUGGEST_TACTICS, List.of(arguments))).get(WAIT, TimeUnit.SECONDS);
            assertEquals("{\"suggestions\":[]}", new Gson().toJson(reply));
        }
    }

    @Test
    void malformedMessagesAndBadArgumentsLeaveTheServerRunning() throws Exception {
        try (var client = new LspTestClient(RecordedLean.parts("sessions/basics.jsonl", List.of()))) {
            client.initialize();
            byte[] garbage = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"textDocument/hover\",\"params\":{\"oops\"".getBytes(StandardCharsets.UTF_8);
            client.rawOut.write(("Content-Length: " + garbage.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            client.rawOut.write(garbage);
            client.rawOut.flush();

            var badArguments = client.remote.getWorkspaceService().executeCommand(
                    new ExecuteCommandParams(Protocol.SUGGEST_TACTICS, List.of(new JsonObject())));
            var error = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> badArguments.get(WAIT, TimeUnit.SECONDS));
            assertTrue(error.getCause().getMessage().contains("argument 'uri' must be a string"), error.getCause().getMessage());

            open(client, "basics");
            assertEquals(List.of(), awaitDiagnostics(client, RecordedLean.uri("basics")).getDiagnostics(),
                    "the server still syncs files and Lean still answers");
        }
    }
}
