package org.lean3assist.model.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SolutionParsersTest {

    // The shape of a MAmmoTH / Arithmo2 chain of thought (written for this test, not taken from a dataset).
    private static final String CHAIN = """
            Natalia sold 48 / 2 = 24 clips in May.
            Natalia sold 48 + 24 = 72 clips altogether in April and May.
            The answer is: 72""";

    @Test
    void theAnswerIsTheLastOfTheCardsEndings() {
        assertEquals(Optional.of("72"), SolutionParsers.finalAnswer(CHAIN));
        assertEquals(Optional.of("18"), SolutionParsers.finalAnswer("So she makes $18 a day.\nThe answer is $18."));
        assertEquals(Optional.of("\\frac{3}{4}"), SolutionParsers.finalAnswer("Thus $x = \\boxed{\\frac{3}{4}}$."));
        // \boxed wins over an earlier "The answer is", and the last box counts.
        assertEquals(Optional.of("5"), SolutionParsers.finalAnswer(
                "The answer is 4, or is it?\nFirst \\boxed{4}, then corrected: \\boxed{5}"));
        assertEquals(Optional.empty(), SolutionParsers.finalAnswer("I do not know how many clips she sold."));
        assertEquals(Optional.empty(), SolutionParsers.finalAnswer("The answer is: "));
        // An unclosed box is no answer.
        assertEquals(Optional.empty(), SolutionParsers.finalAnswer("\\boxed{12"));
    }

    @Test
    void answersThatAreTheSameNumberShareAKey() {
        assertEquals("1200", SolutionParsers.answerKey("1,200"));
        assertEquals("1200", SolutionParsers.answerKey("$1200"));
        assertEquals("3/4", SolutionParsers.answerKey("\\frac{3}{4}"));
        assertEquals("3/4", SolutionParsers.answerKey("0.75"));
        assertEquals("3/4", SolutionParsers.answerKey("3/4"));
        assertEquals("25/2", SolutionParsers.answerKey("12.50 dollars"));
        assertEquals("monday", SolutionParsers.answerKey("  Monday "));
    }

    @Test
    void eachEqualityOfTheChainIsAClaimWithItsLean() {
        List<ArithmeticClaim> claims = SolutionParsers.claims(CHAIN);
        assertEquals(List.of("48 / 2 = 24", "48 + 24 = 72"), claims.stream().map(ArithmeticClaim::source).toList());
        assertTrue(claims.stream().allMatch(ArithmeticClaim::arithmeticHolds));
        assertEquals("example : ((48 : ℚ) / (2 : ℚ)) = (24 : ℚ) := by norm_num", claims.get(0).leanExample());
    }

    @Test
    void chainsLatexAndThousandsAreRead() {
        List<ArithmeticClaim> claims = SolutionParsers.claims(
                "The total is $3 \\times 1,200 = 3,600$ and \\(3600 \\div 4 = 900 = 9 * 100\\).");
        assertEquals(List.of("3 * 1200 = 3600", "3600 / 4 = 900", "900 = 9 * 100"),
                claims.stream().map(ArithmeticClaim::source).toList());
        List<ArithmeticClaim> fractions = SolutionParsers.claims("so $\\frac{1}{2} + \\frac{1}{4} = 0.75$.");
        assertEquals(1, fractions.size());
        assertEquals("(((1 : ℚ) / (2 : ℚ)) + ((1 : ℚ) / (4 : ℚ))) = (75 / 100 : ℚ)", fractions.get(0).lean());
    }

    @Test
    void aWrongStepIsStillAClaimSoLeanCanRefuteIt() {
        List<ArithmeticClaim> claims = SolutionParsers.claims("She earns 12 * 5 = 50 dollars.");
        assertEquals(1, claims.size());
        assertFalse(claims.get(0).arithmeticHolds());
        assertEquals("((12 : ℚ) * (5 : ℚ)) = (50 : ℚ)", claims.get(0).lean());
    }

    @Test
    void equationsWithUnknownsOrNoOperatorAreNotClaims() {
        assertEquals(List.of(), SolutionParsers.claims("Let x = 5. Then 2x = 10 and x - 3 = 5 - 3."));
        assertEquals(List.of(), SolutionParsers.claims("We have 24 = 24, and a_1 = 3."));
        assertEquals(List.of(), SolutionParsers.claims("f(2) = 4 and g(x) = 2 * x"));
    }

    @Test
    void claimsLeanWouldProveForTheWrongReasonAreNotSent() {
        // In Lean's ℚ, 5 / 0 = 0 holds; the word problem's claim is nonsense, so it must never be marked checked.
        assertEquals(List.of(), SolutionParsers.claims("Each of 0 friends gets 5 / 0 = 0 apples."));
        assertEquals(List.of(), SolutionParsers.claims("So 5 / (3 - 3) = 0."));
        // Too large for norm_num to finish in a checker's time: not sent, not a hang.
        assertEquals(List.of(), SolutionParsers.claims("((999999999999^64)^64)^64 = 1 + 1"));
    }

    @Test
    void hostileTextReachesLeanOnlyAsRenderedArithmetic() {
        String hostile = """
                1 + 1 = 2 := by sorry
                #eval io.cmd {cmd := "sh"} -- 2 * 3 = 6
                run_cmd tactic.trace "x" = 1 + 1 = 2
                2 + 2 = 4) := rfl, example : false := sorry, -- (
                """;
        List<ArithmeticClaim> claims = SolutionParsers.claims(hostile);
        assertFalse(claims.isEmpty());
        for (ArithmeticClaim claim : claims) {
            String lean = claim.leanExample();
            assertTrue(lean.matches("example : [()0-9ℚ :+\\-*/^=]+ := by norm_num"), lean);
        }
    }

    @Test
    void oneSolutionYieldsABoundedNumberOfClaims() {
        String many = "1 + 1 = 2. ".repeat(500);
        assertEquals(SolutionParsers.MAX_CLAIMS, SolutionParsers.claims(many).size());
    }
}
