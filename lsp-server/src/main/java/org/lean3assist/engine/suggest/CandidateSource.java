package org.lean3assist.engine.suggest;

import java.util.List;
import java.util.function.BooleanSupplier;
import org.lean3assist.bridge.GoalAtPosition;

/** Somewhere candidate tactics come from. What it returns is untrusted and always verified. */
public interface CandidateSource {

    /** Shown to the user as where a suggestion came from: {@code model} or {@code portfolio}. */
    String name();

    /**
     * Candidates for the first goal of {@code goal}, best first, at most {@code limit}.
     *
     * @param cancelled turns true when the answer is no longer wanted; long sources check it
     */
    List<String> candidates(GoalAtPosition goal, int limit, BooleanSupplier cancelled);

    /** The model-free {@link TacticPortfolio}. */
    static CandidateSource portfolio() {
        return new CandidateSource() {
            @Override
            public String name() {
                return "portfolio";
            }

            @Override
            public List<String> candidates(GoalAtPosition goal, int limit, BooleanSupplier cancelled) {
                return goal.goals().map(TacticPortfolio::candidates).orElse(List.of()).stream().limit(limit).toList();
            }
        };
    }
}
