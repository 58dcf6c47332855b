package org.lean3assist.engine.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.goal.Goal;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.goal.Hypothesis;
import org.lean3assist.engine.Cancellation;

class SearchPortfolioTest {

    /** A miniF2F-valid style goal, as Lean 3.51.1 with mathlib prints it. */
    private static final GoalState ALGEBRA = GoalParser.parse(String.join("\n",
            "x y : ℝ,",
            "h₀ : x + y = 10,",
            "h₁ : x - y = 2",
            "⊢ x = 6"));

    private static List<String> tactics(Set<String> available, GoalState state) {
        return new SearchPortfolio(available).steps(state, Cancellation.NEVER).stream().map(Step::tactic).toList();
    }

    @Test
    void offersNoMathlibTacticInACoreOnlyFile() {
        List<String> core = tactics(Set.of(), ALGEBRA);

        for (String mathlib : SearchPortfolio.MATHLIB_TACTICS) {
            assertTrue(core.stream().noneMatch(tactic -> tactic.equals(mathlib) || tactic.startsWith(mathlib + " ")),
                    mathlib + " offered in a core-only file: " + core);
        }
        assertTrue(core.contains("simp"), core.toString());
    }

    @Test
    void offersMathlibsFinishingTacticsWithHintsFromTheHypotheses() {
        List<String> steps = tactics(Set.copyOf(SearchPortfolio.MATHLIB_TACTICS), ALGEBRA);

        assertEquals("norm_num", steps.get(0), steps.toString());
        assertTrue(steps.contains("linarith"), steps.toString());
        assertTrue(steps.contains("norm_num [h₀, h₁] at *"), steps.toString());
        assertTrue(steps.contains("nlinarith [sq_nonneg (x - y), sq_nonneg (x + y), h₀, h₁]"), steps.toString());
        assertTrue(steps.contains("rw h₀ at ⊢"), steps.toString());
        assertTrue(steps.contains("simp only [h₁] at *"), steps.toString());
        assertFalse(steps.contains("positivity"), "the goal is no positivity goal: " + steps);
        assertTrue(steps.indexOf("library_search") > steps.indexOf("linarith"), "the slow and broad ones last");
    }

    @Test
    void theSlowBroadTacticsAreTriedOnlyAtTheStart() {
        SearchPortfolio portfolio = new SearchPortfolio(Set.copyOf(SearchPortfolio.MATHLIB_TACTICS));
        List<String> atStart = portfolio.steps(ALGEBRA, 0, Cancellation.NEVER).stream().map(Step::tactic).toList();
        List<String> deeper = portfolio.steps(ALGEBRA, 2, Cancellation.NEVER).stream().map(Step::tactic).toList();

        assertTrue(atStart.containsAll(List.of("tidy", "library_search", "dec_trivial")), atStart.toString());
        assertTrue(deeper.stream().noneMatch(SearchPortfolio.AT_START_ONLY::contains), deeper.toString());
        assertTrue(deeper.contains("linarith") && deeper.contains("norm_num"), deeper.toString());
    }

    @Test
    void substitutesAVariableAnEquationDefines() {
        GoalState state = GoalParser.parse(String.join("\n", "n : ℕ,", "h₀ : n = 3", "⊢ n * n = 9"));

        List<String> steps = tactics(Set.of("norm_num", "interval_cases"), state);

        assertTrue(steps.contains("subst n"), steps.toString());
        assertTrue(steps.contains("interval_cases n"), steps.toString());
    }

    @Test
    void offersPositivityOnlyForASignGoalAndOnlyWhenTheEnvironmentHasIt() {
        GoalState sign = new GoalState(List.of(new Goal(Optional.empty(), List.of(new Hypothesis(List.of("a"), "ℝ")),
                "0 < a ^ 2 + 1")), false);

        assertTrue(tactics(Set.of("positivity"), sign).contains("positivity"));
        assertFalse(tactics(Set.of("norm_num"), sign).contains("positivity"));
    }

    @Test
    void proposesNothingForASolvedState() {
        assertEquals(List.of(), tactics(Set.copyOf(SearchPortfolio.MATHLIB_TACTICS), GoalState.NO_GOALS));
    }
}
