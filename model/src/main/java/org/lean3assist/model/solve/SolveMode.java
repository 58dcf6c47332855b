package org.lean3assist.model.solve;

import org.lean3assist.model.prompt.PromptProfile;

/** How a profile's model solves a word problem, as its model card gives it. {@link #wire()} names it in results. */
public enum SolveMode {
    /** Reasoning in words and arithmetic, ending "The answer is: …" or {@code \boxed{…}} (MAmmoTH, Arithmo2). */
    CHAIN_OF_THOUGHT("chain-of-thought"),
    /** The whole answer is a Python program whose output is the answer (MAmmoTH's "Let's write a program."). */
    PROGRAM("program"),
    /** Reasoning with Python blocks, each answered by an {@code ```output} block, then a boxed answer (Rho-Math, ToRA). */
    TOOL_INTEGRATED("tool-integrated"),
    /** A Lean 3 theorem that states the answer, with its proof (InternLM2-Math's "Solve this via Lean 3"). */
    LEAN("lean");

    private final String wire;

    SolveMode(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The mode of a profile's solve prompt; a profile this module does not know reasons in words. */
    public static SolveMode of(PromptProfile profile) {
        if (profile.name().equals(PromptProfile.MAMMOTH_POT.name())) {
            return PROGRAM;
        }
        if (profile.name().equals(PromptProfile.RHO_MATH_INTERPRETER.name())) {
            return TOOL_INTEGRATED;
        }
        if (profile.name().equals(PromptProfile.INTERNLM2_MATH.name())) {
            return LEAN;
        }
        return CHAIN_OF_THOUGHT;
    }
}
