package org.lean3assist.model;

/**
 * One suggested next tactic.
 *
 * @param tactic  a single tactic without trailing comma, e.g. {@code exact h.left}
 * @param logProb the log-probability of the model's output it came from; higher is better
 */
public record TacticSuggestion(String tactic, double logProb) {
}
