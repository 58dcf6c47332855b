package org.lean3assist.engine.solve;

import java.util.List;
import java.util.Optional;
import org.lean3assist.model.solve.MajorityVote;
import org.lean3assist.model.solve.SolveMode;

/**
 * A word problem's solutions, checked and voted on.
 *
 * @param question    the question as asked
 * @param mode        how the model solved it
 * @param samples     every sampled solution with its verdicts, in the order sampled
 * @param votes       every distinct answer with its votes, most first
 * @param answer      the winning answer, as its first sample wrote it; empty when no sample states one
 * @param status      how far the winning answer is vouched for: {@link AnswerStatus#CHECKED} when one of the
 *                    samples that gave it is
 * @param why         what the status rests on; for no answer, why there is none
 * @param programs    where programs ran, or why they did not
 * @param confinement how Lean's checks were confined, or why nothing was checked
 * @param ranking     how the answers were ranked: by votes, or by the model's outcome reward judgements, then votes
 */
public record SolveResult(String question, SolveMode mode, List<CheckedSolution> samples, List<MajorityVote.Tally> votes,
                          Optional<String> answer, AnswerStatus status, String why, String programs, String confinement,
                          String ranking) {

    public SolveResult {
        samples = List.copyOf(samples);
        votes = List.copyOf(votes);
    }
}
