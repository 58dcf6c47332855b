package org.lean3assist.engine.prove;

import java.util.List;
import org.lean3assist.bridge.verify.ReplayResult;
import org.lean3assist.engine.Cancellation;

/**
 * What Lean says of a proof prefix followed by each candidate, at the search's site: the prefix
 * and the candidate replace the rest of the block, so {@code CLOSES_GOAL} means the whole
 * declaration elaborated with them, and {@code PROGRESS} comes with the goals they leave.
 */
@FunctionalInterface
public interface StepChecker {

    /**
     * @param prefix     the steps found so far, each already accepted by Lean in this order
     * @param candidates the steps to try after them
     * @return one result per candidate, in the candidates' order
     * @throws java.util.concurrent.CancellationException when cancelled or the document changed
     */
    List<ReplayResult> check(List<String> prefix, List<String> candidates, Cancellation cancellation);

    /** How it checks, for the search's figures: {@code "replay"}, {@code "session"}. */
    default String describe() {
        return "replay";
    }
}
