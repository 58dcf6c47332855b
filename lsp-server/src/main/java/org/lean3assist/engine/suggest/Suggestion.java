package org.lean3assist.engine.suggest;

import java.util.Optional;
import org.lean3assist.bridge.goal.GoalState;
import org.lean3assist.bridge.verify.Verdict;

/**
 * One candidate tactic and what Lean made of it.
 *
 * @param tactic     the tactic, without a trailing comma
 * @param verdict    Lean's verdict (or the safety filter's refusal)
 * @param goalsAfter the goals left, for {@link Verdict#PROGRESS}
 * @param message    Lean's error, or the filter's reason, when it failed
 * @param source     where it came from: {@code model} or {@code portfolio}
 */
public record Suggestion(String tactic, Verdict verdict, Optional<GoalState> goalsAfter, Optional<String> message,
                         String source) {

    /** Whether Lean accepted it: it closes the goal or makes progress. Only these are offered. */
    public boolean verified() {
        return verdict == Verdict.CLOSES_GOAL || verdict == Verdict.PROGRESS;
    }

    /** What Lean said of it, in words: "closes the goal", "makes progress; 2 goals left", "fails: ...". */
    public String describe() {
        return switch (verdict) {
            case CLOSES_GOAL -> "closes the goal";
            case PROGRESS -> goalsAfter
                    .map(goals -> "makes progress; " + (goals.goals().size() == 1 ? "1 goal left" : goals.goals().size() + " goals left"))
                    .orElse("makes progress");
            case INVALID -> "fails: " + message.orElse("Lean reported an error");
            case USES_SORRY -> "only with sorry";
            case TIMEOUT -> "timed out";
            case REJECTED -> "refused before Lean: " + message.orElse("not a safe tactic");
        };
    }

    /** The verdict as the protocol and the command line write it: {@code closes_goal}, {@code progress}, ... */
    public String status() {
        return verdict.name().toLowerCase(java.util.Locale.ROOT);
    }
}
