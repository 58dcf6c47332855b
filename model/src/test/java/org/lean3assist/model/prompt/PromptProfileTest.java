package org.lean3assist.model.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The templates are the model cards' exact text. */
class PromptProfileTest {

    @Test
    void internLm2MathTacticPrompt() {
        assertEquals("<|im_start|>user\nGiven the Lean 3 tactic state, suggest a next tactic:\np q : Prop\n⊢ p ∧ q"
                        + "<|im_end|>\n<|im_start|>assistant\n",
                PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC, "p q : Prop\n⊢ p ∧ q"));
    }

    @Test
    void internLm2MathKeepsTheCardsSpelling() {
        assertEquals("<|im_start|>user\nConvert this natural langauge statement into a Lean 3 theorem statement:"
                        + "Two plus two is four.<|im_end|>\n<|im_start|>assistant\n",
                PromptProfile.INTERNLM2_MATH.prompt(PromptTask.FORMALIZE, "Two plus two is four."));
        assertEquals("<|im_start|>user\nConvert this Lean 3 theorem statement into natural language:theorem t : 1 = 1"
                        + "<|im_end|>\n<|im_start|>assistant\n",
                PromptProfile.INTERNLM2_MATH.prompt(PromptTask.INFORMALIZE, "theorem t : 1 = 1"));
        assertEquals("<|im_start|>user\nWhat is 2+2?\nSolve this via Lean 3<|im_end|>\n<|im_start|>assistant\n",
                PromptProfile.INTERNLM2_MATH.prompt(PromptTask.SOLVE, "What is 2+2?"));
    }

    @Test
    void mammothAlpacaFormatAndProgramOfThought() {
        String header = "Below is an instruction that describes a task. Write a response that appropriately "
                + "completes the request.\n\n### Instruction:\n";
        assertEquals(header + "What is 2+2?\n\n### Response:",
                PromptProfile.MAMMOTH.prompt(PromptTask.SOLVE, "What is 2+2?"));
        assertEquals(header + "What is 2+2? Let's write a program.\n\n### Response:",
                PromptProfile.MAMMOTH_POT.prompt(PromptTask.SOLVE, "What is 2+2?"));
        assertFalse(PromptProfile.MAMMOTH_POT.supports(PromptTask.NEXT_TACTIC));
    }

    @Test
    void arithmo2AndRho() {
        assertEquals("Question: What is 2+2?\nAnswer:",
                PromptProfile.ARITHMO2_MISTRAL.prompt(PromptTask.SOLVE, "What is 2+2?"));
        assertEquals("<|user|>\nWhat is 2+2?\n<|assistant|>\n",
                PromptProfile.RHO_MATH_INTERPRETER.prompt(PromptTask.SOLVE, "What is 2+2?"));
        assertTrue(PromptProfile.RHO_MATH_INTERPRETER.stopStrings().contains("```output"));
    }

    @Test
    void slotsInTheInputAreLeftAlone() {
        String prompt = PromptProfile.INTERNLM2_MATH.prompt(PromptTask.NEXT_TACTIC, "⊢ {prompt} = {input}");
        assertTrue(prompt.contains("⊢ {prompt} = {input}<|im_end|>"), prompt);
    }

    @Test
    void profilesByName() {
        assertEquals(PromptProfile.ARITHMO2_MISTRAL, PromptProfile.byName("Arithmo2-Mistral"));
        assertThrows(IllegalArgumentException.class, () -> PromptProfile.byName("gpt"));
        assertThrows(IllegalArgumentException.class,
                () -> PromptProfile.MAMMOTH_POT.prompt(PromptTask.FORMALIZE, "x"));
    }

    @Test
    void internlm2HasTheOutcomeRewardPromptOfItsModelCardAndTheOthersNone() {
        assertEquals("<|im_start|>user\nGiven a question and an answer, check is it correct?\nQuestion:What is 2+2?\nAnswer:4"
                + "<|im_end|>\n<|im_start|>assistant\n",
                PromptProfile.INTERNLM2_MATH.prompt(PromptTask.OUTCOME_REWARD, "Question:What is 2+2?\nAnswer:4"));
        assertFalse(PromptProfile.MAMMOTH.supports(PromptTask.OUTCOME_REWARD));
        assertFalse(PromptProfile.RHO_MATH_INTERPRETER.supports(PromptTask.OUTCOME_REWARD));
    }

    @Test
    void aJudgementIsCorrectIncorrectOrNeither() {
        assertEquals(java.util.Optional.of(true), OutputParsers.parseJudgement("This answer is correct."));
        assertEquals(java.util.Optional.of(false), OutputParsers.parseJudgement("This answer is incorrect.<|im_end|>"));
        assertEquals(java.util.Optional.of(false), OutputParsers.parseJudgement("The answer is not correct"));
        assertEquals(java.util.Optional.empty(), OutputParsers.parseJudgement("Let me see."));
        assertEquals(java.util.Optional.empty(), OutputParsers.parseJudgement("correct or incorrect? hard to say"));
    }
}
