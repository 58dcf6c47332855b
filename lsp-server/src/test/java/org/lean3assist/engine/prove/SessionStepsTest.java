package org.lean3assist.engine.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.testing.RecordedSessionLean;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.TacticSession;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * The search's explorer on tactic sessions that answer from a recording of a real one: verdicts
 * per candidate in the candidates' order across lanes, a lane that has not seen a node runs its
 * steps first, a session that dies is replaced and the node reached again, and a search explores
 * in sessions but reports only what the confirming checker closed.
 */
class SessionStepsTest {

    private static final TacticSession.Limits LIMITS = new TacticSession.Limits(Duration.ofSeconds(2), 100_000,
            Duration.ofSeconds(10));

    private static SessionSteps.Opener opener(RecordedSessionLean lean) {
        return () -> TacticSession.open(lean, lean.source(), lean.site(), LIMITS);
    }

    private static SessionSteps explorer(RecordedSessionLean lean, int lanes) throws IOException {
        List<TacticSession> sessions = new ArrayList<>();
        for (int lane = 0; lane < lanes; lane++) {
            sessions.add(opener(lean).open());
        }
        return new SessionSteps(sessions, opener(lean));
    }

    @Test
    void verdictsComeInTheCandidatesOrderFromEveryLane() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction");
        try (SessionSteps steps = explorer(lean, 2)) {
            List<ReplayResult> results = steps.check(List.of(), List.of("split", "cc", "simp", "refl", "exact ⟨hp, hq, rfl⟩"),
                    Cancellation.NEVER);
            assertEquals(List.of(0, 1, 2, 3, 4), results.stream().map(ReplayResult::index).toList());
            assertEquals(Verdict.PROGRESS, results.get(0).verdict());
            assertEquals(2, results.get(0).goalsAfter().orElseThrow().goals().size());
            assertEquals(Verdict.CLOSES_GOAL, results.get(4).verdict(), "a lead, for the search to confirm");
            assertEquals(Verdict.INVALID, results.get(3).verdict(), results.get(3).toString());
            assertEquals(List.of(), lean.unrecorded());
        }
    }

    @Test
    void aLaneThatHasNotSeenANodeRunsItsStepsOnceAndKeepsTheState() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction");
        try (SessionSteps steps = explorer(lean, 2)) {
            steps.check(List.of(), List.of("split"), Cancellation.NEVER);
            List<ReplayResult> deeper = steps.check(List.of("split"), List.of("exact hp", "assumption", "exact hq"),
                    Cancellation.NEVER);
            assertEquals(List.of(Verdict.PROGRESS, Verdict.PROGRESS, Verdict.INVALID),
                    deeper.stream().map(ReplayResult::verdict).toList());
            steps.check(List.of("split"), List.of("exact hq", "assumption"), Cancellation.NEVER);
            long splits = lean.requests().stream().filter(request -> request.contains("\"tactic\":\"split\"")).count();
            assertEquals(2, splits, "each of the two lanes ran the node's step once: " + lean.requests());
        }
    }

    @Test
    void aSessionThatDiesIsReplacedAndTheNodeReachedAgain() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction").dieOn("cc");
        try (SessionSteps steps = explorer(lean, 1)) {
            steps.check(List.of(), List.of("split"), Cancellation.NEVER);
            List<ReplayResult> results = steps.check(List.of("split"), List.of("cc", "exact hp"), Cancellation.NEVER);
            assertEquals(Verdict.INVALID, results.get(0).verdict(), "the step that killed Lean twice: " + results);
            assertTrue(results.get(0).explanation().orElseThrow().contains("ended"), results.toString());
            assertEquals(Verdict.INVALID, results.get(1).verdict(), "no third session in one expansion");
            List<ReplayResult> later = steps.check(List.of("split"), List.of("exact hp"), Cancellation.NEVER);
            assertEquals(Verdict.PROGRESS, later.get(0).verdict(), "the next expansion opens a session and goes on");
            assertTrue(steps.sessionsOpened() >= 3, "sessions opened: " + steps.sessionsOpened());
        }
    }

    @Test
    void aSearchExploresInSessionsAndReportsOnlyWhatTheConfirmerClosed() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction");
        StepSource source = (state, cancellation) -> List.of(
                new Step("split", -0.1, Suggestion.Source.PORTFOLIO),
                new Step("exact hp", -0.2, Suggestion.Source.PORTFOLIO),
                new Step("exact ⟨hq, rfl⟩", -0.3, Suggestion.Source.PORTFOLIO));
        List<String> confirmed = new ArrayList<>();
        StepChecker confirmer = (prefix, candidates, cancellation) -> {
            confirmed.addAll(candidates);
            return List.of(new ReplayResult(0, candidates.get(0), Verdict.CLOSES_GOAL, Optional.empty(), Optional.empty(),
                    List.of(), Duration.ZERO));
        };
        try (TacticSession first = TacticSession.open(lean, lean.source(), lean.site(), LIMITS);
             SessionSteps steps = new SessionSteps(List.of(first, opener(lean).open()), opener(lean))) {
            ProofSearch.Outcome outcome = new ProofSearch(steps, confirmer, List.of(source)).search(first.initial(),
                    new ProofSearch.Budget(20, Duration.ofSeconds(30), 8), Cancellation.NEVER, progress -> { });
            assertEquals(ProofSearch.Stop.PROVED, outcome.stop(), outcome.toString());
            assertEquals("split, exact hp, exact ⟨hq, rfl⟩", outcome.proof().orElseThrow().text());
            assertEquals(List.of("split, exact hp, exact ⟨hq, rfl⟩"), confirmed, "the whole text, once");
            assertEquals("session", outcome.figures().checking());
        }

        StepChecker refusing = (prefix, candidates, cancellation) -> List.of(new ReplayResult(0, candidates.get(0),
                Verdict.INVALID, Optional.empty(), Optional.of("refused"), List.of(), Duration.ZERO));
        RecordedSessionLean again = RecordedSessionLean.load("conjunction");
        try (TacticSession first = TacticSession.open(again, again.source(), again.site(), LIMITS);
             SessionSteps steps = new SessionSteps(List.of(first), opener(again))) {
            ProofSearch.Outcome outcome = new ProofSearch(steps, refusing, List.of(source)).search(first.initial(),
                    new ProofSearch.Budget(20, Duration.ofSeconds(30), 8), Cancellation.NEVER, progress -> { });
            assertTrue(outcome.proof().isEmpty(), "a lead the confirmer refuses is no proof: " + outcome);
        }
    }

    @Test
    void theProductsSearchesFindTheRecordedProofAtBasicsOrSwap() throws IOException {
        for (ProofSearch.Budget budget : List.of(org.lean3assist.engine.Engine.HOVER_BUDGET,
                org.lean3assist.engine.Engine.PROVE_BUDGET)) {
            RecordedSessionLean lean = RecordedSessionLean.load("basics-or-swap");
            StepChecker confirmer = (prefix, candidates, cancellation) -> List.of(new ReplayResult(0, candidates.get(0),
                    Verdict.CLOSES_GOAL, Optional.empty(), Optional.empty(), List.of(), Duration.ZERO));
            try (TacticSession first = TacticSession.open(lean, lean.source(), lean.site(), LIMITS);
                 SessionSteps steps = new SessionSteps(List.of(first, opener(lean).open()), opener(lean))) {
                ProofSearch.Outcome outcome = new ProofSearch(steps, confirmer, List.of(new SearchPortfolio(java.util.Set.of())))
                        .search(first.initial(), budget, Cancellation.NEVER, progress -> { });
                assertEquals("cases h, cc, cc", outcome.proof().map(ProofSearch.Proof::text).orElse("none: " + outcome),
                        budget.toString());
                assertEquals(List.of(), lean.unrecorded(), "the search asked only what the recording holds");
            }
        }
    }
}
