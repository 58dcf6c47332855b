package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.RealLean;

/**
 * Formalization's check against a real Lean 3: elaboration with sorry, after the file's context, on
 * the project's checkers (sandboxed where bubblewrap works, as the default setting has it). The
 * checker is given only a pool, so the Lean of the user's buffers is out of its reach by construction.
 */
@EnabledIf(value = "org.lean3assist.bridge.RealLean#found",
        disabledReason = "no Lean 3 found (set LEAN3_HOME or put a Lean 3 on PATH); see the [real-lean] line above")
class StatementCheckerRealLeanTest {

    @TempDir
    Path workspace;

    @Test
    void aWellTypedStatementIsOkAndAnIllTypedOneCarriesLeansError() throws Exception {
        Path anchor = workspace.resolve("Scratch.lean");
        try (CheckerPool checkers = checkers(workspace)) {
            var checker = new StatementChecker(checkers);

            var good = checker.check(anchor, "", "theorem and_swap' (p q : Prop) : p ∧ q → q ∧ p :=");
            assertTrue(good.ok(), good.toString());

            var bad = checker.check(anchor, "", "theorem bad (n : ℕ) : n + tt = n :=");
            assertFalse(bad.ok());
            assertTrue(bad.message().orElseThrow().contains("type mismatch") || bad.message().orElseThrow().contains("failed to synthesize"),
                    bad.toString());

            var usesContext = checker.check(anchor, "def double (n : ℕ) : ℕ := n + n\n", "theorem double_zero : double 0 = 0 :=");
            assertTrue(usesContext.ok(), usesContext.toString());

            // The good statement again, after a failing one under the same name: the answer of this
            // check, not the list the failure left, decides.
            var again = checker.check(anchor, "", "theorem and_swap' (p q : Prop) : p ∧ q → q ∧ p :=");
            assertTrue(again.ok(), again.toString());

            var hostile = checker.check(anchor, "", "theorem t : true := trivial\n#eval 1\ntheorem u : true :=");
            assertEquals(false, hostile.ok());
            assertTrue(hostile.message().orElseThrow().startsWith("not sent to Lean"), hostile.toString());

            assertTrue(checkers.started() >= 1, "the checks ran on a checker");
        }
    }

    @Test
    void formalizationsAtOnceEachGetTheirOwnVerdict() throws Exception {
        Path anchor = workspace.resolve("Scratch.lean");
        try (CheckerPool checkers = checkers(workspace)) {
            var checker = new StatementChecker(checkers);
            List<String> statements = List.of("theorem ok_one (n : ℕ) : n + 0 = n :=", "theorem bad_one (n : ℕ) : n + tt = n :=",
                    "theorem ok_two (p : Prop) : p → p :=", "theorem bad_two : (1 : ℕ) = ff :=");

            List<CompletableFuture<StatementChecker.Result>> running = statements.stream()
                    .map(statement -> CompletableFuture.supplyAsync(() -> checker.check(anchor, "", statement))).toList();

            for (int index = 0; index < statements.size(); index++) {
                var result = running.get(index).get(300, TimeUnit.SECONDS);
                assertEquals(statements.get(index).contains("ok_"), result.ok(), statements.get(index) + ": " + result);
            }
        }
    }

    @Test
    void aContextWithARelativeImportResolvesItBesideTheFile() throws Exception {
        // A project as a user has it, readable by others: JUnit's directory is its owner's alone, and
        // a sandboxed checker started by root runs as nobody, which could not read the import.
        java.nio.file.Files.setPosixFilePermissions(workspace, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        java.nio.file.Files.writeString(workspace.resolve("helper.lean"), "def my_val : ℕ := 3\n");
        Path anchor = workspace.resolve("Main.lean");
        try (CheckerPool checkers = checkers(workspace)) {
            var checker = new StatementChecker(checkers);

            var result = checker.check(anchor, "import .helper\n", "theorem my_val_is_three : my_val = 3 :=");

            assertTrue(result.ok(), result.toString());
        }
    }

    private static CheckerPool checkers(Path projectRoot) throws Exception {
        return CheckerPool.forProject(RealLean.installation(), projectRoot, LeanBridgeSettings.defaults());
    }
}
