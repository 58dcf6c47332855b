package org.lean3assist.reallean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.suggest.StatementChecker;
import org.lean3assist.workspace.LeanProjects;
import org.lean3assist.workspace.LeanStarter;

/** Formalization's check against a real Lean 3: elaboration with sorry, after the file's context. */
@EnabledIf(value = "org.lean3assist.reallean.RealLean#available", disabledReason = RealLean.SKIP_REASON)
class StatementCheckerRealLeanTest {

    @TempDir
    Path workspace;

    @Test
    void aWellTypedStatementIsOkAndAnIllTypedOneCarriesLeansError() throws Exception {
        Path anchor = workspace.resolve("Scratch.lean");
        try (var projects = new LeanProjects(LeanStarter.located(), LeanBridgeSettings.defaults())) {
            var checker = new StatementChecker(projects.forFile(anchor).server());

            var good = checker.check(anchor, "", "theorem and_swap' (p q : Prop) : p ∧ q → q ∧ p :=");
            assertTrue(good.ok(), good.toString());

            var bad = checker.check(anchor, "", "theorem bad (n : ℕ) : n + tt = n :=");
            assertFalse(bad.ok());
            assertTrue(bad.message().orElseThrow().contains("type mismatch") || bad.message().orElseThrow().contains("failed to synthesize"),
                    bad.toString());

            var usesContext = checker.check(anchor, "def double (n : ℕ) : ℕ := n + n\n", "theorem double_zero : double 0 = 0 :=");
            assertTrue(usesContext.ok(), usesContext.toString());

            var hostile = checker.check(anchor, "", "theorem t : true := trivial\n#eval 1\ntheorem u : true :=");
            assertEquals(false, hostile.ok());
            assertTrue(hostile.message().orElseThrow().startsWith("not sent to Lean"), hostile.toString());
        }
    }

    @Test
    void aContextWithARelativeImportResolvesItBesideTheFile() throws Exception {
        java.nio.file.Files.writeString(workspace.resolve("helper.lean"), "def my_val : ℕ := 3\n");
        Path anchor = workspace.resolve("Main.lean");
        try (var projects = new LeanProjects(LeanStarter.located(), LeanBridgeSettings.defaults())) {
            var checker = new StatementChecker(projects.forFile(anchor).server());

            var result = checker.check(anchor, "import .helper\n", "theorem my_val_is_three : my_val = 3 :=");

            assertTrue(result.ok(), result.toString());
        }
    }
}
