package org.lean3assist.model.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lean3assist.model.CancelCheck;
import org.lean3assist.model.Completion;
import org.lean3assist.model.generate.FinishReason;
import org.lean3assist.model.prompt.PromptProfile;

/** The solve loop of each mode over a scripted generator: what is prompted, run, fed back and parsed. */
class SolverTest {

    private static final String QUESTION = "Ana has 48 clips and sells half. How many are left?";

    /** Answers each prompt with the next scripted completion and records the prompts. */
    private static final class Scripted implements Solver.Generator {
        final Deque<List<Completion>> answers = new ArrayDeque<>();
        final List<String> prompts = new ArrayList<>();
        final List<Integer> counts = new ArrayList<>();

        Scripted then(String... texts) {
            List<Completion> batch = new ArrayList<>();
            for (String text : texts) {
                batch.add(new Completion(text, -1.0, 10, FinishReason.STOP_TOKEN));
            }
            answers.add(batch);
            return this;
        }

        Scripted thenStopped(String text) {
            answers.add(List.of(new Completion(text, -1.0, 10, FinishReason.STOP_STRING)));
            return this;
        }

        @Override
        public List<Completion> complete(String prompt, int n, CancelCheck cancel) {
            prompts.add(prompt);
            counts.add(n);
            return answers.isEmpty() ? List.of() : answers.poll();
        }
    }

    private static final class RecordingInterpreter implements Interpreter {
        final List<String> programs = new ArrayList<>();
        final List<String> outputs;

        RecordingInterpreter(String... outputs) {
            this.outputs = new ArrayList<>(List.of(outputs));
        }

        @Override
        public Output run(String program) {
            programs.add(program);
            return new Output(true, true, outputs.remove(0));
        }
    }

    @Test
    void chainOfThoughtParsesTheAnswerAndTheClaims() {
        var generator = new Scripted().then("She sells 48 / 2 = 24, so 48 - 24 = 24 are left.\nThe answer is: 24",
                "Half of 48 is 48 / 2 = 25.\nThe answer is: 25");
        var solutions = new Solver(PromptProfile.MAMMOTH, generator).solve(QUESTION, new Solver.Options(2, 1),
                Interpreter.none("unused"), () -> false);

        assertEquals(List.of(2), generator.counts, "the samples are asked for at once");
        assertTrue(generator.prompts.get(0).contains("### Instruction:\n" + QUESTION + "\n\n### Response:"));
        assertEquals(2, solutions.size());
        assertEquals(Optional.of("24"), solutions.get(0).answer());
        assertEquals(List.of("48 / 2 = 24", "48 - 24 = 24"), solutions.get(0).claims().stream().map(ArithmeticClaim::source).toList());
        assertFalse(solutions.get(1).claims().get(0).arithmeticHolds());
        assertEquals(Optional.empty(), solutions.get(0).problem());
    }

    @Test
    void aSolutionWithoutAnAnswerSaysSo() {
        var solutions = new Solver(PromptProfile.ARITHMO2_MISTRAL, new Scripted().then("Let me think about clips.", ""))
                .solve(QUESTION, new Solver.Options(2, 1), Interpreter.none("unused"), () -> false);
        assertEquals(Optional.empty(), solutions.get(0).answer());
        assertEquals(Optional.of("the solution states no final answer (no \\boxed{…}, no \"The answer is\")"),
                solutions.get(0).problem());
        assertEquals(Optional.of("the model wrote nothing"), solutions.get(1).problem());
    }

    @Test
    void aProgramOfThoughtAnswerIsWhatItsProgramPrints() {
        var interpreter = new RecordingInterpreter("24\n");
        var generator = new Scripted().then("clips = 48\nsold = clips / 2\nprint(int(clips - sold))");
        var solutions = new Solver(PromptProfile.MAMMOTH_POT, generator).solve(QUESTION, new Solver.Options(1, 1),
                interpreter, () -> false);

        assertTrue(generator.prompts.get(0).contains(QUESTION + " Let's write a program."));
        assertEquals(List.of("clips = 48\nsold = clips / 2\nprint(int(clips - sold))\n"), interpreter.programs);
        assertEquals(Optional.of("24"), solutions.get(0).answer());
        assertEquals(1, solutions.get(0).programs().size());
    }

    @Test
    void aProgramThatCannotRunGivesNoAnswerAndSaysWhy() {
        var solutions = new Solver(PromptProfile.MAMMOTH_POT, new Scripted().then("print(24)"))
                .solve(QUESTION, new Solver.Options(1, 1), Interpreter.none("no sandbox here"), () -> false);
        assertEquals(Optional.empty(), solutions.get(0).answer());
        assertEquals(Optional.of("its program was not run: no sandbox here"), solutions.get(0).problem());
    }

    @Test
    void aToolIntegratedSolutionGetsEachProgramsOutputBack() {
        var interpreter = new RecordingInterpreter("24", "24");
        var generator = new Scripted()
                .thenStopped("Half of the clips:\n```python\nprint(48 // 2)\n```\n")
                .thenStopped("Then the rest:\n```python\nprint(48 - 24)\n```\n")
                .then("So 48 - 24 = 24 are left. The answer is $\\boxed{24}$.");
        var solutions = new Solver(PromptProfile.RHO_MATH_INTERPRETER, generator).solve(QUESTION,
                new Solver.Options(1, 4), interpreter, () -> false);

        assertEquals(List.of("print(48 // 2)\n", "print(48 - 24)\n"), interpreter.programs);
        assertEquals(3, generator.prompts.size());
        String prompt = PromptProfile.RHO_MATH_INTERPRETER.prompt(org.lean3assist.model.prompt.PromptTask.SOLVE, QUESTION);
        assertEquals(prompt + "Half of the clips:\n```python\nprint(48 // 2)\n```\n```output\n24\n```\n", generator.prompts.get(1),
                "the output goes back as the interpreter's block, after what the model wrote");
        assertEquals(List.of(1, 1, 1), generator.counts);
        WrittenSolution solution = solutions.get(0);
        assertEquals(Optional.of("24"), solution.answer());
        assertEquals(2, solution.programs().size());
        assertTrue(solution.text().endsWith("```output\n24\n```\nSo 48 - 24 = 24 are left. The answer is $\\boxed{24}$."), solution.text());
        assertEquals(List.of("48 - 24 = 24", "48 - 24 = 24"), solution.claims().stream().map(ArithmeticClaim::source).toList(),
                "the prose's claim, then the second program's (print(48 // 2) is floor division, which the grammar lacks)");
    }

    @Test
    void roundsAreBoundedAndTheLimitIsSaid() {
        var interpreter = new RecordingInterpreter("1", "2");
        var generator = new Scripted().thenStopped("```python\nprint(1)\n```\n").thenStopped("```python\nprint(2)\n```\n");
        var solutions = new Solver(PromptProfile.RHO_MATH_INTERPRETER, generator).solve(QUESTION,
                new Solver.Options(1, 2), interpreter, () -> false);
        assertEquals(2, interpreter.programs.size());
        assertEquals(Optional.of("it still wanted a program run after 2 rounds"),
                solutions.get(0).problem());
    }

    @Test
    void aToolIntegratedProgramThatCannotRunEndsTheSolution() {
        var generator = new Scripted().thenStopped("```python\nimport os\nos.remove('x')\n```\n");
        var solutions = new Solver(PromptProfile.RHO_MATH_INTERPRETER, generator).solve(QUESTION,
                new Solver.Options(1, 4), Interpreter.none("programs run only in the sandbox"), () -> false);
        assertEquals(1, generator.prompts.size(), "nothing is fed back for a program that did not run");
        assertEquals(Optional.of("its program was not run, so it has no answer: programs run only in the sandbox"),
                solutions.get(0).problem());
    }

    @Test
    void aLeanSolutionIsSplitIntoItsPropositionAndItsProof() {
        var generator = new Scripted().then("```lean\ntheorem clips : (48 : ℕ) - 48 / 2 = 24 :=\nbegin\n  norm_num, -- arithmetic\nend\n```");
        var solutions = new Solver(PromptProfile.INTERNLM2_MATH, generator).solve(QUESTION, new Solver.Options(1, 1),
                Interpreter.none("unused"), () -> false);
        assertTrue(generator.prompts.get(0).contains(QUESTION + "\nSolve this via Lean 3<|im_end|>"));
        LeanSolution lean = solutions.get(0).lean().orElseThrow();
        assertEquals(": (48 : ℕ) - 48 / 2 = 24", lean.proposition());
        assertEquals("norm_num", lean.tactics());
        assertEquals(Optional.of("24"), lean.stated());
        assertEquals(Optional.of("24"), solutions.get(0).answer(), "the theorem's stated value is the answer");
    }

    @Test
    void optionsAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> new Solver.Options(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Solver.Options(1, Solver.Options.MAX_ROUNDS + 1));
        assertThrows(IllegalArgumentException.class, () -> new Solver(new PromptProfile("x", "{prompt}",
                java.util.Map.of(), List.of()), new Scripted()));
    }

    @Test
    void fedBackOutputIsCut() {
        String cut = Solver.fedBack("y".repeat(Solver.MAX_FED_BACK_CHARS + 10));
        assertTrue(cut.startsWith("y".repeat(Solver.MAX_FED_BACK_CHARS) + "\n… (output cut"), cut);
    }
}
