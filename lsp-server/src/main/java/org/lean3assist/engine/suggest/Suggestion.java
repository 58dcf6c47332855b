package org.lean3assist.engine.suggest;

import java.util.Comparator;
import java.util.Locale;
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
 * @param source     where it came from
 * @param order      its place among the candidates of its request, from 0, in the order they were proposed
 */
public record Suggestion(String tactic, Verdict verdict, Optional<GoalState> goalsAfter, Optional<String> message,
                         Source source, int order) {

    /**
     * The one ranking rule, for partial lists and final ones alike: closes the goal, then progress,
     * then the rest ({@link Verdict}'s order); among equals, the order the candidates were proposed
     * in (the model's best first, then the portfolio's).
     */
    public static final Comparator<Suggestion> BEST_FIRST =
            Comparator.comparing(Suggestion::verdict).thenComparingInt(Suggestion::order);

    /** Where a candidate came from. {@link #wire()} is its name in the protocol and the command line's JSON. */
    public enum Source {
        /** The language model. */
        MODEL("model"),
        /** The model-free {@link TacticPortfolio}. */
        PORTFOLIO("portfolio"),
        /** The user, on the command line ({@code verify}). */
        GIVEN("given");

        private final String wire;

        Source(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

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
        return status(verdict);
    }

    /** A verdict's wire name; {@code vscode-client/src/protocol.ts} mirrors the list. */
    public static String status(Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }
}
