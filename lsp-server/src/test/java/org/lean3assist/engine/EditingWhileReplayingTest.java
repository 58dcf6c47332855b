package org.lean3assist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.testing.ForwardingTransport;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.transport.Transport;
import org.lean3assist.bridge.transport.TransportFactory;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.suggest.CandidateSource;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * The editing Lean and the checkers are apart: while a replay is held in a checker that does not
 * answer, the user's document is still answered (a goal, an edit's diagnostics), and a replay that
 * times out replaces its checker without touching the editing Lean. The editing Lean replays a real
 * session of editing {@code basics.lean} ({@code editing/basics-edit.jsonl}, from
 * {@link EditingSessionRecorder}); the checker replays the recorded checks of its replays, held
 * behind a gate the test opens.
 */
class EditingWhileReplayingTest {

    static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();
    static final Path FILE = RECORDINGS.workspace().resolve("basics.lean");
    static final String URI = FILE.toUri().toString();
    static final String SOURCE = Recordings.source("basics");
    private static final LeanPosition SITE = new LeanPosition(15, 2);
    private static final LeanPosition OTHER = new LeanPosition(6, 2);
    private static final long WAIT_SECONDS = 20;

    /**
     * Lines to a checker pass until the gate is shut; then they are held until it opens again.
     * It counts what it held back.
     */
    static final class Gate {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger held = new AtomicInteger();
        volatile boolean shut;

        void open() {
            shut = false;
            open.countDown();
        }
    }

    /**
     * The engine's parts: the editing Lean at once, one checker behind {@code gate}, the replay limit
     * {@code replayTimeout}, and one candidate at 15:2 that Lean recorded as closing the goal.
     */
    static EngineParts parts(Gate gate, Duration replayTimeout) {
        LeanStarter starter = new LeanStarter() {
            @Override
            public LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws IOException {
                return LeanServer.start(ScriptedTransport.factory(RECORDINGS.script("editing/basics-edit.jsonl")),
                        settings.withReplay(1, replayTimeout));
            }

            @Override
            public CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings) {
                LeanBridgeSettings checker = LeanBridgeSettings.defaults().withTrailingMessagesWait(Duration.ofMillis(20))
                        .withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 0);
                return new CheckerPool(slot -> LeanServer.start(gated(ScriptedTransport.factory(
                        RECORDINGS.script("checked/basics.jsonl")), gate), checker),
                        1, new CheckerPool.Confinement(false, "recorded checker behind a gate"));
            }
        };
        CandidateSource one = new CandidateSource() {
            @Override
            public Suggestion.Source source() {
                return Suggestion.Source.PORTFOLIO;
            }

            @Override
            public List<String> candidates(GoalAtPosition goal, int limit, Cancellation cancellation) {
                return List.of("exact or.swap h");
            }
        };
        return EngineParts.product().withLean(starter).withModel(config -> Optional.empty())
                .withCandidateSources(model -> List.of(one));
    }

    /**
     * A checker that reads every line at once but passes nothing on until the gate opens, as a
     * Lean busy elaborating does: a replay waits on it, nobody else does.
     */
    private static TransportFactory gated(TransportFactory recorded, Gate gate) {
        return listener -> {
            Transport inner = recorded.start(listener);
            Queue<String> queued = new ArrayDeque<>();
            Thread forwarder = new Thread(() -> {
                try {
                    gate.open.await();
                    gate.shut = false;
                    synchronized (queued) {
                        for (String line = queued.poll(); line != null; line = queued.poll()) {
                            inner.send(line);
                        }
                    }
                } catch (InterruptedException stopped) {
                    // Killed before the gate opened: what was held is dropped, as a dead Lean drops it.
                } catch (IOException refused) {
                    // A line the recording does not have: as a Lean that dies on a write, it exits.
                    inner.kill();
                }
            }, "gated-checker");
            forwarder.setDaemon(true);
            forwarder.start();
            return new ForwardingTransport(inner) {
                @Override
                public void send(String line) throws IOException {
                    synchronized (queued) {
                        if (gate.shut || !queued.isEmpty()) {
                            queued.add(line);
                            gate.held.incrementAndGet();
                            return;
                        }
                    }
                    inner.send(line);
                }

                @Override
                public void kill() {
                    forwarder.interrupt();
                    inner.kill();
                }

                @Override
                public void close() {
                    forwarder.interrupt();
                    inner.close();
                }
            };
        };
    }

    /**
     * Waits for the warm-up the engine started when the document was opened (the same future the
     * pool gives for the same file), then shuts the gate: what it holds from now on is a replay.
     */
    private static void warmedThenShut(LeanProject project, Gate gate) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (project.checkers().started() == 0) {
            assertTrue(System.nanoTime() < deadline, "opening the document starts the checkers, before any suggestion");
            Thread.sleep(5);
        }
        project.checkers().warm(FILE.toString(), SOURCE).handle((done, failed) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
        gate.shut = true;
    }

    /** basics.lean opened and checked, its editing Lean's generation then, and the place at 15:2 with its goal. */
    record Opened(List<LeanMessage> messages, int generation, Engine.Place place, GoalAtPosition goal) {}

    /**
     * Opens basics.lean, checks it, waits for the warm-up the open started and shuts the gate, then
     * finds the place at 15:2 and Lean's goal there: what both tests start from.
     */
    static Opened openedWithTheGateShut(Engine engine, Gate gate) throws Exception {
        var document = engine.open(URI, 1, SOURCE);
        LeanProject project = engine.project(FILE);
        List<LeanMessage> messages = engine.check(project, document).get(WAIT_SECONDS, TimeUnit.SECONDS);
        int generation = project.server().generation();
        warmedThenShut(project, gate);
        var place = engine.place(project, document, SITE).orElseThrow();
        var goal = engine.goalAt(place).get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow();
        return new Opened(messages, generation, place, goal);
    }

    static void awaitHeld(Gate gate) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (gate.held.get() == 0) {
            assertTrue(System.nanoTime() < deadline, "no replay reached the checker");
            Thread.sleep(5);
        }
    }

    @Test
    void theEditedDocumentsGoalAndDiagnosticsAreAnsweredWhileAReplayIsHeld() throws Exception {
        Gate gate = new Gate();
        try (Engine engine = new Engine(parts(gate, Duration.ofSeconds(60)), LeanBridgeSettings.defaults())) {
            Opened opened = openedWithTheGateShut(engine, gate);
            assertTrue(opened.messages().stream().noneMatch(message -> message.severity() == LeanMessage.Severity.ERROR),
                    opened.messages().toString());
            var document = opened.place().document();
            LeanProject project = opened.place().project();
            int generation = opened.generation();
            var place = opened.place();
            var goal = opened.goal();
            SuggestionWork work = engine.suggest(place, goal);
            awaitHeld(gate);

            // The checker holds a replay; the user's document is answered all the same.
            var other = engine.goalAt(project, document, OTHER).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(other.isPresent(), "the goal at 6:2 while a replay is held");
            assertFalse(work.result().isDone(), "the replay is still held");

            var edited = engine.change(URI, 2, List.of(Documents.Change.full(SOURCE + EditingSessionRecorder.EDIT)))
                    .orElseThrow();
            assertTrue(work.cancelled(), "the edit cancels the older version's suggestions");
            List<LeanMessage> after = engine.check(project, edited).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(after.stream().anyMatch(message -> message.severity() == LeanMessage.Severity.ERROR
                    && message.line() == 95), after.toString());
            assertTrue(engine.goalAt(project, edited, OTHER).get(WAIT_SECONDS, TimeUnit.SECONDS).isPresent());

            assertEquals(1, gate.open.getCount(), "all of it was answered with the gate shut");
            assertEquals(generation, project.server().generation(), "the editing Lean was never restarted");
            gate.open();
        }
    }

    @Test
    void aReplayThatTimesOutReplacesItsCheckerAndLeavesTheEditingLeanAsItWas() throws Exception {
        Gate gate = new Gate();
        try (Engine engine = new Engine(parts(gate, Duration.ofMillis(400)), LeanBridgeSettings.defaults())) {
            Opened opened = openedWithTheGateShut(engine, gate);
            var document = opened.place().document();
            LeanProject project = opened.place().project();
            int generation = opened.generation();
            var place = opened.place();
            var goal = opened.goal();
            int startedBefore = project.checkers().started();
            List<Suggestion> judged = engine.suggest(place, goal).result().get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertEquals(1, judged.size(), judged.toString());
            assertFalse(judged.get(0).verified(), "no verdict without Lean's answer: " + judged);
            assertEquals(Verdict.TIMEOUT, judged.get(0).verdict(), judged.toString());
            assertEquals(generation, project.server().generation(), "the editing Lean was not restarted");
            assertTrue(engine.goalAt(project, document, OTHER).get(WAIT_SECONDS, TimeUnit.SECONDS).isPresent(),
                    "the editing Lean still answers");

            // The timed-out checker was killed; the next replay starts a fresh one, which answers.
            gate.open();
            List<Suggestion> again = engine.verify(place, List.of("exact or.swap h")).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertTrue(project.checkers().started() > startedBefore, "a fresh checker replaced the one that timed out");
            assertEquals(Verdict.CLOSES_GOAL, again.get(0).verdict(), again.toString());
            assertEquals(generation, project.server().generation());
        }
    }
}
