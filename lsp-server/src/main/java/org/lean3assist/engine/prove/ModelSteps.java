package org.lean3assist.engine.prove;

import java.util.ArrayList;
import java.util.List;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * A model's samples as search steps, each with the log-probability of the model's output it came
 * from as its prior, so that a node's score is the cumulative log-probability of the model's steps
 * to it (and the portfolio's priors for the portfolio's). Where the model gives no log-probability
 * (a remote server that reports none), the prior is the rank's ({@code log 1/(rank + 2)}).
 */
public final class ModelSteps implements StepSource {

    private final MathModel model;
    private final int samples;

    public ModelSteps(MathModel model, int samples) {
        this.model = model;
        this.samples = Math.max(1, Math.min(samples, MathModel.MAX_TACTICS_PER_REQUEST));
    }

    @Override
    public List<Step> steps(GoalState state, Cancellation cancellation) {
        List<MathModel.ScoredTactic> tactics = model.scoredTactics(state.render(), samples, cancellation);
        List<Step> steps = new ArrayList<>();
        for (int rank = 0; rank < tactics.size(); rank++) {
            MathModel.ScoredTactic tactic = tactics.get(rank);
            if (!tactic.tactic().isBlank()) {
                double logProb = tactic.logProb();
                double prior = Double.isNaN(logProb) || Double.isInfinite(logProb) ? Math.log(1.0 / (rank + 2))
                        : Math.min(0.0, logProb);
                steps.add(new Step(tactic.tactic(), prior, Suggestion.Source.MODEL));
            }
        }
        return steps;
    }
}
