package org.lean3assist.engine.suggest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;

/** The portfolio on states Lean 3.51.1 printed (taken from ../shared/lean3/goals). */
class TacticPortfolioTest {

    private static List<String> candidates(String leanState) {
        return TacticPortfolio.candidates(GoalParser.parse(leanState));
    }

    @Test
    void aConjunctionGoalWithAConjunctionHypothesis() {
        // basics.lean 6:2, where Lean recorded `cc` as closing the goal and `split` as progress.
        var candidates = candidates("p q : Prop,\nh : p ∧ q\n⊢ q ∧ p");
        assertTrue(candidates.containsAll(List.of("split", "cc", "cases h")), candidates.toString());
        assertFalse(candidates.contains("left"), "no disjunction anywhere: " + candidates);
    }

    @Test
    void anImplicationGetsAnIntroWithAFreshName() {
        var candidates = candidates("p q : Prop,\nh : p\n⊢ q → p");
        assertTrue(candidates.contains("intro h1"), candidates.toString());
        assertTrue(candidates.indexOf("intro h1") < candidates.indexOf("refl"), "shape tactics come first: " + candidates);
    }

    @Test
    void aHypothesisThatIsTheTargetIsTriedFirst() {
        var candidates = candidates("p q : Prop,\nhp : p,\nhq : q\n⊢ q");
        assertEquals("exact hq", candidates.get(0));
    }

    @Test
    void equationsAndNaturalNumbersGetRewritingAndInduction() {
        var candidates = candidates("a b : ℕ,\nh : a = b\n⊢ b + 0 = a");
        assertTrue(candidates.containsAll(List.of("rw h", "simp [h]", "induction a", "induction b")), candidates.toString());
    }

    @Test
    void operatorsInsideBracketsAreNotTheGoalsShape() {
        var candidates = candidates("p q : Prop\n⊢ (p ∨ q) ∧ true");
        assertTrue(candidates.contains("split"), candidates.toString());
        assertFalse(candidates.contains("left"), candidates.toString());
    }

    @Test
    void inaccessibleNamesAreNeverWrittenIntoATactic() {
        var candidates = candidates("n_ᾰ : ℕ,\n_x : false\n⊢ n_ᾰ = n_ᾰ");
        assertTrue(candidates.stream().noneMatch(tactic -> tactic.contains("ᾰ") || tactic.contains("_x")), candidates.toString());
    }

    @Test
    void aSolvedStateHasNoCandidates() {
        assertEquals(List.of(), TacticPortfolio.candidates(GoalState.NO_GOALS));
    }

    @Test
    void candidatesAreDistinct() {
        var candidates = candidates("h : false\n⊢ false");
        assertEquals(candidates.stream().distinct().toList(), candidates);
    }
}
