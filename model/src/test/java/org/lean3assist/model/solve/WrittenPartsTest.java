package org.lean3assist.model.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Programs and Lean cut out of solutions, including the shapes a hostile or confused model writes. */
class WrittenPartsTest {

    @Test
    void aProgramIsItsPythonBlockOrTheBareCode() {
        assertEquals(Optional.of("print(1)\n"), WrittenParts.program("Here:\n```python\nprint(1)\n```\nDone."));
        assertEquals(Optional.of("x = 2\nprint(x)\n"), WrittenParts.program("x = 2\nprint(x)"));
        assertEquals(Optional.empty(), WrittenParts.program("   "));
        assertEquals(Optional.empty(), WrittenParts.program("print(1)\n" + "#".repeat(WrittenParts.MAX_PROGRAM_CHARS)));
    }

    @Test
    void aPendingProgramIsTheLastBlockWithNothingAfterIt() {
        assertEquals(Optional.of("print(2)\n"), WrittenParts.pendingProgram("```python\nprint(1)\n```\n```output\n1\n```\n```python\nprint(2)\n```\n"));
        assertEquals(Optional.empty(), WrittenParts.pendingProgram("```python\nprint(1)\n```\nso the answer is 1"));
        assertEquals(Optional.empty(), WrittenParts.pendingProgram("no code"));
    }

    @Test
    void aProgramsAnswerIsItsLastLine() {
        assertEquals(Optional.of("24"), WrittenParts.programAnswer("computing\n24\n\n"));
        assertEquals(Optional.empty(), WrittenParts.programAnswer(" \n"));
    }

    @Test
    void aProgramThatPrintsOneArithmeticValueClaimsIt() {
        ArithmeticClaim claim = WrittenParts.programClaim("print(23 - 7)\n", "16\n").orElseThrow();
        assertEquals("23 - 7 = 16", claim.source());
        assertEquals(true, claim.arithmeticHolds());
        assertEquals(false, WrittenParts.programClaim("print(3 * 4)", "13").orElseThrow().arithmeticHolds());
        assertEquals(Optional.empty(), WrittenParts.programClaim("print(7 // 2)", "3"), "floor division is not ℚ's");
        assertEquals(Optional.empty(), WrittenParts.programClaim("print(2 ** 3)", "8"));
        assertEquals(Optional.empty(), WrittenParts.programClaim("print(1 / 3)", "0.3333333333333333"), "a rounded float");
        assertEquals(Optional.empty(), WrittenParts.programClaim("print(48 / 2)", "24.0"),
                "a division is claimed only with an integer output: Python's floats are rounded");
        assertEquals("(5 + 3) * 2 = 16", WrittenParts.programClaim("print((5 + 3) * 2)", "16").orElseThrow().source());
        assertEquals(Optional.empty(), WrittenParts.programClaim("x = 2\nprint(x + 1)", "3"));
        assertEquals(Optional.empty(), WrittenParts.programClaim("print(24)", "24"), "no operator, no claim");
    }

    @Test
    void leanProofsOfEachShape() {
        LeanSolution block = WrittenParts.leanSolution(
                "theorem t (x : ℝ) (h₀ : x = 3) : x * 4 = (12 : ℝ) :=\nbegin\n  subst h₀,\n  norm_num,\nend").orElseThrow();
        assertEquals("(x : ℝ) (h₀ : x = 3) : x * 4 = (12 : ℝ)", block.proposition());
        assertEquals("subst h₀, norm_num", block.tactics());
        assertEquals(Optional.of("12"), block.stated());

        LeanSolution by = WrittenParts.leanSolution("example : (2 : ℚ) / 4 = 1 / 2 := by norm_num").orElseThrow();
        assertEquals(": (2 : ℚ) / 4 = 1 / 2", by.proposition());
        assertEquals("norm_num", by.tactics());
        assertEquals(Optional.of("1/2"), by.stated());

        LeanSolution term = WrittenParts.leanSolution("lemma l : 2 + 2 = 4 := rfl\n\nThe answer is 4").orElseThrow();
        assertEquals("exact (rfl)", term.tactics());

        LeanSolution nested = WrittenParts.leanSolution("theorem n : true :=\nbegin\n  have : true := begin trivial end,\n  trivial\nend\n\n#eval 1").orElseThrow();
        assertEquals("have : true := begin trivial end, trivial", nested.tactics(), "the proof ends at its own end");
        assertEquals(Optional.empty(), nested.stated());
    }

    @Test
    void noDeclarationOrNoProofIsNoLeanSolution() {
        assertEquals(Optional.empty(), WrittenParts.leanSolution("The answer is 4."));
        assertEquals(Optional.empty(), WrittenParts.leanSolution("theorem t : 1 = 1 :=\nbegin\n  refl"));
        assertEquals(Optional.empty(), WrittenParts.leanSolution("theorem t : 1 = 1 :="));
    }
}
