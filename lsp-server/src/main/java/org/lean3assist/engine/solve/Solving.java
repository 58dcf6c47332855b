package org.lean3assist.engine.solve;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.model.solve.ArithmeticClaim;
import org.lean3assist.model.solve.LeanSolution;
import org.lean3assist.model.solve.MajorityVote;
import org.lean3assist.model.solve.SolutionParsers;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.WrittenSolution;

/** The checking and the vote of solving, as plain functions over the model's solutions and a {@link SolveChecker}. */
public final class Solving {

    private Solving() {
    }

    /** How answers are ranked when no judgements were asked for. */
    public static final String BY_VOTES = "votes";
    /** How answers are ranked with the model's judgements. */
    public static final String BY_REWARD = "outcome reward (the model's judgement of each solution), then votes";

    /** Checks every solution's claims and Lean 3, then votes over their answers. */
    public static SolveResult check(String question, SolveMode mode, List<WrittenSolution> written, SolveChecker checker,
                                    String programs, Cancellation cancellation) {
        return check(question, mode, written, List.of(), checker, programs, cancellation);
    }

    /**
     * The same, ranking the answers by how many of their samples the model judged correct ({@code rewards}, one per
     * solution, from its outcome reward prompt; empty: not asked), then by votes. A judgement ranks; it never makes
     * an answer checked.
     */
    public static SolveResult check(String question, SolveMode mode, List<WrittenSolution> written,
                                    List<Optional<Boolean>> rewards, SolveChecker checker, String programs,
                                    Cancellation cancellation) {
        List<CheckedSolution> samples = new ArrayList<>();
        for (WrittenSolution solution : written) {
            if (cancellation.isCancelled()) {
                break;
            }
            int index = samples.size();
            samples.add(checkOne(solution, checker).judged(index < rewards.size() ? rewards.get(index) : Optional.empty()));
        }
        boolean ranked = !rewards.isEmpty();
        List<MajorityVote.Tally> votes = new ArrayList<>(MajorityVote.tally(samples.stream().map(sample -> sample.written().answer()).toList()));
        if (ranked) {
            // Stable: among answers judged correct equally often, the vote's order stands.
            votes.sort(java.util.Comparator.comparingLong((MajorityVote.Tally tally) -> judgedCorrect(tally, samples)).reversed());
        }
        String ranking = ranked ? BY_REWARD : BY_VOTES;
        String confinement = checker.unavailable().map(why -> "arithmetic not checked: " + why + "; " + checker.confinement())
                .orElse(checker.confinement());
        if (votes.isEmpty()) {
            String why = samples.isEmpty() ? "the model wrote no solution"
                    : "no solution states an answer: " + samples.get(0).why();
            return new SolveResult(question, mode, samples, votes, Optional.empty(), AnswerStatus.NO_ANSWER, why,
                    programs, confinement, ranking);
        }
        MajorityVote.Tally winner = votes.get(0);
        List<CheckedSolution> backing = winner.indices().stream().map(samples::get).toList();
        CheckedSolution best = backing.stream().filter(sample -> sample.status() == AnswerStatus.CHECKED).findFirst()
                .orElse(backing.get(0));
        return new SolveResult(question, mode, samples, votes, Optional.of(winner.answer()), best.status(), best.why(),
                programs, confinement, ranking);
    }

    /** How many of a tally's samples the model judged correct. */
    public static long judgedCorrect(MajorityVote.Tally tally, List<CheckedSolution> samples) {
        return tally.indices().stream().filter(index -> samples.get(index).reward().orElse(false)).count();
    }

    /** One solution's verdicts and the status of its answer. */
    static CheckedSolution checkOne(WrittenSolution solution, SolveChecker checker) {
        List<CheckedClaim> claims = checker.claims(solution.claims());
        Optional<LeanCheck> lean = solution.lean().map(checker::lean);
        if (solution.answer().isEmpty()) {
            return new CheckedSolution(solution, claims, lean, AnswerStatus.NO_ANSWER,
                    solution.problem().orElse("the solution states no answer"), Optional.empty());
        }
        String key = SolutionParsers.answerKey(solution.answer().get());
        Optional<CheckedClaim> refuted = claims.stream().filter(claim -> claim.verdict() == ClaimVerdict.REFUTED).findFirst();
        if (refuted.isPresent()) {
            return new CheckedSolution(solution, claims, lean, AnswerStatus.CONTRADICTED,
                    "Lean refuted the step " + refuted.get().claim().source(), Optional.empty());
        }
        if (lean.isPresent() && lean.get().verdict() == ClaimVerdict.PROVED
                && solution.lean().flatMap(LeanSolution::stated).filter(key::equals).isPresent()) {
            return new CheckedSolution(solution, claims, lean, AnswerStatus.CHECKED,
                    "Lean proved the solution's theorem, which states it: " + solution.lean().get().proposition(), Optional.empty());
        }
        Optional<CheckedClaim> giving = claims.stream()
                .filter(claim -> claim.verdict() == ClaimVerdict.PROVED && gives(claim.claim(), key)).reduce((a, b) -> b);
        if (giving.isPresent()) {
            return new CheckedSolution(solution, claims, lean, AnswerStatus.CHECKED,
                    "Lean proved the step that gives it: " + giving.get().claim().source(), Optional.empty());
        }
        return new CheckedSolution(solution, claims, lean, AnswerStatus.UNCHECKED, uncheckedWhy(solution, claims, lean), Optional.empty());
    }

    /** Whether a claim's result is the answer: its right side's value is the answer's key. */
    private static boolean gives(ArithmeticClaim claim, String key) {
        return org.lean3assist.model.solve.Arithmetic.value(claim.right()).map(Object::toString).filter(key::equals)
                .isPresent();
    }

    private static String uncheckedWhy(WrittenSolution solution, List<CheckedClaim> claims, Optional<LeanCheck> lean) {
        if (lean.isPresent()) {
            return switch (lean.get().verdict()) {
                case PROVED -> "Lean proved the solution's theorem, but it does not state the answer";
                case UNCHECKED -> "its theorem was not checked: " + lean.get().message().orElse("");
                default -> "Lean did not prove the solution's theorem: " + lean.get().message().orElse("");
            };
        }
        if (!solution.programs().isEmpty() && claims.isEmpty()) {
            return solution.programs().get(solution.programs().size() - 1).output().ran()
                    ? "computed by its program in the sandbox; Lean checked no step of it"
                    : "its program was not run";
        }
        if (claims.isEmpty()) {
            return "it states no arithmetic for Lean to check";
        }
        Optional<CheckedClaim> unchecked = claims.stream().filter(claim -> claim.verdict() == ClaimVerdict.UNCHECKED).findFirst();
        if (unchecked.isPresent()) {
            return "its arithmetic was not checked: " + unchecked.get().message().orElse("");
        }
        return "Lean proved no step that gives it";
    }
}
