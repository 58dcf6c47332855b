package org.lean3assist.engine.suggest;

import java.util.List;
import java.util.Optional;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.ModelStatus;
import org.lean3assist.model.solve.Interpreter;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.Solver;
import org.lean3assist.model.solve.WrittenSolution;

/**
 * What the server asks of a language model, in Lean's terms. The implementation adapts the
 * {@code model} module (a local ONNX model or a remote server); its output is untrusted text.
 */
public interface MathModel extends AutoCloseable {

    /** Up to {@code n} next tactics for a tactic state, best first. */
    List<String> suggestTactics(String tacticState, int n, Cancellation cancelled);

    /**
     * A tactic with the log-probability of the model's output it came from ({@link Double#NaN} when
     * the model does not say, as a remote server may not).
     */
    record ScoredTactic(String tactic, double logProb) {}

    /** The same as {@link #suggestTactics}, with each tactic's log-probability; NaN where the model gives none. */
    default List<ScoredTactic> scoredTactics(String tacticState, int n, Cancellation cancelled) {
        return suggestTactics(tacticState, n, cancelled).stream().map(tactic -> new ScoredTactic(tactic, Double.NaN)).toList();
    }

    /** Up to {@code n} Lean 3 statements ({@code theorem name ... :=}) for a natural-language one. */
    List<String> formalize(String naturalLanguage, int n, Cancellation cancelled);

    /** An English reading of a Lean 3 statement. */
    String informalize(String leanStatement, Cancellation cancelled);

    /** How this model solves word problems; empty when its prompt profile has no solve prompt. */
    default Optional<SolveMode> solveMode() {
        return Optional.empty();
    }

    /**
     * Solutions to a word problem in {@link #solveMode()}, parsed, unchecked; programs go to {@code interpreter}.
     *
     * @throws UnsupportedOperationException when {@link #solveMode()} is empty
     */
    default List<WrittenSolution> solve(String question, Solver.Options options, Interpreter interpreter,
                                        Cancellation cancelled) {
        throw new UnsupportedOperationException("this model's prompt profile has no solve prompt");
    }

    /** Whether {@link #judge} asks the model anything (InternLM2-Math's outcome reward prompt). */
    default boolean judges() {
        return false;
    }

    /** The model's judgement of a solution to a question: correct, incorrect, or empty when it gives none. */
    default Optional<Boolean> judge(String question, String solution, Cancellation cancelled) {
        return Optional.empty();
    }

    /** For the status bar: where it runs (CPU, CUDA, a remote server). */
    ModelStatus status();

    @Override
    void close();

    /** Tactics asked of the model per request at most: each is a sampled decode, the costliest step. */
    int MAX_TACTICS_PER_REQUEST = 8;

    /** The model as a {@link CandidateSource}. */
    default CandidateSource asCandidateSource() {
        MathModel model = this;
        return new CandidateSource() {
            @Override
            public Suggestion.Source source() {
                return Suggestion.Source.MODEL;
            }

            @Override
            public List<String> candidates(org.lean3assist.bridge.GoalAtPosition goal, int limit, Cancellation cancelled) {
                return model.suggestTactics(goal.rawState(), Math.min(limit, MAX_TACTICS_PER_REQUEST), cancelled);
            }
        };
    }
}
