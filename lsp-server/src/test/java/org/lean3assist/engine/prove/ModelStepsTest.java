package org.lean3assist.engine.prove;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.goal.GoalParser;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.ModelStatus;
import org.lean3assist.engine.suggest.MathModel;

/** The model's samples as steps: their log-probabilities are the priors, the rank's where there are none. */
class ModelStepsTest {

    private static final GoalState GOAL = GoalParser.parse("p q : Prop,\nhp : p\n⊢ p ∨ q");

    private static MathModel scoring(List<MathModel.ScoredTactic> answer) {
        return new MathModel() {
            @Override
            public List<String> suggestTactics(String tacticState, int n, Cancellation cancelled) {
                return answer.stream().map(MathModel.ScoredTactic::tactic).toList();
            }

            @Override
            public List<ScoredTactic> scoredTactics(String tacticState, int n, Cancellation cancelled) {
                return answer;
            }

            @Override
            public List<String> formalize(String naturalLanguage, int n, Cancellation cancelled) {
                return List.of();
            }

            @Override
            public String informalize(String leanStatement, Cancellation cancelled) {
                return "";
            }

            @Override
            public ModelStatus status() {
                return ModelStatus.READY_CPU;
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void aSamplesLogProbabilityIsItsPrior() {
        List<Step> steps = new ModelSteps(scoring(List.of(new MathModel.ScoredTactic("left", -0.25),
                new MathModel.ScoredTactic("exact or.inl hp", -3.5))), 4).steps(GOAL, Cancellation.NEVER);

        assertEquals(List.of("left", "exact or.inl hp"), steps.stream().map(Step::tactic).toList());
        assertEquals(-0.25, steps.get(0).logPrior(), 1e-12);
        assertEquals(-3.5, steps.get(1).logPrior(), 1e-12);
    }

    @Test
    void withoutLogProbabilitiesTheRankGivesThePrior() {
        List<Step> steps = new ModelSteps(scoring(List.of(new MathModel.ScoredTactic("left", Double.NaN),
                new MathModel.ScoredTactic("right", Double.NaN), new MathModel.ScoredTactic(" ", -1.0))), 4)
                .steps(GOAL, Cancellation.NEVER);

        assertEquals(List.of("left", "right"), steps.stream().map(Step::tactic).toList(), "a blank sample is no step");
        assertEquals(Math.log(1.0 / 2), steps.get(0).logPrior(), 1e-12);
        assertEquals(Math.log(1.0 / 3), steps.get(1).logPrior(), 1e-12);
    }
}
