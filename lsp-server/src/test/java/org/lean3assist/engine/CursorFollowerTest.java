package org.lean3assist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.CursorFollower.Phase;
import org.lean3assist.engine.CursorFollower.Report;
import org.lean3assist.engine.EditingWhileReplayingTest.Gate;
import org.lean3assist.engine.EditingWhileReplayingTest.Opened;

/**
 * The follower's ordering and staleness rules, over the recorded editing Lean of basics.lean and a
 * recorded checker behind a gate (the harness of {@link EditingWhileReplayingTest}): the test holds
 * a verdict in the checker, moves the document or the cursor on, and then lets the verdict through.
 */
class CursorFollowerTest {

    private static final long WAIT_SECONDS = 20;

    private static Report await(List<Report> reports, String what, Predicate<Report> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (true) {
            Optional<Report> found = reports.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertTrue(System.nanoTime() < deadline, "no report " + what + "; reports: " + reports);
            Thread.sleep(5);
        }
    }

    @Test
    void aPlaceIsReportedWaitingThenWithItsGoalThenWithEachVerdictInSequence() throws Exception {
        Gate gate = new Gate();
        try (Engine engine = new Engine(EditingWhileReplayingTest.parts(gate, Duration.ofSeconds(60)), LeanBridgeSettings.defaults())) {
            Opened opened = EditingWhileReplayingTest.openedWithTheGateShut(engine, gate);
            List<Report> reports = new CopyOnWriteArrayList<>();
            try (var follower = new CursorFollower(engine, reports::add)) {
                long subscription = follower.follow(EditingWhileReplayingTest.URI, 1, Optional.of(opened.place()),
                        engine.goalAt(opened.place()));
                await(reports, "checking", report -> report.phase() == Phase.CHECKING);
                gate.open();
                Report done = await(reports, "done", report -> report.phase() == Phase.DONE);

                Report first = reports.get(0);
                assertEquals(Phase.WAITING, first.phase());
                assertTrue(first.goal().isEmpty(), "the goal is not known yet");
                assertEquals(opened.goal(), reports.get(1).goal().orElseThrow(), "then Lean's goal, before any verdict");
                assertEquals(Phase.CHECKING, reports.get(1).phase());
                for (int i = 0; i < reports.size(); i++) {
                    assertEquals(subscription, reports.get(i).subscription());
                    assertEquals(1, reports.get(i).version());
                    assertEquals(first.sequence() + i, reports.get(i).sequence(), "reports are sent in sequence, none skipped");
                }
                assertEquals("exact or.swap h", done.suggestions().get(0).tactic());
                assertEquals(Verdict.CLOSES_GOAL, done.suggestions().get(0).verdict());
                assertTrue(done.search().isEmpty(), "a single tactic closes the goal: no search is started");
                assertEquals(done, reports.get(reports.size() - 1), "nothing after the last verdict");
            }
        }
    }

    @Test
    void aNewerVersionOfTheDocumentDropsTheVerdictsLeanGivesOnTheOlderOne() throws Exception {
        Gate gate = new Gate();
        try (Engine engine = new Engine(EditingWhileReplayingTest.parts(gate, Duration.ofSeconds(60)), LeanBridgeSettings.defaults())) {
            Opened opened = EditingWhileReplayingTest.openedWithTheGateShut(engine, gate);
            List<Report> reports = new CopyOnWriteArrayList<>();
            try (var follower = new CursorFollower(engine, reports::add)) {
                follower.follow(EditingWhileReplayingTest.URI, 1, Optional.of(opened.place()), engine.goalAt(opened.place()));
                await(reports, "checking", report -> report.phase() == Phase.CHECKING);
                EditingWhileReplayingTest.awaitHeld(gate);
                int before = reports.size();

                // The user types while Lean judges the candidate on version 1.
                engine.change(EditingWhileReplayingTest.URI, 2,
                        List.of(Documents.Change.full(EditingWhileReplayingTest.SOURCE + EditingSessionRecorder.EDIT)));
                gate.open();
                var work = engine.suggestions(opened.place());
                if (work.isPresent()) {
                    work.get().result().handle((ranked, failed) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
                }
                Thread.sleep(200);

                assertEquals(before, reports.size(), "nothing more is said of version 1: " + reports.subList(before, reports.size()));
                assertTrue(reports.stream().allMatch(report -> report.version() == 1));
            }
        }
    }

    @Test
    void followingAnotherPlaceEndsTheOldSubscriptionAndItsSearchCannotBeStoppedThroughIt() throws Exception {
        Gate gate = new Gate();
        try (Engine engine = new Engine(EditingWhileReplayingTest.parts(gate, Duration.ofSeconds(60)), LeanBridgeSettings.defaults())) {
            Opened opened = EditingWhileReplayingTest.openedWithTheGateShut(engine, gate);
            List<Report> reports = new CopyOnWriteArrayList<>();
            try (var follower = new CursorFollower(engine, reports::add)) {
                long first = follower.follow(EditingWhileReplayingTest.URI, 1, Optional.of(opened.place()), engine.goalAt(opened.place()));
                await(reports, "checking", report -> report.phase() == Phase.CHECKING);
                EditingWhileReplayingTest.awaitHeld(gate);

                // The cursor moves out of the proof.
                long second = follower.follow(EditingWhileReplayingTest.URI, 1, Optional.empty(),
                        CompletableFuture.completedFuture(Optional.empty()));
                Report outside = await(reports, "outside", report -> report.subscription() == second);
                gate.open();
                engine.suggestions(opened.place()).orElseThrow().result().get(WAIT_SECONDS, TimeUnit.SECONDS);
                Thread.sleep(200);

                assertTrue(second > first);
                assertEquals(Phase.OUTSIDE, outside.phase());
                assertTrue(outside.place().isEmpty() && outside.goal().isEmpty() && outside.suggestions().isEmpty());
                assertEquals(outside, reports.get(reports.size() - 1),
                        "the verdict Lean gave at the old place after the cursor left is not reported");
                assertFalse(follower.stopSearch(first), "an old subscription stops nothing");
                assertFalse(follower.stopSearch(second), "no search runs outside a proof");

                follower.unfollow();
                assertTrue(follower.subscription().isEmpty());
            }
        }
    }

    @Test
    void theStopButtonsRequestStopsTheSearchFromTheFollowedPlaceAndTheReportSaysSo() throws Exception {
        Gate gate = new Gate();
        try (Engine engine = new Engine(EditingWhileReplayingTest.parts(gate, Duration.ofSeconds(60)), LeanBridgeSettings.defaults())) {
            Opened opened = EditingWhileReplayingTest.openedWithTheGateShut(engine, gate);
            List<Report> reports = new CopyOnWriteArrayList<>();
            try (var follower = new CursorFollower(engine, reports::add)) {
                long subscription = follower.follow(EditingWhileReplayingTest.URI, 1, Optional.of(opened.place()),
                        engine.goalAt(opened.place()));
                await(reports, "checking", report -> report.phase() == Phase.CHECKING);
                // A search from the place, held like the verdicts behind the gate (it first asks the
                // checker which mathlib tactics the file has).
                var search = engine.searchInBackground(opened.place(), opened.goal().goals().orElseThrow());
                var site = opened.place().site().start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
                while (!engine.searching(EditingWhileReplayingTest.URI, 1, site)) {
                    assertTrue(System.nanoTime() < deadline, "the search did not start");
                    Thread.sleep(5);
                }

                assertTrue(follower.stopSearch(subscription), "a search was running there");
                gate.open();
                var outcome = search.get(WAIT_SECONDS * 3, TimeUnit.SECONDS);

                assertEquals(org.lean3assist.engine.prove.ProofSearch.Stop.CANCELLED, outcome.stop());
                Report stopped = await(reports, "the stopped search", report -> report.search()
                        .flatMap(CursorFollower.SearchReport::outcome).isPresent());
                assertFalse(stopped.search().orElseThrow().running());
                assertEquals(org.lean3assist.engine.prove.ProofSearch.Stop.CANCELLED,
                        stopped.search().orElseThrow().outcome().orElseThrow().stop());
                assertFalse(engine.searching(EditingWhileReplayingTest.URI, 1, site), "nothing runs there any more");
                assertFalse(follower.stopSearch(subscription), "nothing left to stop");
            }
        }
    }
}
