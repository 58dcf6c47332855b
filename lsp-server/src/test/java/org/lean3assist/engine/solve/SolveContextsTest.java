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

    @Test
    void anOpenDocumentsContextCarriesItsVersionAndNoDocumentsIsTheWorkingDirectorysProject() throws Exception {
        java.nio.file.Path workspace = java.nio.file.Files.createTempDirectory("solve-context");
        java.nio.file.Path file = workspace.resolve("Problems.lean");
        try (var engine = new org.lean3assist.engine.Engine(org.lean3assist.engine.EngineParts.product(),
                org.lean3assist.bridge.LeanBridgeSettings.defaults())) {
            var document = engine.open(file.toUri().toString(), 7, FILE);
            var context = engine.solveContext(java.util.Optional.of(document),
                    java.util.Optional.of(new org.lean3assist.bridge.text.LeanPosition(6, 2)), workspace);
            assertEquals(file, context.anchor());
            assertEquals(7, context.version(), "a verifier drops a request for any other version of an open document");
            assertEquals("import tactic\n\nopen nat\n\n", context.text());

            java.nio.file.Path work = workspace.resolve("work");
            var none = engine.solveContext(java.util.Optional.empty(), java.util.Optional.empty(), work);
            assertEquals(work.resolve("lean3-assist-solve.lean"), none.anchor());
            assertEquals(org.lean3assist.engine.Engine.SOLVE_IMPORTS, none.text());
        }
    }
}
