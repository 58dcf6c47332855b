package org.lean3assist.engine.solve;

import java.util.List;
import java.util.Optional;
import org.lean3assist.model.solve.WrittenSolution;

/**
 * One sampled solution with Lean's verdicts.
 *
 * @param written its text, programs, parsed answer and claims, as the model wrote them
 * @param claims  each claim with its verdict, in the order written
 * @param lean    Lean's verdict on its Lean 3, for a solution that wrote some
 * @param status  how far its answer is vouched for
 * @param why     what {@code status} rests on: the statement Lean proved, the claim it refuted, or why it has none
 * @param reward  the model's own judgement of it (the outcome reward prompt), when it was asked: never a verdict
 */
public record CheckedSolution(WrittenSolution written, List<CheckedClaim> claims, Optional<LeanCheck> lean,
                              AnswerStatus status, String why, Optional<Boolean> reward) {

    public CheckedSolution {
        claims = List.copyOf(claims);
    }

    CheckedSolution judged(Optional<Boolean> judgement) {
        return new CheckedSolution(written, claims, lean, status, why, judgement);
    }
}
