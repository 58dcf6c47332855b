package org.lean3assist.engine.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.sandbox.PythonRunner;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.sandbox.SandboxMode;
import org.lean3assist.engine.Cancellation;
import org.lean3assist.engine.Engine;
import org.lean3assist.engine.ModelLoading;
import org.lean3assist.engine.suggest.MathModel;
import org.lean3assist.model.BundledTinyModel;
import org.lean3assist.model.Device;
import org.lean3assist.model.solve.ArithmeticClaim;
import org.lean3assist.model.solve.SolutionParsers;
import org.lean3assist.model.solve.SolveMode;
import org.lean3assist.model.solve.Solver;
import org.lean3assist.model.solve.WrittenParts;
import org.lean3assist.model.solve.WrittenSolution;

/**
 * The whole solve loop on the tiny solvers (real ONNX Runtime; {@code model/tiny-model/generate_solvers.py} made
 * one per format): the profile's prompt, generation, parsing, programs run in the real sandbox with their output fed
 * back, each claim and theorem handed to the checker (scripted here: CI has no Lean), and the vote. The question was
 * not among the generator's training problems.
 */
class TinySolverLoopTest {

    private static final String QUESTION = "Cleo has 23 shells. Cleo gets 7 more shells. How many shells does Cleo have now?";

    private static MathModel solver(String profile) {
        Path directory = Path.of("..", "model", "src", "test", "resources", "tiny-solver", profile).toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(directory.resolve("model.onnx")), "the tiny solver of " + profile + " is at " + directory);
        return ModelLoading.assistant(ModelLoading.local(directory, Device.CPU), ModelLoading.profile(profile));
    }

    private static PythonRunner sandboxedPython() {
        Sandbox sandbox;
        try {
            sandbox = Sandbox.forMode(SandboxMode.REQUIRED);
        } catch (Exception unavailable) {
            sandbox = Sandbox.none(unavailable.getMessage());
        }
        PythonRunner runner = PythonRunner.onThisMachine(sandbox, PythonRunner.Limits.DEFAULT);
        if (runner.unavailable().isPresent()) {
            System.err.println("[solve] SKIPPING the program-running solve tests: " + runner.unavailable().get());
        }
        Assumptions.assumeTrue(runner.unavailable().isEmpty(), () -> runner.unavailable().get());
        return runner;
    }

    @ParameterizedTest
    @ValueSource(strings = {"mammoth", "arithmo2-mistral"})
    void chainOfThoughtAnswersAreParsedTheirStepsCheckedAndVoted(String profile) {
        try (MathModel model = solver(profile)) {
            assertEquals(Optional.of(SolveMode.CHAIN_OF_THOUGHT), model.solveMode());
            List<WrittenSolution> written = model.solve(QUESTION, new Solver.Options(3, 1), org.lean3assist.model.solve.Interpreter.none("unused"),
                    Cancellation.NEVER);
            assertEquals(3, written.size());
            WrittenSolution first = written.get(0);
            assertTrue(first.text().contains("The answer is: "), first.text());
            assertEquals(SolutionParsers.finalAnswer(first.text()), first.answer());
            assertTrue(first.answer().orElseThrow().matches("-?\\d+"), first.text());
            assertFalse(first.claims().isEmpty(), "the model writes its step as an equation: " + first.text());

            var checker = new ScriptedSolveChecker();
            SolveResult result = Solving.check(QUESTION, SolveMode.CHAIN_OF_THOUGHT, written, checker, "not used", Cancellation.NEVER);
            assertEquals(written.stream().flatMap(w -> w.claims().stream()).map(ArithmeticClaim::lean).toList(), checker.askedClaims,
                    "every claim the model wrote, and nothing else, went to the checker");
            for (CheckedClaim claim : result.samples().get(0).claims()) {
                assertEquals(claim.claim().arithmeticHolds() ? ClaimVerdict.PROVED : ClaimVerdict.REFUTED, claim.verdict());
            }
            // The first sample is greedy, the others sampled: every answer is counted once, and the most-voted wins.
            long answered = written.stream().filter(w -> w.answer().isPresent()).count();
            assertEquals(answered, result.votes().stream().mapToInt(tally -> tally.votes()).sum());
            var winner = result.votes().get(0);
            assertTrue(result.votes().stream().allMatch(tally -> tally.votes() <= winner.votes()));
            assertEquals(Optional.of(winner.answer()), result.answer());
            assertEquals(winner.indices().stream().map(i -> SolutionParsers.answerKey(written.get(i).answer().orElseThrow())).distinct().toList(),
                    List.of(winner.key()));
            assertTrue(result.status() == AnswerStatus.CHECKED || result.status() == AnswerStatus.CONTRADICTED
                    || result.status() == AnswerStatus.UNCHECKED, result.status() + ": " + result.why());
        }
    }

    /** One solution of the tiny solver of {@code profile}, its programs run in the real sandbox. */
    private static WrittenSolution solvedWithPrograms(String profile, PythonRunner runner, int rounds) {
        try (MathModel model = solver(profile)) {
            return model.solve(QUESTION, new Solver.Options(1, rounds), Engine.interpreter(runner), Cancellation.NEVER).get(0);
        }
    }

    @Test
    void aProgramOfThoughtRunsInTheSandboxAndItsOutputIsTheAnswer() {
        PythonRunner runner = sandboxedPython();
        WrittenSolution solution = solvedWithPrograms("mammoth-pot", runner, 1);
        assertEquals(1, solution.programs().size(), solution.text());
        var step = solution.programs().get(0);
        assertEquals(WrittenParts.program(solution.text()).orElseThrow(), step.program(), "the model's own program ran");
        assertTrue(step.output().ran(), step.output().output());
        if (step.output().ok()) {
            assertEquals(WrittenParts.programAnswer(step.output().output()), solution.answer());
        } else {
            assertEquals(Optional.empty(), solution.answer());
            assertTrue(solution.problem().orElseThrow().startsWith("its program failed"), solution.problem().toString());
        }
        SolveResult result = Solving.check(QUESTION, SolveMode.PROGRAM, List.of(solution), new ScriptedSolveChecker(), runner.describe(),
                Cancellation.NEVER);
        assertTrue(result.programs().contains("sandboxed"), result.programs());
    }

    @Test
    void aToolIntegratedSolutionGetsItsProgramsOutputBackAndBoxesTheAnswer() {
        WrittenSolution solution = solvedWithPrograms("rho-math-interpreter", sandboxedPython(), 2);
        assertFalse(solution.programs().isEmpty(), "the model wrote a python block and stopped for its output: " + solution.text());
        var step = solution.programs().get(0);
        assertTrue(step.output().ran() && step.output().ok(), step.output().output());
        String fedBack = "```output\n" + step.output().output().strip() + "\n```\n";
        assertTrue(solution.text().contains(fedBack), "the sandbox's output went back to the model: " + solution.text());
        // What the model wrote after the output block is its own continuation of it.
        String after = solution.text().substring(solution.text().indexOf(fedBack) + fedBack.length());
        assertFalse(after.isBlank(), solution.text());
        assertEquals(SolutionParsers.finalAnswer(solution.text()), solution.answer());
        assertEquals(Optional.of(step.output().output().strip()), solution.answer(),
                "the tiny solver boxes what the interpreter printed: " + solution.text());
        // The program printed one sum: the sandbox's result becomes a claim for Lean, whose verdict then decides.
        String programClaim = WrittenParts.programClaim(step.program(), step.output().output()).orElseThrow().source();
        assertTrue(solution.claims().stream().anyMatch(claim -> claim.source().equals(programClaim)), solution.claims().toString());
        SolveResult result = Solving.check(QUESTION, SolveMode.TOOL_INTEGRATED, List.of(solution), new ScriptedSolveChecker(), "",
                Cancellation.NEVER);
        assertEquals(AnswerStatus.CHECKED, result.status(), result.why());
        assertEquals("Lean proved the step that gives it: " + programClaim, result.why());
    }

    @Test
    void aLeanSolutionGoesToTheCheckerAsAScreenedTheorem() {
        try (MathModel model = solver("internlm2-math")) {
            assertEquals(Optional.of(SolveMode.LEAN), model.solveMode());
            List<WrittenSolution> written = model.solve(QUESTION, new Solver.Options(1, 1), org.lean3assist.model.solve.Interpreter.none("unused"),
                    Cancellation.NEVER);
            WrittenSolution solution = written.get(0);
            var lean = solution.lean().orElseThrow(() -> new AssertionError("no Lean in " + solution.text()));
            assertEquals("norm_num", lean.tactics(), solution.text());
            var checker = new ScriptedSolveChecker("norm_num");
            SolveResult result = Solving.check(QUESTION, SolveMode.LEAN, written, checker, "", Cancellation.NEVER);
            assertEquals(List.of(lean), checker.askedLean);
            LeanCheck check = result.samples().get(0).lean().orElseThrow();
            assertTrue(check.theorem().startsWith("theorem " + VerifierSolveChecker.THEOREM_NAME + " " + lean.proposition()), check.theorem());
            boolean statesIt = lean.stated().equals(solution.answer().map(SolutionParsers::answerKey));
            assertEquals(statesIt ? AnswerStatus.CHECKED : AnswerStatus.UNCHECKED, result.status(), result.why());
        }
    }

    @Test
    void aModelThatWritesNoAnswerGivesAClearError() {
        // The tactic model knows no word problems: prompted as MAmmoTH, it writes tactics, never an answer.
        try (MathModel model = ModelLoading.assistant(ModelLoading.local(BundledTinyModel.extract(), Device.CPU),
                ModelLoading.profile("mammoth"))) {
            List<WrittenSolution> written = model.solve(QUESTION, new Solver.Options(2, 1), org.lean3assist.model.solve.Interpreter.none("unused"),
                    Cancellation.NEVER);
            SolveResult result = Solving.check(QUESTION, SolveMode.CHAIN_OF_THOUGHT, written, new ScriptedSolveChecker(), "", Cancellation.NEVER);
            assertEquals(AnswerStatus.NO_ANSWER, result.status());
            assertEquals(Optional.empty(), result.answer());
            assertTrue(result.why().startsWith("no solution states an answer: the solution states no final answer")
                    || result.why().equals("no solution states an answer: the model wrote nothing"), result.why());
        }
    }
}
