package org.lean3assist.model.solve;

import java.util.List;
import java.util.Optional;

/**
 * One sampled solution as the model wrote it, parsed, before Lean has seen any of it. All of it is untrusted text.
 *
 * @param text     the whole solution, programs' outputs included as they were fed back
 * @param logProb  the summed log-probability of its first generation (NaN when the backend reports none)
 * @param programs the programs it wrote, in order, with what running them gave
 * @param answer   its final answer, if it states one
 * @param claims   the arithmetic equalities its text states, for Lean to check
 * @param lean     for {@link SolveMode#LEAN}: the Lean 3 it wrote, if any
 * @param problem  why it has no answer, when it has none
 */
public record WrittenSolution(String text, double logProb, List<ProgramStep> programs, Optional<String> answer,
                              List<ArithmeticClaim> claims, Optional<LeanSolution> lean, Optional<String> problem) {

    public WrittenSolution {
        programs = List.copyOf(programs);
        claims = List.copyOf(claims);
    }
}
