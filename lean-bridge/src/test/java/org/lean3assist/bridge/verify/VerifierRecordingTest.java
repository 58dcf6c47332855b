package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.LeanServerListener;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * The verifier end to end on the recorded replay transcripts: each candidate is built, synced,
 * checked and classified as Lean classified it when the transcript was recorded.
 */
class VerifierRecordingTest {

    private static final Recordings RECORDINGS = RecordedReplays.RECORDINGS;
    private static final LeanBridgeSettings ONE_AT_A_TIME = LeanBridgeSettings.defaults()
            .withTrailingMessagesWait(Duration.ofMillis(20))
            .withReplay(1, Duration.ofSeconds(20));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basics", "multigoal"})
    void givesEveryRecordedReplayLeansVerdict(String name) throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("replays/" + name + ".jsonl"));
        Path file = RECORDINGS.sourcePath(name);
        String source = Recordings.source(name);
        Map<LeanPosition, List<RecordedReplays.Replay>> byPosition = RecordedReplays.byPosition(RECORDINGS, name);
        int checked = 0;

        try (LeanServer server = LeanServer.start(lean, ONE_AT_A_TIME);
             Verifier verifier = new Verifier(server, ShadowFiles.recordedLayout(RECORDINGS.workspace()), VariantLayout.REST_OF_FILE)) {
            server.openDocument(file, 1, source).get(10, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(10, TimeUnit.SECONDS);
            for (Map.Entry<LeanPosition, List<RecordedReplays.Replay>> position : byPosition.entrySet()) {
                List<RecordedReplays.Replay> replays = position.getValue();
                List<String> candidates = replays.stream().map(RecordedReplays.Replay::candidate).toList();

                List<ReplayResult> told = new java.util.concurrent.CopyOnWriteArrayList<>();
                List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, position.getKey(), candidates),
                        told::add).get(60, TimeUnit.SECONDS);

                // Each result was told once, as it came: refusals at once, then replays one at a time in order.
                assertEquals(results.size(), told.size());
                assertEquals(new java.util.HashSet<>(results), new java.util.HashSet<>(told));
                List<Integer> replayedOrder = told.stream().filter(result -> result.verdict() != Verdict.REJECTED)
                        .map(ReplayResult::index).toList();
                assertEquals(replayedOrder.stream().sorted().toList(), replayedOrder);
                for (ReplayResult result : results) {
                    RecordedReplays.Replay recorded = replays.get(result.index());
                    if (recorded.candidate().equals("sorry")) {
                        // sorry never reaches Lean; the classifier test checks Lean's verdict on it.
                        assertEquals(Verdict.REJECTED, result.verdict(), recorded.toString());
                        continue;
                    }
                    assertEquals(recorded.verdict(), result.verdict(), recorded.toString());
                    if (result.verdict() == Verdict.PROGRESS) {
                        assertEquals(recorded.entry().get("state_after").asText(), result.goalsAfter().orElseThrow().render());
                    }
                    if (result.verdict() == Verdict.INVALID) {
                        assertTrue(result.explanation().isPresent(), recorded.toString());
                    }
                    checked++;
                }
                assertEquals(results.stream().sorted(Comparator.comparing(ReplayResult::verdict)
                        .thenComparingInt(ReplayResult::index)).toList(), results, "ranked: closes, progress, the rest");
            }
        }
        assertEquals(List.of(), lean.mismatches());
        assertEquals(name.equals("basics") ? 36 : 36, checked);
    }

    @Test
    void cancelsARequestForAnOlderVersionOfTheDocument() throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("replays/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");

        try (LeanServer server = LeanServer.start(lean, ONE_AT_A_TIME);
             Verifier verifier = new Verifier(server, ShadowFiles.recordedLayout(RECORDINGS.workspace()), VariantLayout.REST_OF_FILE)) {
            server.openDocument(file, 7, source).get(10, TimeUnit.SECONDS);
            int writtenBefore = lean.started().get(0).written().size();

            CancellationException stale = assertThrows(CancellationException.class, () -> verifier.verify(
                    new VerifyRequest(file, 6, source, new LeanPosition(6, 2), List.of("split"))).get(10, TimeUnit.SECONDS));

            assertTrue(stale.getMessage().contains("version 6"));
            assertEquals(writtenBefore, lean.started().get(0).written().size());
        }
    }

    @Test
    void cancelsPendingReplaysWhenTheDocumentChanges() throws Exception {
        // Recorded delays kept (times 5) so the replays are still running when the edit comes.
        ScriptedTransport.Factory lean = ScriptedTransport.pacedFactory(5.0, RECORDINGS.script("replays/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");

        try (LeanServer server = LeanServer.start(lean, ONE_AT_A_TIME);
             Verifier verifier = new Verifier(server, ShadowFiles.recordedLayout(RECORDINGS.workspace()), VariantLayout.REST_OF_FILE)) {
            server.openDocument(file, 1, source).get(30, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(30, TimeUnit.SECONDS);
            List<ReplayResult> told = new java.util.concurrent.CopyOnWriteArrayList<>();
            var pending = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2),
                    List.of("exact ⟨h.2, h.1⟩", "exact and.intro h.right h.left", "cases h with hp hq")), told::add);

            server.changeDocument(file, 2, source + "\n");

            CancellationException cancelled = assertThrows(CancellationException.class, () -> pending.get(30, TimeUnit.SECONDS));
            assertTrue(cancelled.getMessage().contains("document changed"));
            int toldBeforeTheEdit = told.size();
            Thread.sleep(1500);
            assertEquals(toldBeforeTheEdit, told.size(), "nothing is told about a cancelled request: " + told);
            assertTrue(toldBeforeTheEdit < 3, told.toString());
        }
    }

    @Test
    void reportsTimeoutWhenLeanTakesLongerThanTheReplayLimit() throws Exception {
        // The recorded barrier of a replay took about 200 ms; slowed down 50 times it takes
        // seconds, far beyond a 100 ms replay limit. The verifier then restarts Lean to stop the
        // runaway check; the second script is the restarted process.
        ScriptedTransport.Factory lean = ScriptedTransport.pacedFactory(50.0, RECORDINGS.script("replays/basics.jsonl"),
                RECORDINGS.script("replays/basics.jsonl"));
        LeanBridgeSettings settings = ONE_AT_A_TIME.withReplay(1, Duration.ofMillis(100))
                .withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 3);
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");

        try (LeanServer server = LeanServer.start(lean, settings);
             Verifier verifier = new Verifier(server, ShadowFiles.recordedLayout(RECORDINGS.workspace()), VariantLayout.REST_OF_FILE)) {
            CountDownLatch restarted = new CountDownLatch(1);
            server.addListener(new LeanServerListener() {
                @Override
                public void onRestarted(int generation) {
                    restarted.countDown();
                }
            });
            server.openDocument(file, 1, source);

            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2),
                    List.of("exact ⟨h.2, h.1⟩"))).get(30, TimeUnit.SECONDS);

            assertEquals(Verdict.TIMEOUT, results.get(0).verdict());
            assertTrue(results.get(0).explanation().orElseThrow().contains("100 ms"));
            assertTrue(restarted.await(30, TimeUnit.SECONDS), "Lean was restarted to stop the runaway replay");
            assertEquals(List.of(file), server.openDocuments());
        }
        assertEquals(List.of(), lean.mismatches());
        assertTrue(lean.started().get(1).written().get(0).contains("\"file_name\":\"" + file + "\""), "the document was re-synced");
    }

    @Test
    void refusesAPositionOutsideATacticBlock() throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("replays/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");

        try (LeanServer server = LeanServer.start(lean, ONE_AT_A_TIME);
             Verifier verifier = new Verifier(server, ShadowFiles.recordedLayout(RECORDINGS.workspace()), VariantLayout.REST_OF_FILE)) {
            ExecutionException outside = assertThrows(ExecutionException.class, () -> verifier.verify(new VerifyRequest(
                    file, 1, Recordings.source("basics"), new LeanPosition(1, 0), List.of("refl"))).get(10, TimeUnit.SECONDS));

            assertInstanceOf(IllegalArgumentException.class, outside.getCause());
        }
    }
}
