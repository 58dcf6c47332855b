package org.lean3assist.model.solve;

import java.util.Objects;
import org.lean3assist.model.solve.Arithmetic.Expr;

/**
 * One equality a solution states, such as {@code 48 / 2 = 24}, as parsed. {@link #lean()} is the only text of it
 * Lean ever sees, rendered from the parse; {@link #source()} is for display.
 *
 * @param source what the solution wrote, trimmed
 * @param left   the left side
 * @param right  the right side
 * @param arithmeticHolds whether exact arithmetic in Java agrees (a hint for display and ranking, never a verdict)
 */
public record ArithmeticClaim(String source, Expr left, Expr right, boolean arithmeticHolds) {

    public ArithmeticClaim {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }

    /** The proposition over ℚ, for {@code example : … := by norm_num}. */
    public String lean() {
        return Arithmetic.lean(left, "ℚ") + " = " + Arithmetic.lean(right, "ℚ");
    }

    /** The whole Lean 3 check: an {@code example} whose proof is {@code norm_num}. */
    public String leanExample() {
        return "example : " + lean() + " := by norm_num";
    }
}
