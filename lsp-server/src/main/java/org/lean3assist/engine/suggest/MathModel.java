package org.lean3assist.engine.suggest;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What the server asks of a language model, in Lean's terms. The implementation adapts the
 * {@code model} module (a local ONNX model or a remote server); its output is untrusted text.
 */
public interface MathModel extends AutoCloseable {

    /** Up to {@code n} next tactics for a tactic state, best first. */
    List<String> suggestTactics(String tacticState, int n, BooleanSupplier cancelled);

    /** Up to {@code n} Lean 3 statements ({@code theorem name ... :=}) for a natural-language one. */
    List<String> formalize(String naturalLanguage, int n, BooleanSupplier cancelled);

    /** An English reading of a Lean 3 statement. */
    String informalize(String leanStatement, BooleanSupplier cancelled);

    /** For the status bar: {@code ready-cpu} or {@code ready-cuda}. */
    String status();

    @Override
    void close();

    /** Tactics asked of the model per request at most: each is a sampled decode, the costliest step. */
    int MAX_TACTICS_PER_REQUEST = 8;

    /** The model as a {@link CandidateSource}. */
    default CandidateSource asCandidateSource() {
        MathModel model = this;
        return new CandidateSource() {
            @Override
            public String name() {
                return "model";
            }

            @Override
            public List<String> candidates(org.lean3assist.bridge.GoalAtPosition goal, int limit, BooleanSupplier cancelled) {
                return model.suggestTactics(goal.rawState(), Math.min(limit, MAX_TACTICS_PER_REQUEST), cancelled);
            }
        };
    }
}
