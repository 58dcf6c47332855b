package org.lean3assist.engine.suggest;

import java.util.List;
import org.lean3assist.bridge.GoalAtPosition;
import org.lean3assist.engine.Cancellation;

/** Somewhere candidate tactics come from. What it returns is untrusted and always verified. */
public interface CandidateSource {

    /** Shown to the user as where a suggestion came from. */
    Suggestion.Source source();

    /**
     * Candidates for the first goal of {@code goal}, best first, at most {@code limit}.
     *
     * @param cancellation says when the answer is no longer wanted; long sources ask it
     */
    List<String> candidates(GoalAtPosition goal, int limit, Cancellation cancellation);

    /** The model-free {@link TacticPortfolio}. */
    static CandidateSource portfolio() {
        return new CandidateSource() {
            @Override
            public Suggestion.Source source() {
                return Suggestion.Source.PORTFOLIO;
            }

            @Override
            public List<String> candidates(GoalAtPosition goal, int limit, Cancellation cancellation) {
                return goal.goals().map(TacticPortfolio::candidates).orElse(List.of()).stream().limit(limit).toList();
            }
        };
    }
}
