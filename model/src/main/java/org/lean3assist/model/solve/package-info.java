/**
 * Word problems: what a seed math model's solution claims, in a form Lean can be asked about. The final answer in
 * the endings the model cards give ({@code The answer is: …}, {@code \boxed{…}}), each arithmetic equality of a
 * chain of thought as an {@link org.lean3assist.model.solve.ArithmeticClaim}, and the majority vote over samples.
 *
 * <p>Model text never reaches Lean as it was written: a claim is parsed by a small arithmetic grammar (numbers,
 * {@code + - * / ^}, parentheses) and Lean sees only what this package renders from the parse.
 */
package org.lean3assist.model.solve;
