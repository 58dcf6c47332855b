package org.lean3assist.bridge.goal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.testing.Recordings;

class GoalParserTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    @Test
    void roundTripsEveryRecordedStateToLeansExactText() {
        List<String> states = new ArrayList<>();
        for (String name : Recordings.SOURCE_NAMES) {
            for (JsonNode entry : RECORDINGS.json("goals/" + name + ".json")) {
                if (!entry.get("state").isNull()) {
                    states.add(entry.get("state").asText());
                }
            }
        }

        assertEquals(601, states.size(), "the corpus records 601 positions with a state");
        for (String state : states) {
            assertEquals(state, GoalParser.parse(state).render());
        }
    }

    @Test
    void parsesGroupedHypothesesAndTheTarget() {
        GoalState state = GoalParser.parse("a b c d e : ℕ,\np q r : Prop,\nh₁ : a ≤ b\n⊢ a ≤ e ∧ p");

        assertEquals(1, state.goals().size());
        Goal goal = state.goals().get(0);
        assertEquals(List.of(new Hypothesis(List.of("a", "b", "c", "d", "e"), "ℕ"),
                new Hypothesis(List.of("p", "q", "r"), "Prop"), new Hypothesis(List.of("h₁"), "a ≤ b")), goal.hypotheses());
        assertEquals("a ≤ e ∧ p", goal.target());
        assertEquals(List.of("a", "b", "c", "d", "e", "p", "q", "r", "h₁"), goal.hypothesisNames());
    }

    @Test
    void parsesCaseTagsAndTheGoalCount() {
        GoalState state = GoalParser.parse("2 goals\ncase nat.zero\n⊢ 0 + 0 = 0\n\ncase nat.succ\nk : ℕ,\nih : 0 + k = k\n⊢ 0 + k.succ = k.succ");

        assertEquals(2, state.goals().size());
        assertEquals(Optional.of("nat.zero"), state.goals().get(0).caseTag());
        assertEquals(List.of(), state.goals().get(0).hypotheses());
        assertEquals(Optional.of("nat.succ"), state.goals().get(1).caseTag());
        assertEquals("0 + k.succ = k.succ", state.goals().get(1).target());
    }

    @Test
    void parsesNoGoalsAndATermsExpectedTypeWithoutHeader() {
        assertTrue(GoalParser.parse("no goals").isSolved());
        GoalState term = GoalParser.parse("⊢ ∀ (𝓝 𝔽 : ℕ), 𝓝 = 𝔽 → 𝔽 = 𝓝");
        assertEquals("∀ (𝓝 𝔽 : ℕ), 𝓝 = 𝔽 → 𝔽 = 𝓝", term.goals().get(0).target());
    }

    @Test
    void keepsIndentedContinuationLinesWithTheirHypothesisOrTarget() {
        // Lean wraps long types onto lines indented by spaces; no recorded state is that long, so
        // this text follows the pretty printer's layout by hand.
        String wrapped = "f : ∀ (x : ℕ),\n    x + 0 = x,\nn : ℕ\n⊢ n + 0 =\n    n";

        GoalState state = GoalParser.parse(wrapped);

        assertEquals(new Hypothesis(List.of("f"), "∀ (x : ℕ),\n    x + 0 = x"), state.goals().get(0).hypotheses().get(0));
        assertEquals("n + 0 =\n    n", state.goals().get(0).target());
        assertEquals(wrapped, state.render());
    }

    @Test
    void refusesTextWithoutATurnstile() {
        assertThrows(IllegalArgumentException.class, () -> GoalParser.parse("p q : Prop"));
    }
}
