package org.lean3assist.model.solve;

import java.util.Optional;

/**
 * The Lean 3 a solution wrote, split as Lean will be asked about it. Untrusted: the caller screens both parts.
 *
 * @param proposition what is claimed, the text between the declaration's name (or {@code example}) and {@code :=},
 *                    binders included, such as {@code (x : ℕ) (h : x = 3) : x * 4 = 12}
 * @param tactics     the proof as one tactic sequence joined by commas: the body of its {@code begin … end}, the
 *                    tactic after {@code by}, or {@code exact (…)} around a term
 * @param stated      the value the proposition's conclusion ends in ({@code … = 12}), if it ends in a number
 */
public record LeanSolution(String proposition, String tactics, Optional<String> stated) {
}
