package org.lean3assist.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.protocol.LeanProcessException;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Process faults from the recordings: Lean killed while a request is pending, restarted with
 * every open document re-synced; output of a replaced process dropped; giving up after
 * repeated crashes.
 */
class ProcessFaultTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();
    private static final LeanBridgeSettings FAST_RESTART = LeanBridgeSettings.defaults()
            .withTrailingMessagesWait(Duration.ofMillis(20))
            .withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(40), 3);

    @Test
    void restartsAKilledLeanAndResyncsEveryOpenDocument() throws Exception {
        // Generation 1 is killed right after the sync (recorded); generation 2 is the recorded
        // session of the same file, whose first request is exactly the re-sync.
        ScriptedTransport.Factory lean = ScriptedTransport.factory(
                RECORDINGS.script("faults/kill_after_sync_fresh.jsonl"), RECORDINGS.script("sessions/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        List<String> crashes = new CopyOnWriteArrayList<>();
        CountDownLatch restarted = new CountDownLatch(1);

        try (LeanServer server = LeanServer.start(lean, FAST_RESTART)) {
            server.addListener(new LeanServerListener() {
                @Override
                public void onCrash(String reason, boolean willRestart) {
                    crashes.add(reason + (willRestart ? " (restarting)" : ""));
                }

                @Override
                public void onRestarted(int generation) {
                    restarted.countDown();
                }
            });

            ExecutionException killed = assertThrows(ExecutionException.class,
                    () -> server.openDocument(file, 1, Recordings.source("basics")).get(10, TimeUnit.SECONDS));

            assertInstanceOf(LeanProcessException.class, killed.getCause());
            assertEquals("Lean exited with signal 9 (SIGKILL) while waiting for sync " + file, killed.getCause().getMessage());
            assertTrue(restarted.await(10, TimeUnit.SECONDS));
            assertEquals(List.of("Lean exited with signal 9 (SIGKILL) (restarting)"), crashes);
            assertEquals(2, server.generation());
            assertEquals(List.of(file), server.openDocuments());
            server.waitUntilChecked(file).get(10, TimeUnit.SECONDS);
            JsonNode first = RECORDINGS.json("goals/basics.json").get(1);
            assertEquals(first.get("state").asText(), server.goalAt(file,
                    new LeanPosition(first.get("line").asInt(), first.get("column").asInt())).get(10, TimeUnit.SECONDS)
                    .orElseThrow().rawState());
        }
        assertEquals(List.of(), lean.mismatches());
        assertTrue(lean.started().get(1).written().get(0).contains("\"command\":\"sync\""), "the re-sync comes first");
    }

    @Test
    void dropsOutputFromAProcessThatWasReplaced() throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(
                RECORDINGS.script("faults/kill_after_sync_fresh.jsonl"), RECORDINGS.script("sessions/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        String recordedErrors = RECORDINGS.transcript("sessions/errors.jsonl").stream()
                .filter(event -> "all_messages".equals(event.path("msg").path("response").asText()))
                .reduce((first, second) -> second).orElseThrow().get("msg").toString()
                .replace(RECORDINGS.sourcePath("errors").toString(), file.toString());

        try (LeanServer server = LeanServer.start(lean, FAST_RESTART)) {
            server.openDocument(file, 1, Recordings.source("basics")).exceptionally(killed -> null).get(10, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(10, TimeUnit.SECONDS);

            lean.started().get(0).deliverLate(recordedErrors);

            assertEquals(List.of(), server.messages(file));
            assertEquals(2, server.generation());
        }
    }

    @Test
    void givesUpWithAClearErrorWhenRestartsAreExhausted() throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("faults/kill_after_sync_warm.jsonl"));
        LeanBridgeSettings noRestart = FAST_RESTART.withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 0);
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");
        String edited = source.replace("  split,\n  exact hq,", "  split, -- edited\n  exact hq,");

        try (LeanServer server = LeanServer.start(lean, noRestart)) {
            server.openDocument(file, 1, source).get(10, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(10, TimeUnit.SECONDS);

            ExecutionException killed = assertThrows(ExecutionException.class,
                    () -> server.changeDocument(file, 2, edited).get(10, TimeUnit.SECONDS));
            ExecutionException afterwards = assertThrows(ExecutionException.class,
                    () -> server.goalAt(file, new LeanPosition(5, 2)).get(10, TimeUnit.SECONDS));

            assertTrue(killed.getCause().getMessage().startsWith("Lean exited with signal 9 (SIGKILL)"));
            assertTrue(afterwards.getCause().getMessage().contains("not restarted again"), afterwards.getCause().getMessage());
        }
        assertEquals(List.of(), lean.mismatches());
    }

    @Test
    void failsPendingRequestsOnCleanShutdown() throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.pacedFactory(50.0, RECORDINGS.script("sessions/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        var pending = LeanServer.start(lean, FAST_RESTART);
        var sync = pending.openDocument(file, 1, Recordings.source("basics"));

        pending.close();

        ExecutionException shutDown = assertThrows(ExecutionException.class, () -> sync.get(10, TimeUnit.SECONDS));
        assertTrue(shutDown.getCause().getMessage().startsWith("the Lean server was shut down"));
    }
}
