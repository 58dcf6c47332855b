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
    void reducesARemainderThroughItsPartsWithTheContextsEquations() {
        GoalState natural = GoalParser.parse(String.join("\n", "n : ℕ,", "h₀ : n % 7 = 3", "⊢ (2 * n + 1) % 7 = 0"));
        GoalState integer = GoalParser.parse(String.join("\n", "n : ℤ,", "h₀ : n % 5 = 3", "⊢ 2 * n % 5 = 1"));

        assertTrue(tactics(Set.of("norm_num"), natural).contains("norm_num [nat.add_mod, nat.mul_mod, nat.pow_mod, h₀]"),
                tactics(Set.of("norm_num"), natural).toString());
        assertTrue(tactics(Set.of("norm_num"), integer).contains("norm_num [int.add_mod, int.mul_mod, h₀]"),
                tactics(Set.of("norm_num"), integer).toString());
        assertTrue(tactics(Set.of("norm_num"), ALGEBRA).stream().noneMatch(tactic -> tactic.contains("_mod")),
                "no remainder in the goal, no remainder lemmas");
    }

    @Test
    void unfoldsAFunctionTheContextDefinesForEveryArgument() {
        GoalState state = GoalParser.parse(String.join("\n", "a b : ℝ,", "f : ℝ → ℝ,",
                "h₀ : ∀ (x : ℝ), f x = x ^ 2 + a * x + b,", "h₁ : ∀ (x : ℝ), 0 < x → f x = 1,", "h₂ : f b = 0", "⊢ a + b = -1"));

        List<String> steps = tactics(Set.of("norm_num", "linarith"), state);

        assertTrue(steps.contains("simp only [h₀] at *"), steps.toString());
        assertTrue(steps.contains("norm_num [h₀] at *"), steps.toString());
        assertTrue(steps.stream().noneMatch(tactic -> tactic.contains("[h₁] at *")), "h₁ has a premise: " + steps);
    }

    @Test
    void splitsAnAbsoluteValueIntoItsCasesAndAFloorByItsBounds() {
        GoalState abs = GoalParser.parse(String.join("\n", "a : ℝ,", "h₀ : 1 / 5 * |9 + 2 * a| < 1", "⊢ -7 < a ∧ a < -2"));
        GoalState floor = GoalParser.parse("⊢ ⌊(9:ℝ) / 160 * 100⌋ = 5");

        assertTrue(tactics(Set.of("linarith"), abs).contains("rcases abs_cases (9 + 2 * a) with ⟨h_abs, h_abs'⟩ | ⟨h_abs, h_abs'⟩"),
                tactics(Set.of("linarith"), abs).toString());
        assertTrue(tactics(Set.of("linarith"), abs).contains("split; linarith"), "the target is a conjunction");
        assertFalse(tactics(Set.of("linarith"), floor).contains("split; linarith"), "no conjunction");
        assertEquals(List.of("9 + 2 * a", "x - 1"), SearchPortfolio.absoluteValues(GoalParser.parse(String.join("\n",
                "x a : ℝ,", "h : abs (x - 1) < 2,", "h' : |9 + 2 * a| < 1", "⊢ |9 + 2 * a| ≤ 1")).goals().get(0))
                .stream().sorted().toList());
        assertTrue(tactics(Set.of("norm_num"), floor).contains("norm_num [int.floor_eq_iff]"), tactics(Set.of("norm_num"), floor).toString());
    }

    @Test
    void clearsDenominatorsAndCallsRingAsOneStep() {
        GoalState state = GoalParser.parse(String.join("\n", "x : ℝ,", "h₀ : x ≠ 0", "⊢ (4 / x)⁻¹ * (3 * x ^ 3 / x) ^ 2 = 9 / 4 * x ^ 5"));

        assertTrue(tactics(Set.of("field_simp", "ring"), state).contains("field_simp, ring"));
        assertFalse(tactics(Set.of("field_simp", "ring"), ALGEBRA).contains("field_simp, ring"), "no denominator");
    }

    @Test
    void proposesNothingForASolvedState() {
        assertEquals(List.of(), tactics(Set.copyOf(SearchPortfolio.MATHLIB_TACTICS), GoalState.NO_GOALS));
    }
}
