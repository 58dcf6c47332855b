package org.lean3assist.engine.prove;

import java.util.ArrayList;
import java.util.List;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * A model's samples as search steps. FIXME: {@link MathModel} gives its tactics best first but not
 * their log-probabilities, so the prior is the rank's ({@code log 1/(rank + 2)}), which puts the
 * model's first guess near the portfolio's best; the issue asks for the cumulative
 * log-probability, which needs the model's scores through {@code MathModel}.
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
        List<String> tactics = model.suggestTactics(state.render(), samples, cancellation);
        List<Step> steps = new ArrayList<>();
        for (int rank = 0; rank < tactics.size(); rank++) {
            if (!tactics.get(rank).isBlank()) {
                steps.add(new Step(tactics.get(rank), Math.log(1.0 / (rank + 2)), Suggestion.Source.MODEL));
            }
        }
        return steps;
    }
}
