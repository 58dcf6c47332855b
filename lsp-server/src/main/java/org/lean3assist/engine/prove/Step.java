package org.lean3assist.engine.prove;

import org.lean3assist.engine.suggest.Suggestion;

/**
 * One tactic the search may try at a node.
 *
 * @param tactic   the tactic, one line, without a trailing comma; untrusted like every candidate
 * @param logPrior how likely it is to help, as a log-probability (at most 0): a model's own
 *                 log-probability for its samples, a fixed prior per tactic for the portfolio's
 * @param source   who proposed it
 */
public record Step(String tactic, double logPrior, Suggestion.Source source) {

    public Step {
        if (tactic.isBlank()) {
            throw new IllegalArgumentException("a step has a tactic");
        }
        if (!(logPrior <= 0)) {
            throw new IllegalArgumentException("a log prior is at most 0, not " + logPrior);
        }
    }
}
