package org.lean3assist.engine.solve;

import java.util.Optional;

/**
 * Lean's verdict on the Lean 3 a solution wrote ({@link org.lean3assist.model.solve.SolveMode#LEAN}).
 *
 * @param theorem the declaration as checked, under the product's own name, its proof in place
 * @param verdict {@link ClaimVerdict#PROVED} when the proof closes it with no {@code sorry} and no new axiom;
 *                {@link ClaimVerdict#UNPROVED} when Lean (or the safety filter, before Lean) refused it;
 *                {@link ClaimVerdict#UNCHECKED} when no Lean could check it
 * @param message Lean's error, the filter's reason, or why it was not checked
 */
public record LeanCheck(String theorem, ClaimVerdict verdict, Optional<String> message) {
}
