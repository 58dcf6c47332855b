package org.lean3assist.engine.solve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SolveContextsTest {

    private static final String FILE = "import tactic\n\nopen nat\n\n/-- A problem:\n  Ana has 3 apples. -/\ntheorem t : true := trivial\n";

    @Test
    void theContextEndsBeforeTheCommentThatHoldsTheProblem() {
        assertEquals("import tactic\n\nopen nat\n\n", SolveContexts.before(FILE, 6));
        assertEquals("import tactic\n\nopen nat\n\n", SolveContexts.before(FILE, 5));
        assertEquals("import tactic\n\n", SolveContexts.before(FILE, 3));
    }

    @Test
    void closedAndNestedCommentsAndLineCommentsAreSeenThrough() {
        String text = "import tactic\n/- a /- nested -/ still -/\n-- a line /- not a comment\nProblem here\n";
        assertEquals("import tactic\n/- a /- nested -/ still -/\n-- a line /- not a comment\n", SolveContexts.before(text, 4));
        assertEquals("import tactic\n", SolveContexts.before("import tactic\n/- open /- inner -/\nproblem", 3));
        assertEquals("a\n", SolveContexts.before("a\n", 99));
    }
}
