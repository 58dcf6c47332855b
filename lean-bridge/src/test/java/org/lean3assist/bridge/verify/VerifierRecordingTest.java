package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.testing.CheckedReplays;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * The verifier end to end on the project's recordings of a real Lean checker: each candidate is
 * built, synced to a checker, and judged from Lean's own evidence as a correct verifier must judge
 * it: the shared corpus's candidates as the corpus recorded them, and {@code verdicts.lean}'s attacks
 * as its table says.
 */
class VerifierRecordingTest {

    private static final Recordings RECORDINGS = RecordedReplays.RECORDINGS;
    /** The meta definition of verdicts.lean, which only Lean can tell is meta. */
    private static final String USERS_META_DEFINITION = "prover_helper";
    private static final Verifier.Screen BYPASSED = candidate -> SafetyVerdict.accept();
    private static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults()
            .withTrailingMessagesWait(Duration.ofMillis(20))
            .withReplay(1, Duration.ofSeconds(20));

    @ParameterizedTest(name = "{0}, filtered")
    @ValueSource(strings = {"basics", "multigoal", "verdicts"})
    void givesEveryCandidateTheFilterPassesItsRightfulVerdict(String name) throws Exception {
        int replayed = judgeAll(name, SafetyFilter::check);

        // Every honest step reaches Lean (the filter refuses no proof that works; a sorry that leaves
        // other goals open is PROGRESS to Lean, and a user's meta definition run as a raw tactic
        // closes a goal, and both are refused) ...
        assertTrue(CheckedReplays.expected(name).stream()
                .filter(replay -> replay.verdict() == Verdict.CLOSES_GOAL || replay.verdict() == Verdict.PROGRESS)
                .filter(replay -> !replay.candidate().equals("sorry") && !replay.candidate().contains(USERS_META_DEFINITION))
                .allMatch(replay -> SafetyFilter.check(replay.candidate()).accepted()));
        // ... and of the shared corpus, all but its four sorry (and basics' extra, the search's proof).
        if (!name.equals("verdicts")) {
            assertEquals(name.equals("basics") ? 37 : 36, replayed);
        }
    }

    @ParameterizedTest(name = "{0}, unfiltered")
    @ValueSource(strings = {"basics", "multigoal", "verdicts"})
    void givesEveryCandidateItsRightfulVerdictEvenWithTheFilterBypassed(String name) throws Exception {
        int replayed = judgeAll(name, BYPASSED);

        assertEquals(CheckedReplays.expected(name).size(), replayed);
    }

    /** Replays every recorded case; returns how many reached the checker. */
    private static int judgeAll(String name, Verifier.Screen screen) throws Exception {
        Path file = RECORDINGS.sourcePath(name);
        String source = CheckedReplays.source(name);
        Map<LeanPosition, List<String>> byPosition = CheckedReplays.candidatesByPosition(name);
        List<CheckedReplays.Case> expected = CheckedReplays.expected(name);
        int replayed = 0;

        try (LeanServer editing = idleEditingLean();
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, name, 0);
             Verifier verifier = screen == BYPASSED ? new Verifier(editing, checkers, ShadowFiles.perSlot(), screen)
                     : new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            for (Map.Entry<LeanPosition, List<String>> position : byPosition.entrySet()) {
                List<ReplayResult> told = new CopyOnWriteArrayList<>();
                List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, position.getKey(),
                        position.getValue()), told::add).get(60, TimeUnit.SECONDS);

                assertEquals(new HashSet<>(results), new HashSet<>(told), "each result was told once, as it came");
                for (ReplayResult result : results) {
                    CheckedReplays.Case want = expected.stream().filter(replay -> replay.position().equals(position.getKey())
                            && replay.candidate().equals(result.candidate())).findFirst().orElseThrow();
                    if (!screen.check(result.candidate()).accepted()) {
                        assertEquals(Verdict.REJECTED, result.verdict(), want.toString());
                        continue;
                    }
                    if (result.candidate().contains(USERS_META_DEFINITION) && screen != BYPASSED) {
                        // The filter knows no user's meta definition; Lean does.
                        assertEquals(Verdict.REJECTED, result.verdict(), want.toString());
                        assertTrue(result.explanation().orElseThrow().contains("meta code"), result.toString());
                        continue;
                    }
                    replayed++;
                    assertEquals(want.verdict(), result.verdict(), want + ": " + result.explanation().orElse(""));
                    if (result.verdict() == Verdict.PROGRESS && !name.equals("verdicts")) {
                        RecordedReplays.Replay recorded = RecordedReplays.of(name).stream()
                                .filter(replay -> replay.position().equals(want.position())
                                        && replay.candidate().equals(want.candidate())).findFirst().orElseThrow();
                        assertEquals(recorded.entry().get("state_after").asText(), result.goalsAfter().orElseThrow().render());
                    }
                    if (result.verdict() != Verdict.CLOSES_GOAL && result.verdict() != Verdict.PROGRESS) {
                        assertTrue(result.explanation().isPresent(), want.toString());
                    }
                }
                assertEquals(results.stream().sorted(Comparator.comparingInt(ReplayResult::index)).toList(), results,
                        "in the request's order");
            }
            assertEquals(1, checkers.started(), "one checker judged them all");
        }
        return replayed;
    }

    @Test
    void waitsForEachReplaysOwnAnswerWhenLeanIsSlowerThanTheTrailingWait() throws Exception {
        // Lean's answers at one and a half times their recorded pace: the last all_messages of a
        // replay comes after the barrier and the trailing wait, while the list of the replay before
        // still holds an answer at the same line.
        Path file = RECORDINGS.sourcePath("basics");
        String source = CheckedReplays.source("basics");
        Map.Entry<LeanPosition, List<String>> first = CheckedReplays.candidatesByPosition("basics").entrySet().iterator().next();

        try (LeanServer editing = idleEditingLean();
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "basics", 1.5);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot(), BYPASSED)) {
            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, first.getKey(), first.getValue()))
                    .get(120, TimeUnit.SECONDS);

            for (ReplayResult result : results) {
                assertEquals(CheckedReplays.expected("basics").stream().filter(replay -> replay.position().equals(first.getKey())
                        && replay.candidate().equals(result.candidate())).findFirst().orElseThrow().verdict(),
                        result.verdict(), result.toString());
            }
        }
    }

    @Test
    void asksLeanWhichNamesAreMetaCodeAndRefusesThoseThatAre() throws Exception {
        Path file = RECORDINGS.sourcePath("verdicts");
        String source = CheckedReplays.source("verdicts");

        try (LeanServer editing = idleEditingLean();
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "verdicts", 0);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(36, 2),
                    List.of("exact " + USERS_META_DEFINITION, "trivial", USERS_META_DEFINITION))).get(60, TimeUnit.SECONDS);

            assertEquals(List.of("exact " + USERS_META_DEFINITION, "trivial", USERS_META_DEFINITION),
                    results.stream().map(ReplayResult::candidate).toList());
            assertEquals(Verdict.CLOSES_GOAL, results.get(1).verdict());
            assertEquals(Verdict.REJECTED, results.get(0).verdict(), "the filter passed it; Lean said it names meta code");
            assertEquals("Lean says '" + USERS_META_DEFINITION + "' is meta code here (a definition that runs at elaboration"
                    + " time), which a proof step may not name", results.get(0).explanation().orElseThrow());
            assertEquals(Verdict.REJECTED, results.get(2).verdict(), "a bare name in tactic position: the filter's refusal");
        }
    }

    @Test
    void readsAnAxiomTheFilesOwnEnvironmentDeclaresAsHonest() throws Exception {
        Path file = RECORDINGS.sourcePath("verdicts");
        String source = CheckedReplays.source("verdicts");

        try (LeanServer editing = idleEditingLean();
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "verdicts", 0);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(24, 2),
                    List.of("exact user_axiom n"))).get(60, TimeUnit.SECONDS);

            assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), results.toString());
        }
    }

    @Test
    void cancelsARequestForAnOlderVersionOfTheDocument() throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("replays/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");

        try (LeanServer editing = LeanServer.start(lean, SETTINGS);
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "basics", 0);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            editing.openDocument(file, 7, source).get(10, TimeUnit.SECONDS);

            CancellationException stale = assertThrows(CancellationException.class, () -> verifier.verify(
                    new VerifyRequest(file, 6, source, new LeanPosition(6, 2), List.of("split"))).get(10, TimeUnit.SECONDS));

            assertTrue(stale.getMessage().contains("version 6"));
            assertEquals(0, checkers.started(), "nothing was replayed");
        }
    }

    @Test
    void cancelsPendingReplaysWhenTheDocumentChanges() throws Exception {
        // Recorded delays kept (times 5) so the replays are still running when the edit comes.
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("replays/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");

        try (LeanServer editing = LeanServer.start(lean, SETTINGS);
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "basics", 5.0);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            editing.openDocument(file, 1, source).get(30, TimeUnit.SECONDS);
            List<ReplayResult> told = new CopyOnWriteArrayList<>();
            var pending = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2),
                    List.of("exact ⟨h.2, h.1⟩", "exact and.intro h.right h.left", "cases h with hp hq")), told::add);

            editing.changeDocument(file, 2, source + "\n");

            CancellationException cancelled = assertThrows(CancellationException.class, () -> pending.get(30, TimeUnit.SECONDS));
            assertTrue(cancelled.getMessage().contains("document changed"));
            int toldBeforeTheEdit = told.size();
            Thread.sleep(1500);
            assertEquals(toldBeforeTheEdit, told.size(), "nothing is told about a cancelled request: " + told);
            assertTrue(toldBeforeTheEdit < 3, told.toString());
        }
    }

    @Test
    void aTimedOutReplayReplacesItsCheckerAndLeavesTheEditingLeanAlone() throws Exception {
        // A recorded replay's check took about 200 ms; slowed down 50 times it takes seconds,
        // far beyond a 300 ms replay limit.
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("replays/basics.jsonl"));
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");
        LeanBridgeSettings shortReplays = SETTINGS.withReplay(1, Duration.ofMillis(300));

        try (LeanServer editing = LeanServer.start(lean, shortReplays);
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "basics", 50.0);
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            editing.openDocument(file, 1, source).get(10, TimeUnit.SECONDS);
            editing.waitUntilChecked(file).get(10, TimeUnit.SECONDS);

            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2),
                    List.of("exact ⟨h.2, h.1⟩", "split"))).get(30, TimeUnit.SECONDS);

            assertTrue(results.stream().allMatch(result -> result.verdict() == Verdict.TIMEOUT), results.toString());
            assertTrue(results.get(0).explanation().orElseThrow().contains("300 ms"));
            assertEquals(2, checkers.started(), "each timed-out checker was replaced by a fresh one");
            assertEquals(1, editing.generation(), "the editing Lean was not restarted");
            assertEquals(List.of(file), editing.openDocuments());
        }
        assertEquals(List.of(), lean.mismatches());
    }

    @Test
    void aCandidateThatKillsItsLeanCostsOnlyItsOwnVerdict() throws Exception {
        Path file = RECORDINGS.sourcePath("basics");
        String source = Recordings.source("basics");
        String killer = "cases h with hp hq";
        AtomicInteger started = new AtomicInteger();
        LeanBridgeSettings checkerSettings = SETTINGS.withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 0);
        // Each checker replays the recorded transcript, but dies the moment it is sent the killer.
        CheckerPool checkers = new CheckerPool(slot -> {
            started.incrementAndGet();
            ScriptedTransport.Factory recorded = ScriptedTransport.factory(RECORDINGS.script("checked/basics.jsonl"));
            return LeanServer.start(listener -> new DiesOn(killer, recorded.start(listener), listener), checkerSettings);
        }, 1, new CheckerPool.Confinement(false, "recorded checker"));

        try (LeanServer editing = idleEditingLean(); checkers;
             Verifier verifier = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2),
                    List.of("exact ⟨h.2, h.1⟩", killer, "split"))).get(30, TimeUnit.SECONDS);

            ReplayResult killed = results.stream().filter(result -> result.candidate().equals(killer)).findFirst().orElseThrow();
            assertEquals(Verdict.INVALID, killed.verdict());
            assertTrue(killed.explanation().orElseThrow().contains("died"), killed.toString());
            assertEquals(Verdict.CLOSES_GOAL, results.get(0).verdict(), results.toString());
            assertEquals("split", results.get(2).candidate());
            assertEquals(Verdict.PROGRESS, results.get(2).verdict(), results.toString());
            assertEquals(3, started.get(), "the killer was tried on two checkers, and the rest went on on a third");
        }
    }

    @Test
    void refusesAPositionOutsideATacticBlock() throws Exception {
        Path file = RECORDINGS.sourcePath("basics");

        try (LeanServer editing = idleEditingLean();
             CheckerPool checkers = CheckedReplays.checkers(RECORDINGS, "basics", 0);
             Verifier verifier = new Verifier(editing, checkers)) {
            ExecutionException outside = assertThrows(ExecutionException.class, () -> verifier.verify(new VerifyRequest(
                    file, 1, Recordings.source("basics"), new LeanPosition(1, 0), List.of("refl"))).get(10, TimeUnit.SECONDS));

            assertInstanceOf(IllegalArgumentException.class, outside.getCause());
        }
    }

    /** An editing Lean that is asked nothing: the verifier only listens to it for document changes. */
    static LeanServer idleEditingLean() throws IOException {
        return LeanServer.start(ScriptedTransport.factory(new ScriptedTransport.Script("idle", List.of())), SETTINGS);
    }

    /** A transport that forwards to a recorded Lean until it is sent {@code marker}, then dies as if killed. */
    private static final class DiesOn implements Transport {
        private final String marker;
        private final Transport recorded;
        private final TransportListener listener;
        private volatile boolean dead;

        DiesOn(String marker, Transport recorded, TransportListener listener) {
            this.marker = marker;
            this.recorded = recorded;
            this.listener = listener;
        }

        @Override
        public void send(String line) throws IOException {
            if (dead) {
                throw new IOException("Broken pipe");
            }
            if (line.contains(marker)) {
                dead = true;
                recorded.kill();
                return;
            }
            recorded.send(line);
        }

        @Override
        public void closeInput() {
            recorded.closeInput();
        }

        @Override
        public void kill() {
            recorded.kill();
        }

        @Override
        public void close() {
            recorded.close();
        }
    }
}
