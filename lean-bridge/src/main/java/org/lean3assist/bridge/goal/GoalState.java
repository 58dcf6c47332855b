package org.lean3assist.bridge.goal;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A tactic state: the goals in Lean's order, none when the proof is complete.
 *
 * @param goals         the goals; empty means {@code no goals}
 * @param counted       whether Lean printed an {@code "N goals"} header; it does so for two or
 *                      more goals, never for the expected type of a term, and this flag keeps
 *                      rendering exact for the rare one-goal states that carry it
 */
public record GoalState(List<Goal> goals, boolean counted) {

    /** The state of a finished proof. */
    public static final GoalState NO_GOALS = new GoalState(List.of(), false);

    public GoalState {
        goals = List.copyOf(goals);
    }

    public boolean isSolved() {
        return goals.isEmpty();
    }

    /** Lean's text for this state. */
    public String render() {
        if (goals.isEmpty()) {
            return "no goals";
        }
        String body = goals.stream().map(Goal::render).collect(Collectors.joining("\n\n"));
        return counted ? goals.size() + " goals\n" + body : body;
    }
}
