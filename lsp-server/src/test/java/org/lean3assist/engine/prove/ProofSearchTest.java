package org.lean3assist.engine.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.goal.Hypothesis;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.bridge.verify.Verdict;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * The search over a scripted checker: a deterministic tree of states, where each path (the steps
 * joined by ", ", as the verifier replays them) has the verdict the script gives, and every other
 * path is INVALID.
 */
class ProofSearchTest {

    private static final GoalState ROOT = state("p ∧ q");
    private static final GoalState LEFT = state("p");
    private static final GoalState TWO = new GoalState(List.of(goal("p"), goal("q")), true);

    /** A checker that answers from a script and records what it was asked, in order. */
    static class ScriptedChecker implements StepChecker {
        final Map<String, ReplayResult> script = new HashMap<>();
        final List<String> asked = new ArrayList<>();
        final List<List<String>> prefixes = new ArrayList<>();

        ScriptedChecker closes(String path) {
            script.put(path, result(path, Verdict.CLOSES_GOAL, Optional.empty()));
            return this;
        }

        ScriptedChecker progress(String path, GoalState after) {
            script.put(path, result(path, Verdict.PROGRESS, Optional.of(after)));
            return this;
        }

        ScriptedChecker invalid(String path) {
            script.put(path, result(path, Verdict.INVALID, Optional.empty()));
            return this;
        }

        @Override
        public List<ReplayResult> check(List<String> prefix, List<String> candidates, Cancellation cancellation) {
            prefixes.add(prefix);
            List<ReplayResult> results = new ArrayList<>();
            for (int index = 0; index < candidates.size(); index++) {
                String path = prefix.isEmpty() ? candidates.get(index) : String.join(", ", prefix) + ", " + candidates.get(index);
                asked.add(path);
                ReplayResult scripted = script.getOrDefault(path, result(path, Verdict.INVALID, Optional.empty()));
                results.add(new ReplayResult(index, path, scripted.verdict(), scripted.goalsAfter(), scripted.explanation(),
                        List.of(), Duration.ZERO));
            }
            return results;
        }
    }

    /** Proposes the same steps, with the given priors, on every state. */
    private static StepSource steps(Object... tacticsAndPriors) {
        List<Step> steps = new ArrayList<>();
        for (int index = 0; index < tacticsAndPriors.length; index += 2) {
            steps.add(new Step((String) tacticsAndPriors[index], (Double) tacticsAndPriors[index + 1],
                    Suggestion.Source.PORTFOLIO));
        }
        return (state, cancellation) -> steps;
    }

    private static final ProofSearch.Budget BUDGET = new ProofSearch.Budget(50, Duration.ofMinutes(5), 16);

    @Test
    void findsATwoStepProofAndReportsItOnlyAfterTheWholeTextIsChecked() {
        ScriptedChecker checker = new ScriptedChecker()
                .progress("split", TWO)
                .progress("split, exact hp", state("q"))
                .closes("split, exact hp, exact hq");
        ProofSearch.Outcome outcome = new ProofSearch(checker, List.of(steps("split", -0.5, "exact hp", -1.0,
                "exact hq", -1.0))).search(ROOT, BUDGET, Cancellation.NEVER, progress -> { });

        assertEquals(ProofSearch.Stop.PROVED, outcome.stop());
        assertEquals(List.of("split", "exact hp", "exact hq"), outcome.proof().orElseThrow().steps());
        assertEquals("split, exact hp, exact hq", outcome.proof().orElseThrow().text());
        // The last question was the whole text, asked by itself with no prefix.
        assertEquals(List.of(), checker.prefixes.get(checker.prefixes.size() - 1));
        assertEquals("split, exact hp, exact hq", checker.asked.get(checker.asked.size() - 1));
        assertTrue(outcome.bestState().isSolved());
    }

    @Test
    void refusesAProofThatClosedStepByStepButNotWhole() {
        ScriptedChecker checker = new ScriptedChecker()
                .progress("intro h", LEFT)
                .closes("intro h, trick")
                .progress("cases h", state("r"))
                .closes("cases h, exact r");
        // The whole-text check of "intro h, trick" is asked with no prefix, and says INVALID.
        ScriptedChecker whole = new ScriptedChecker() {
            @Override
            public List<ReplayResult> check(List<String> prefix, List<String> candidates, Cancellation cancellation) {
                if (prefix.isEmpty() && candidates.equals(List.of("intro h, trick"))) {
                    asked.add("whole: intro h, trick");
                    return List.of(result("intro h, trick", Verdict.INVALID, Optional.empty()));
                }
                return checker.check(prefix, candidates, cancellation);
            }
        };
        ProofSearch.Outcome outcome = new ProofSearch(whole, List.of(steps("intro h", -0.1, "cases h", -0.2,
                "trick", -0.3, "exact r", -0.4))).search(ROOT, BUDGET, Cancellation.NEVER, progress -> { });

        assertTrue(whole.asked.contains("whole: intro h, trick"), "the closing path was checked whole");
        assertEquals(List.of("cases h", "exact r"), outcome.proof().orElseThrow().steps());
    }

    @Test
    void reportsNoProofWhenTheOnlyClosingPathFailsWhole() {
        ScriptedChecker checker = new ScriptedChecker() {
            @Override
            public List<ReplayResult> check(List<String> prefix, List<String> candidates, Cancellation cancellation) {
                List<ReplayResult> results = super.check(prefix, candidates, cancellation);
                return prefix.isEmpty() && candidates.equals(List.of("intro h, trick"))
                        ? List.of(result("intro h, trick", Verdict.USES_SORRY, Optional.empty())) : results;
            }
        }.progress("intro h", LEFT).closes("intro h, trick");
        ProofSearch.Outcome outcome = new ProofSearch(checker, List.of(steps("intro h", -0.1, "trick", -0.3)))
                .search(ROOT, BUDGET, Cancellation.NEVER, progress -> { });

        assertTrue(outcome.proof().isEmpty());
        assertEquals(ProofSearch.Stop.EXHAUSTED, outcome.stop());
        assertEquals(List.of("intro h"), outcome.bestSteps());
        assertEquals(LEFT, outcome.bestState());
    }

    @Test
    void expandsAStateReachedTwiceOnceAndDropsAStepThatChangesNothing() {
        GoalState same = state("p  ∧\n q"); // the root's state, printed with other white space
        ScriptedChecker checker = new ScriptedChecker()
                .progress("intro x", LEFT)
                .progress("intros", state("p"))
                .progress("unfold", same);
        ProofSearch.Outcome outcome = new ProofSearch(checker, List.of(steps("intro x", -0.1, "intros", -0.2,
                "unfold", -0.3))).search(ROOT, BUDGET, Cancellation.NEVER, progress -> { });

        assertEquals(ProofSearch.Stop.EXHAUSTED, outcome.stop());
        // The root and the one new state: "intros" reached it again, "unfold" reached the root again.
        assertEquals(2, outcome.figures().expansions());
        assertEquals(List.of(List.of(), List.of("intro x")), checker.prefixes);
        assertEquals(2, outcome.figures().nodes());
    }

    @Test
    void expandsTheMostLikelyStateFirstAndFewerGoalsAmongEquals() {
        ScriptedChecker checker = new ScriptedChecker()
                .progress("a", state("A"))
                .progress("b", TWO)
                .progress("c", state("C"));
        new ProofSearch(checker, List.of(steps("a", -2.0, "b", -0.5, "c", -0.5)))
                .search(ROOT, new ProofSearch.Budget(3, Duration.ofMinutes(1), 16), Cancellation.NEVER, progress -> { });

        // b and c are as likely; c leaves one goal, b two; a is least likely.
        assertEquals(List.of(List.of(), List.of("c"), List.of("b")), checker.prefixes);
    }

    @Test
    void stopsAtTheExpansionBudget() {
        ScriptedChecker checker = new ScriptedChecker();
        StepSource deeper = (state, cancellation) -> List.of(new Step("grow", -0.1, Suggestion.Source.PORTFOLIO));
        StepChecker growing = (prefix, candidates, cancellation) -> {
            checker.prefixes.add(prefix);
            return List.of(result("grow", Verdict.PROGRESS, Optional.of(state("P" + prefix.size()))));
        };
        ProofSearch.Outcome outcome = new ProofSearch(growing, List.of(deeper))
                .search(ROOT, new ProofSearch.Budget(4, Duration.ofMinutes(1), 16), Cancellation.NEVER, progress -> { });

        assertEquals(ProofSearch.Stop.EXPANSIONS, outcome.stop());
        assertEquals(4, outcome.figures().expansions());
        assertEquals(4, checker.prefixes.size());
        assertEquals(4, outcome.figures().maxDepth());
    }

    @Test
    void stopsWhenTheTimeIsSpent() {
        AtomicLong now = new AtomicLong();
        StepChecker slow = (prefix, candidates, cancellation) -> {
            now.addAndGet(Duration.ofSeconds(4).toNanos());
            return List.of(result("grow", Verdict.PROGRESS, Optional.of(state("P" + prefix.size()))));
        };
        StepSource grow = (state, cancellation) -> List.of(new Step("grow", -0.1, Suggestion.Source.PORTFOLIO));
        ProofSearch.Outcome outcome = new ProofSearch(slow, List.of(grow), now::get)
                .search(ROOT, new ProofSearch.Budget(100, Duration.ofSeconds(10), 16), Cancellation.NEVER, progress -> { });

        assertEquals(ProofSearch.Stop.TIME, outcome.stop());
        assertEquals(3, outcome.figures().expansions(), "expansions start at 0 s, 4 s and 8 s; at 12 s the time is spent");
        assertEquals(Duration.ofSeconds(12), outcome.figures().elapsed());
    }

    @Test
    void stopsInsideAnExpansionWhenTheTimeIsSpent() {
        AtomicLong now = new AtomicLong();
        StepChecker slow = (prefix, candidates, cancellation) -> {
            now.addAndGet(Duration.ofSeconds(30).toNanos());
            if (cancellation.isCancelled()) {
                throw new java.util.concurrent.CancellationException("the time is spent");
            }
            return List.of(result("grow", Verdict.PROGRESS, Optional.of(state("P"))));
        };
        StepSource grow = (state, cancellation) -> List.of(new Step("grow", -0.1, Suggestion.Source.PORTFOLIO));
        ProofSearch.Outcome outcome = new ProofSearch(slow, List.of(grow), now::get)
                .search(ROOT, new ProofSearch.Budget(100, Duration.ofSeconds(10), 16), Cancellation.NEVER, progress -> { });

        assertEquals(ProofSearch.Stop.TIME, outcome.stop());
        assertEquals(List.of(), outcome.bestSteps());
    }

    @Test
    void stopsWhenCancelledAndAsksNothingMore() {
        AtomicBoolean cancelled = new AtomicBoolean();
        List<List<String>> asked = new ArrayList<>();
        StepChecker checker = (prefix, candidates, cancellation) -> {
            asked.add(prefix);
            return List.of(result("grow", Verdict.PROGRESS, Optional.of(state("P" + prefix.size()))));
        };
        StepSource grow = (state, cancellation) -> List.of(new Step("grow", -0.1, Suggestion.Source.PORTFOLIO));
        List<ProofSearch.Progress> told = new ArrayList<>();
        ProofSearch.Outcome outcome = new ProofSearch(checker, List.of(grow)).search(ROOT, BUDGET, cancelled::get,
                progress -> {
                    told.add(progress);
                    cancelled.set(progress.figures().expansions() == 2);
                });

        assertEquals(ProofSearch.Stop.CANCELLED, outcome.stop());
        assertEquals(2, asked.size());
        assertEquals(2, told.size());
        assertEquals(List.of("grow"), told.get(1).bestSteps(), "as many goals deeper down, but less likely");
    }

    @Test
    void keepsTheBestStepsPerNodeAcrossSourcesAndTheFirstSourcesPrior() {
        ScriptedChecker checker = new ScriptedChecker();
        StepSource model = steps("simp", -3.0, "norm_num", -0.2);
        StepSource portfolio = steps("simp", -0.1, "ring", -0.5, "linarith", -0.4);
        new ProofSearch(checker, List.of(model, portfolio))
                .search(ROOT, new ProofSearch.Budget(1, Duration.ofMinutes(1), 3), Cancellation.NEVER, progress -> { });

        // simp keeps the model's prior (-3.0) and falls out of the best three.
        assertEquals(List.of("norm_num", "linarith", "ring"), checker.asked);
    }

    @Test
    void aSourceThatFailsIsSkipped() {
        ScriptedChecker checker = new ScriptedChecker().closes("rfl");
        StepSource broken = (state, cancellation) -> {
            throw new IllegalStateException("the model crashed");
        };
        ProofSearch.Outcome outcome = new ProofSearch(checker, List.of(broken, steps("rfl", -0.1)))
                .search(ROOT, BUDGET, Cancellation.NEVER, progress -> { });

        assertEquals("rfl", outcome.proof().orElseThrow().text());
        assertFalse(checker.asked.isEmpty());
    }

    // ---- helpers ---------------------------------------------------------------------------------

    static GoalState state(String target) {
        return new GoalState(List.of(goal(target)), false);
    }

    static Goal goal(String target) {
        return new Goal(Optional.empty(), List.of(new Hypothesis(List.of("hp"), "p")), target);
    }

    static ReplayResult result(String candidate, Verdict verdict, Optional<GoalState> after) {
        return new ReplayResult(0, candidate, verdict, after, Optional.empty(), List.of(), Duration.ZERO);
    }
}
