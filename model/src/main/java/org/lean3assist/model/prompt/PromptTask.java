package org.lean3assist.model.prompt;

/** What a prompt asks the model to do. */
public enum PromptTask {
    /** A Lean 3 tactic state in, one next tactic out. */
    NEXT_TACTIC,
    /** A natural-language statement in, a Lean 3 {@code theorem ... :=} statement out. */
    FORMALIZE,
    /** A Lean 3 theorem statement in, natural language out. */
    INFORMALIZE,
    /** A math question in, a solution (via Lean 3 for InternLM2-Math, via a program for PoT models) out. */
    SOLVE,
    /**
     * A question and a solution in ({@code Question:…\nAnswer:…}), the model's judgement of it out: InternLM2-Math's
     * outcome reward prompt.
     */
    OUTCOME_REWARD
}
