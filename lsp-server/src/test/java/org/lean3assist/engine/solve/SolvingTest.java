package org.lean3assist.engine.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.verify.StatementChecker;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.model.solve.Interpreter;
import org.lean3assist.model.solve.LeanSolution;
import org.lean3assist.model.solve.ProgramStep;
import org.lean3assist.model.solve.SolutionParsers;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.WrittenParts;
import org.lean3assist.model.solve.WrittenSolution;

/** Verdicts, answer statuses and the vote, over a scripted checker. */
class SolvingTest {

    private static WrittenSolution chain(String text) {
        return new WrittenSolution(text, -1, List.of(), SolutionParsers.finalAnswer(text), SolutionParsers.claims(text),
                Optional.empty(), SolutionParsers.finalAnswer(text).isPresent() ? Optional.empty() : Optional.of("the solution states no final answer"));
    }

    @Test
    void aProvedStepThatGivesTheAnswerChecksIt() {
        var checker = new ScriptedSolveChecker();
        var result = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, List.of(
                chain("May: 48 / 2 = 24. In all 48 + 24 = 72.\nThe answer is: 72"),
                chain("In all 48 + 24 = 72 clips.\nThe answer is: 72"),
                chain("48 + 48 = 96.\nThe answer is: 96")), checker, "programs: none", Cancellation.NEVER);

        assertEquals(Optional.of("72"), result.answer());
        assertEquals(AnswerStatus.CHECKED, result.status());
        assertEquals("Lean proved the step that gives it: 48 + 24 = 72", result.why());
        assertEquals(List.of(2, 1), result.votes().stream().map(tally -> tally.votes()).toList());
        assertEquals(List.of(ClaimVerdict.PROVED, ClaimVerdict.PROVED),
                result.samples().get(0).claims().stream().map(CheckedClaim::verdict).toList());
        assertEquals(checker.askedClaims.get(0), result.samples().get(0).claims().get(0).checked(),
                "each verdict names the proposition Lean was asked");
        assertEquals(org.lean3assist.model.solve.SolutionParsers.claims("48 / 2 = 24").get(0).lean(), checker.askedClaims.get(0));
    }

    @Test
    void aRefutedStepContradictsTheAnswerEvenWhenItsLastStepHolds() {
        var result = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, List.of(
                chain("May: 48 / 2 = 25. In all 48 + 24 = 72.\nThe answer is: 72")), new ScriptedSolveChecker(), "", Cancellation.NEVER);
        assertEquals(AnswerStatus.CONTRADICTED, result.status());
        assertEquals("Lean refuted the step 48 / 2 = 25", result.why());
    }

    @Test
    void anAnswerNoProvedStepGivesIsUnchecked() {
        var result = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, List.of(chain("She has 72 clips.\nThe answer is: 72")),
                new ScriptedSolveChecker(), "", Cancellation.NEVER);
        assertEquals(AnswerStatus.UNCHECKED, result.status());
        assertEquals("it states no arithmetic for Lean to check", result.why());
    }

    @Test
    void withoutAnyAnswerTheResultSaysWhy() {
        var result = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, List.of(chain("Let me think."), chain("Hmm.")),
                new ScriptedSolveChecker(), "", Cancellation.NEVER);
        assertEquals(Optional.empty(), result.answer());
        assertEquals(AnswerStatus.NO_ANSWER, result.status());
        assertEquals("no solution states an answer: the solution states no final answer", result.why());
        assertEquals(List.of(), result.votes());
    }

    @Test
    void aProvedTheoremThatStatesTheAnswerChecksIt() {
        String text = "theorem t : (48 : ℚ) - 48 / 2 = 24 :=\nbegin\n  norm_num,\nend";
        LeanSolution lean = WrittenParts.leanSolution(text).orElseThrow();
        var written = new WrittenSolution(text, -1, List.of(), lean.stated(), List.of(), Optional.of(lean), Optional.empty());
        var checker = new ScriptedSolveChecker("norm_num");
        var result = Solving.check("q", SolveMode.LEAN, List.of(written), checker, "", Cancellation.NEVER);
        assertEquals(AnswerStatus.CHECKED, result.status());
        assertTrue(result.why().startsWith("Lean proved the solution's theorem, which states it"), result.why());
        assertEquals(ClaimVerdict.PROVED, result.samples().get(0).lean().orElseThrow().verdict());

        var unproved = Solving.check("q", SolveMode.LEAN, List.of(written), new ScriptedSolveChecker("linarith"), "", Cancellation.NEVER);
        assertEquals(AnswerStatus.UNCHECKED, unproved.status());
        assertEquals("Lean did not prove the solution's theorem: linarith failed", unproved.why());
    }

    @Test
    void aProvedTheoremThatStatesAnotherValueDoesNotCheckTheAnswer() {
        String text = "theorem t : (2 : ℚ) + 2 = 4 := by norm_num\nThe answer is: 5";
        LeanSolution lean = WrittenParts.leanSolution(text).orElseThrow();
        var written = new WrittenSolution(text, -1, List.of(), SolutionParsers.finalAnswer(text), List.of(), Optional.of(lean),
                Optional.empty());
        var result = Solving.check("q", SolveMode.LEAN, List.of(written), new ScriptedSolveChecker("norm_num"), "", Cancellation.NEVER);
        assertEquals(Optional.of("5"), result.answer());
        assertEquals(AnswerStatus.UNCHECKED, result.status());
        assertEquals("Lean proved the solution's theorem, but it does not state the answer", result.why());
    }

    @Test
    void aProgramsAnswerIsComputedNotChecked() {
        var step = new ProgramStep("print(72)\n", new Interpreter.Output(true, true, "72\n"));
        var written = new WrittenSolution("print(72)", -1, List.of(step), Optional.of("72"), List.of(), Optional.empty(), Optional.empty());
        var result = Solving.check("q", SolveMode.PROGRAM, List.of(written), new ScriptedSolveChecker(), "in the sandbox", Cancellation.NEVER);
        assertEquals(AnswerStatus.UNCHECKED, result.status());
        assertEquals("computed by its program in the sandbox; Lean checked no step of it", result.why());
        assertEquals("in the sandbox", result.programs());
    }

    @Test
    void withoutLeanNothingIsCheckedAndTheResultSaysWhy() {
        var result = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, List.of(chain("48 + 24 = 72\nThe answer is: 72")),
                SolveChecker.none("no Lean 3 was found"), "", Cancellation.NEVER);
        assertEquals(AnswerStatus.UNCHECKED, result.status());
        assertEquals(ClaimVerdict.UNCHECKED, result.samples().get(0).claims().get(0).verdict());
        assertEquals("its arithmetic was not checked: no Lean 3 was found", result.why());
        assertTrue(result.confinement().contains("no Lean 3 was found"), result.confinement());
    }

    @Test
    void theModelsJudgementsRankTheAnswersFirstButCheckNothing() {
        var written = List.of(chain("48 + 48 = 96.\nThe answer is: 96"), chain("48 + 48 = 96.\nThe answer is: 96"),
                chain("She has 72 clips.\nThe answer is: 72"));
        var byVotes = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, written, new ScriptedSolveChecker(), "", Cancellation.NEVER);
        assertEquals(Optional.of("96"), byVotes.answer());
        assertEquals(Solving.BY_VOTES, byVotes.ranking());

        var judged = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, written,
                List.of(Optional.of(false), Optional.empty(), Optional.of(true)), new ScriptedSolveChecker(), "", Cancellation.NEVER);
        assertEquals(Optional.of("72"), judged.answer(), "the one answer the model judged correct wins over two votes");
        assertEquals(Solving.BY_REWARD, judged.ranking());
        assertEquals(AnswerStatus.UNCHECKED, judged.status(), "a judgement is not Lean's verdict");
        assertEquals(List.of(Optional.of(false), Optional.empty(), Optional.of(true)),
                judged.samples().stream().map(CheckedSolution::reward).toList());
        assertEquals(List.of(1L, 0L), judged.votes().stream().map(tally -> Solving.judgedCorrect(tally, judged.samples())).toList());
        var view = org.lean3assist.lsp.SolveViews.view(judged);
        assertEquals(List.of(1, 0), view.votes().stream().map(org.lean3assist.lsp.Protocol.SolveVote::judgedCorrect).toList());
        assertEquals(java.util.Arrays.asList("incorrect", null, "correct"),
                view.solutions().stream().map(org.lean3assist.lsp.Protocol.SolveSample::reward).toList());
    }

    @Test
    void cancellationStopsBeforeTheNextSample() {
        var checker = new ScriptedSolveChecker();
        var result = Solving.check("q", SolveMode.CHAIN_OF_THOUGHT, List.of(chain("1 + 1 = 2\nThe answer is: 2"),
                chain("2 + 2 = 4\nThe answer is: 4")), checker, "", () -> !checker.askedClaims.isEmpty());
        assertEquals(1, result.samples().size());
    }

    @Test
    void everyPropositionTheCheckerWritesPassesTheFilterAndAnAttackDoesNot() {
        for (var claim : SolutionParsers.claims("48 / 2 = 24, 2^10 = 1024, (3 - 5) * 7 = -14, 0.5 * 4 = 2")) {
            assertTrue(StatementChecker.screen(VerifierSolveChecker.theorem(": " + claim.lean())).accepted(), claim.lean());
            assertTrue(StatementChecker.screen(VerifierSolveChecker.theorem(": ¬ (" + claim.lean() + ")")).accepted(), claim.lean());
        }
        assertTrue(StatementChecker.screen(VerifierSolveChecker.theorem("(x : ℝ) (h₀ : x = 3) : x * 4 = 12")).accepted());
        // A model's proposition that ends the declaration to run a command is refused before Lean sees it.
        for (String attack : List.of(": true := trivial\n#eval tactic.unsafe_run_io (io.fs.remove \"x\")\ntheorem t : true",
                ": (by tactic.unsafe_run_io (io.cmd {cmd := \"sh\"}) >> tactic.triv : true)",
                ": true :=\nrun_cmd tactic.trace 1\ntheorem u : true")) {
            assertTrue(!StatementChecker.screen(VerifierSolveChecker.theorem(attack)).accepted(), attack);
        }
    }
}
