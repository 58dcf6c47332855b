package org.lean3assist.lsp;

import org.lean3assist.engine.solve.CheckedSolution;
import org.lean3assist.engine.solve.SolveResult;
import org.lean3assist.engine.solve.Solving;

/**
 * A solve result in its wire shape ({@link Protocol.SolveResult}), for the server's reply and the command line's
 * {@code --json} alike, so the two never drift apart.
 */
public final class SolveViews {

    private SolveViews() {
    }

    public static Protocol.SolveResult view(SolveResult result) {
        return new Protocol.SolveResult(result.question(), result.mode().wire(), result.answer().orElse(null),
                result.status().wire(), result.why(), result.samples().size(),
                result.votes().stream().map(tally -> new Protocol.SolveVote(tally.answer(), tally.votes(),
                        result.ranking().equals(Solving.BY_REWARD) ? (int) Solving.judgedCorrect(tally, result.samples()) : null)).toList(),
                result.samples().stream().map(SolveViews::sample).toList(), result.programs(), result.confinement(),
                result.ranking());
    }

    private static Protocol.SolveSample sample(CheckedSolution sample) {
        return new Protocol.SolveSample(sample.written().text(), sample.written().answer().orElse(null),
                sample.status().wire(), sample.why(),
                sample.claims().stream().map(claim -> new Protocol.SolveClaim(claim.claim().source(), claim.checked(),
                        claim.verdict().wire(), claim.message().orElse(null))).toList(),
                sample.written().programs().stream().map(step -> new Protocol.SolveProgram(step.program(),
                        step.output().ran(), step.output().ok(), step.output().output())).toList(),
                sample.lean().map(lean -> lean.theorem()).orElse(null),
                sample.lean().map(lean -> lean.verdict().wire()).orElse(null),
                sample.lean().flatMap(lean -> lean.message()).orElse(null),
                sample.reward().map(correct -> Protocol.REWARDS.get(correct ? 0 : 1)).orElse(null));
    }
}
