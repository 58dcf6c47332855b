package org.lean3assist.engine.prove;

import java.util.List;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.engine.Cancellation;

/** Proposes the steps to try on a state: the portfolio, or a model's samples. */
@FunctionalInterface
public interface StepSource {

    /** Steps for {@code state} (never solved), in the order proposed; may block (a model decodes). */
    List<Step> steps(GoalState state, Cancellation cancellation);

    /**
     * Steps for {@code state} reached after {@code depth} steps from the search's start (0 at the
     * start); by default the same at every depth.
     */
    default List<Step> steps(GoalState state, int depth, Cancellation cancellation) {
        return steps(state, cancellation);
    }
}
