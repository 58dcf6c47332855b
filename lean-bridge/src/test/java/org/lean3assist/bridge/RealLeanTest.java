package org.lean3assist.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.bench.BenchOptions;
import org.lean3assist.bridge.bench.BenchResult;
import org.lean3assist.bridge.bench.BridgeBench;
import org.lean3assist.bridge.locate.LeanInstallation;
import org.lean3assist.bridge.protocol.CompletionResponse;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.LeanProcessException;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.bridge.verify.Verifier;
import org.lean3assist.bridge.verify.VerifyRequest;

/**
 * The recorded suites against a real Lean 3: the same goals, messages and replay verdicts, and
 * a real SIGKILL with restart and re-sync.
 */
@EnabledIf(value = "org.lean3assist.bridge.RealLean#found",
        disabledReason = "no Lean 3 found (set LEAN3_HOME or put a Lean 3 on PATH); see the [real-lean] line above")
class RealLeanTest {

    private static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults()
            .withRestartBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 3);

    @TempDir
    Path workspace;

    @ParameterizedTest(name = "{0}.lean")
    @MethodSource("org.lean3assist.bridge.testing.Recordings#sourceNames")
    void answersTheRecordedGoalAtEveryPosition(String name) throws Exception {
        Recordings recordings = recordingsIn(workspace);
        Path file = recordings.sourcePath(name);

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, SETTINGS)) {
            server.openDocument(file, 1, Recordings.source(name)).get(60, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(120, TimeUnit.SECONDS);
            for (JsonNode entry : recordings.json("goals/" + name + ".json")) {
                LeanPosition position = new LeanPosition(entry.get("line").asInt(), entry.get("column").asInt());

                Optional<GoalAtPosition> goal = server.goalAt(file, position).get(60, TimeUnit.SECONDS);

                String expected = entry.get("state").isNull() ? null : entry.get("state").asText();
                assertEquals(expected, goal.map(GoalAtPosition::rawState).orElse(null), name + " " + position);
            }
        }
    }

    @ParameterizedTest(name = "{0}.lean")
    @ValueSource(strings = {"errors", "incomplete", "basics"})
    void reportsTheRecordedMessages(String name) throws Exception {
        Recordings recordings = recordingsIn(workspace);
        Path file = recordings.sourcePath(name);

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, SETTINGS)) {
            server.openDocument(file, 1, Recordings.source(name)).get(60, TimeUnit.SECONDS);
            List<LeanMessage> messages = server.waitUntilChecked(file).get(120, TimeUnit.SECONDS);

            assertEquals(recordings.cliMessages(name), Recordings.messageKeys(messages));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basics", "multigoal"})
    void givesEveryRecordedReplayLeansRecordedVerdict(String name) throws Exception {
        Recordings recordings = recordingsIn(workspace);
        Path file = recordings.sourcePath(name);
        String source = Recordings.source(name);
        Map<LeanPosition, List<RecordedReplays.Replay>> byPosition = RecordedReplays.byPosition(recordings, name);

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, SETTINGS);
             CheckerPool checkers = checkers(workspace, SETTINGS);
             Verifier verifier = new Verifier(server, checkers)) {
            server.openDocument(file, 1, source).get(60, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(120, TimeUnit.SECONDS);
            for (Map.Entry<LeanPosition, List<RecordedReplays.Replay>> position : byPosition.entrySet()) {
                List<RecordedReplays.Replay> replays = position.getValue();
                List<String> candidates = replays.stream().map(RecordedReplays.Replay::candidate).toList();

                List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, position.getKey(), candidates))
                        .get(300, TimeUnit.SECONDS);

                for (ReplayResult result : results) {
                    RecordedReplays.Replay recorded = replays.get(result.index());
                    Verdict expected = result.candidate().equals("sorry") ? Verdict.REJECTED : recorded.verdict();
                    assertEquals(expected, result.verdict(), recorded.toString());
                    if (expected == Verdict.PROGRESS) {
                        assertEquals(recorded.entry().get("state_after").asText(), result.goalsAfter().orElseThrow().render());
                    }
                }
            }
            assertEquals(List.of(), server.messages(file), "replays never touch the user's file");
        }
    }

    @Test
    void restartsAfterSigkillAndResyncsTheOpenDocuments() throws Exception {
        Recordings recordings = recordingsIn(workspace);
        Path basics = recordings.sourcePath("basics");
        Path errors = recordings.sourcePath("errors");
        CountDownLatch restarted = new CountDownLatch(1);

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, SETTINGS)) {
            server.addListener(new LeanServerListener() {
                @Override
                public void onRestarted(int generation) {
                    restarted.countDown();
                }
            });
            server.openDocument(basics, 1, Recordings.source("basics")).get(60, TimeUnit.SECONDS);
            server.openDocument(errors, 1, Recordings.source("errors")).get(60, TimeUnit.SECONDS);
            var checking = server.waitUntilChecked(errors);

            server.killProcess();

            ExecutionException killed = assertThrows(ExecutionException.class, () -> checking.get(60, TimeUnit.SECONDS));
            assertInstanceOf(LeanProcessException.class, killed.getCause());
            assertTrue(killed.getCause().getMessage().startsWith("Lean exited with signal 9 (SIGKILL)"),
                    killed.getCause().getMessage());
            assertTrue(restarted.await(60, TimeUnit.SECONDS));
            assertEquals(List.of(basics, errors), server.openDocuments());
            assertEquals(9, server.waitUntilChecked(errors).get(120, TimeUnit.SECONDS).size(), "errors.lean re-synced");
            JsonNode first = recordings.json("goals/basics.json").get(1);
            assertEquals(first.get("state").asText(), server.goalAt(basics,
                    new LeanPosition(first.get("line").asInt(), first.get("column").asInt())).get(60, TimeUnit.SECONDS)
                    .orElseThrow().rawState());
        }
    }

    @Test
    void closingADocumentDropsItsMessages() throws Exception {
        Path file = recordingsIn(workspace).sourcePath("errors");
        List<List<LeanMessage>> published = new CopyOnWriteArrayList<>();

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, SETTINGS)) {
            server.addListener(new LeanServerListener() {
                @Override
                public void onMessages(Path changed, List<LeanMessage> messages) {
                    published.add(messages);
                }
            });
            server.openDocument(file, 1, Recordings.source("errors")).get(60, TimeUnit.SECONDS);
            assertEquals(9, server.waitUntilChecked(file).get(120, TimeUnit.SECONDS).size());

            server.closeDocument(file).get(60, TimeUnit.SECONDS);

            assertEquals(List.of(), server.waitUntilChecked(file).get(120, TimeUnit.SECONDS));
            assertEquals(List.of(), server.openDocuments());
            assertEquals(List.of(), published.get(published.size() - 1));
        }
    }

    @Test
    void stopsARunawayReplayAndKeepsVerifying() throws Exception {
        Path file = recordingsIn(workspace).sourcePath("basics");
        String source = Recordings.source("basics");
        // The loop only ends at Lean's memory limit, about a minute in; 10 s stop it long before.
        LeanBridgeSettings shortReplays = SETTINGS.withReplay(1, Duration.ofSeconds(10));

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, shortReplays);
             CheckerPool checkers = checkers(workspace, shortReplays);
             Verifier verifier = new Verifier(server, checkers)) {
            server.openDocument(file, 1, source).get(60, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(120, TimeUnit.SECONDS);
            LeanPosition position = new LeanPosition(6, 2);

            // and.comm rewrites q ∧ p and back forever; only Lean's timeout would end it.
            List<ReplayResult> runaway = verifier.verify(new VerifyRequest(file, 1, source, position,
                    List.of("repeat { rw and.comm }"))).get(120, TimeUnit.SECONDS);
            List<ReplayResult> next = verifier.verify(new VerifyRequest(file, 1, source, position,
                    List.of("exact ⟨h.2, h.1⟩"))).get(120, TimeUnit.SECONDS);

            assertEquals(Verdict.TIMEOUT, runaway.get(0).verdict());
            assertEquals(Verdict.CLOSES_GOAL, next.get(0).verdict());
            assertEquals(2, checkers.started(), "the runaway checker was replaced");
            assertEquals(1, server.generation(), "the editing Lean was never touched");
            assertEquals(List.of(file), server.openDocuments());
        }
    }

    @Test
    void replaysResolveTheFilesRelativeImportsLikeTheFileItself() throws Exception {
        Path project = Files.createDirectories(workspace.resolve("relative"));
        Path proofs = Files.createDirectories(project.resolve("proofs"));
        Files.writeString(project.resolve("helper.lean"), "def my_val : ℕ := 3\nlemma my_val_eq : my_val = 3 := rfl\n");
        Files.writeString(proofs.resolve("sibling.lean"), "lemma my_val_pos : 0 < 3 := dec_trivial\n");
        Path file = proofs.resolve("main.lean");
        String source = "import ..helper .sibling\n\ntheorem uses_helper : my_val = 3 ∧ 0 < 3 :=\nbegin\n  split,\n  exact my_val_eq,\n  exact my_val_pos\nend\n";

        try (LeanServer server = LeanServer.start(RealLean.installation(), project, SETTINGS);
             CheckerPool checkers = checkers(project, SETTINGS);
             Verifier verifier = new Verifier(server, checkers)) {
            server.openDocument(file, 1, source).get(60, TimeUnit.SECONDS);
            assertEquals(List.of(), server.waitUntilChecked(file).get(120, TimeUnit.SECONDS), "the file itself checks");

            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2),
                    List.of("exact my_val_eq", "simp [my_val]"))).get(120, TimeUnit.SECONDS);

            assertEquals(Verdict.PROGRESS, results.get(0).verdict(), results.toString());
            assertEquals("⊢ 0 < 3", results.get(0).goalsAfter().orElseThrow().render());
            assertEquals(Verdict.PROGRESS, results.get(1).verdict(), results.toString());
        }
    }

    @Test
    void completesAHalfTypedIdentifier() throws Exception {
        Path file = recordingsIn(workspace).sourcePath("incomplete");

        try (LeanServer server = LeanServer.start(RealLean.installation(), workspace, SETTINGS)) {
            server.openDocument(file, 1, Recordings.source("incomplete")).get(60, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(120, TimeUnit.SECONDS);

            // Line 18 is "  rw nat.add_ze"; column 15 is its end.
            CompletionResponse completion = server.complete(file, new LeanPosition(18, 15)).get(60, TimeUnit.SECONDS);

            assertEquals("nat.add_ze", completion.prefix());
            assertTrue(completion.completions().stream().anyMatch(item -> item.text().equals("nat.add_zero")),
                    completion.completions().toString());
        }
    }

    @Test
    void benchmarksTheBridgeAgainstOneShotRuns() throws Exception {
        BenchResult result = BridgeBench.run(new BenchOptions(Optional.of(workspace),
                SETTINGS.withExecutablePath(RealLean.installation().executable())));

        // No timing is asserted; the figures are printed for the build log.
        System.err.println("[real-lean] " + result.toJson());
        assertEquals(16, result.candidates());
        assertEquals(Map.of("CLOSES_GOAL", 9, "PROGRESS", 6, "INVALID", 1), result.verdicts());
    }

    @Test
    void benchmarksThePoolSizesWithTheSameVerdictsForEach() throws Exception {
        var result = BridgeBench.runPools(SETTINGS.withExecutablePath(RealLean.installation().executable()),
                Optional.empty(), List.of(1, 2));

        // No timing is asserted; the figures are printed for the build log.
        System.err.println("[real-lean] " + result.toJson());
        assertEquals(2, result.rows().size());
        assertEquals(16, result.rows().get(0).candidates());
        assertEquals(result.rows().get(0).verdicts(), result.rows().get(1).verdicts(), "the pool's size changes no verdict");
        assertEquals(16, result.rows().get(1).verdicts().values().stream().mapToInt(Integer::intValue).sum());
    }

    /** The product's checkers for a project: sandboxed where bubblewrap works, as the default setting has it. */
    static CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings) throws Exception {
        return CheckerPool.forProject(RealLean.installation(), projectRoot, settings, Sandbox.forMode(SandboxMode.AUTO));
    }

    private static Recordings recordingsIn(Path workspace) {
        LeanInstallation lean = RealLean.installation();
        Path prefix = lean.executable().toAbsolutePath().getParent().getParent();
        Path library = Files.isDirectory(prefix.resolve("lib/lean/library")) ? prefix.resolve("lib/lean/library")
                : prefix.resolve("library");
        return new Recordings(workspace.toAbsolutePath(), prefix, library);
    }
}
