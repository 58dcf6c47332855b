package org.lean3assist.model.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ArithmeticTest {

    private static String value(String text) {
        return Arithmetic.parse(text).flatMap(Arithmetic::value).map(Rational::toString).orElse("none");
    }

    @Test
    void precedenceAndAssociativityAreTheUsualOnes() {
        assertEquals("14", value("2 + 3 * 4"));
        assertEquals("20", value("(2 + 3) * 4"));
        assertEquals("1", value("8 / 4 / 2"));
        assertEquals("3", value("10 - 4 - 3"));
        assertEquals("-9", value("-3^2"));
        assertEquals("64", value("2^6"));
        assertEquals("5/2", value("2.5"));
        assertEquals("none", value("2^3^2"));
    }

    @Test
    void anythingOutsideTheGrammarIsNoExpression() {
        for (String text : new String[] {"", "x", "2x", "2 +", "(1 + 2", "1 + 2)", "sorry", "2 ^ 65", "2 ^ x",
                "2 ^ 1.5", "1" + "0".repeat(Arithmetic.MAX_DIGITS), "+1", "1 ++ 2", "3 % 2", "１ + 1"}) {
            assertEquals(Optional.empty(), Arithmetic.parse(text), text);
        }
        assertTrue(Arithmetic.parse("(".repeat(40) + "1" + ")".repeat(40)).isEmpty(), "more than 64 tokens");
    }

    @Test
    void valuesBeyondTheBitBoundAreNotChecked() {
        assertEquals(java.math.BigInteger.valueOf(3).pow(160).toString(), value("3^64 * 3^64 * 3^32"));
        assertEquals("none", value("3^64 * 3^64 * 3^42"));
        assertEquals("none", value("1 / (3^64 * 3^64 * 3^42)"));
        assertEquals("none", value("1 / (2 - 2)"));
    }

    @Test
    void leanRenderingTypesEveryLiteral() {
        assertEquals("((-(2 : ℚ)) + ((25 / 10 : ℚ) ^ 2))", Arithmetic.lean(Arithmetic.parse("-2 + 2.5^2").orElseThrow(), "ℚ"));
    }
}
