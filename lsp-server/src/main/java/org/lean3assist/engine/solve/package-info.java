/**
 * Word problems solved by a model and checked by Lean: {@link org.lean3assist.engine.solve.Solving} joins the
 * model's parsed solutions ({@code model}'s {@code solve} package) with Lean's verdicts on their arithmetic claims
 * and their Lean 3 ({@link org.lean3assist.engine.solve.SolveChecker}), and votes. LSP-free, as all of the engine.
 */
package org.lean3assist.engine.solve;
