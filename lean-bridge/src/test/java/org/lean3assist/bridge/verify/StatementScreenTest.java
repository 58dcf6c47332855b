package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.protocol.LeanMessage.Severity;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Model-written statements reach Lean only as one plain theorem made of safe tokens, only on a
 * checker, and Lean's messages count as a verdict only with the check's own answer among them.
 */
class StatementScreenTest {

    private static final Path ANCHOR = Path.of("/project/src/Main.lean");
    private static final String SHADOW = StatementChecker.shadowName(ANCHOR, 0);
    private static final String STATEMENT = "theorem add_zero' (n : ℕ) : n + 0 = n :=";
    private static final String CONTEXT = "def double (n : ℕ) : ℕ := n + n\n";

    @ParameterizedTest
    @ValueSource(strings = {
        "theorem and_swap (p q : Prop) : p ∧ q → q ∧ p :=",
        "lemma add_zero' (n : ℕ) : n + 0 = n :=",
        "theorem two_eq : (2 : ℕ) = 1 + 1 :=",
        "theorem all_nat : ∀ n : ℕ, n ≤ n + 1 :=",
    })
    void plainStatementsPass(String statement) {
        assertTrue(StatementChecker.screen(statement).accepted(), StatementChecker.screen(statement).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "theorem t : true := trivial\n#eval io.put_str \"x\"\ntheorem u : true :=",
        "theorem t : true :=\nrun_cmd tactic.trace \"x\"",
        "meta def evil : tactic unit := tactic.skip\ntheorem t : true :=",
        "theorem t (x : io unit) : true :=",
        "theorem t : true := by exact (unsafe_run_io (io.put_str \"x\")).elim\ntheorem u : true :=",
        "@[simp] theorem t : true :=",
        "import data.nat\ntheorem t : true :=",
        "theorem t : true := sorry\ntheorem u : true :=",
        "theorem sorry_ax' : false :=",
        "theorem t : «io.cmd» = 1 :=",
        "theorem t : true := begin end end theorem u : true :=",
        "theorem t : `(1) = 1 :=",
        "set_option trace.all true theorem t : true :=",
        "theorem t : tactic.unsafe.type_context.run = 1 :=",
        "theorem } :=",
        "def t : ℕ :=",
        "theorem t : true := -- hidden\n#exit",
        // Printing an answer of its own, to pass for the check's.
        "theorem t : true := trivial\n#print \"lean3assist_formalize_0000000000000000\"\ntheorem u : true :=",
    })
    void anythingThatCouldRunCodeOrEndTheStatementIsRefused(String statement) {
        assertFalse(StatementChecker.screen(statement).accepted(), statement);
    }

    @Test
    void theContextStopsBeforeTheDeclarationAtThePosition() {
        String document = "import data.nat\n\ntheorem a : true :=\nbegin\n  trivial\nend\n\ntheorem b : true :=\nbegin\n  trivial\nend\n";
        String context = StatementChecker.contextBefore(document, Optional.of(new LeanPosition(10, 2)));
        assertTrue(context.endsWith("end\n") || context.endsWith("end"), context);
        assertFalse(context.contains("theorem b"), context);
        assertTrue(context.contains("theorem a"), context);
    }

    @Test
    void theCheckedTextEndsWithAnAnswerWhoseNonceIsADigestOfEverythingBeforeIt() {
        var check = StatementChecker.Check.of(CONTEXT, STATEMENT);

        List<String> lines = check.content().lines().toList();
        assertEquals(List.of("def double (n : ℕ) : ℕ := n + n", "", STATEMENT + " sorry", "#print \"" + check.answer() + "\""), lines);
        assertEquals(3, check.statementLine());
        assertEquals(4, check.answerLine());
        assertTrue(check.answer().matches("lean3assist_formalize_[0-9a-f]{16}"), check.answer());
        assertEquals(check.answer(), StatementChecker.Check.of(CONTEXT, STATEMENT).answer(), "the same text, the same answer");
        assertNotEquals(check.answer(), StatementChecker.Check.of(CONTEXT, "theorem other (n : ℕ) : n = n :=").answer());
        assertNotEquals(check.answer(), StatementChecker.Check.of("", STATEMENT).answer(), "the context is part of it");
    }

    @Test
    void aStatementOverSeveralLinesMovesTheAnswerLineDown() {
        var check = StatementChecker.Check.of("", "theorem t (n : ℕ) :\n  n + 0 = n :=");

        assertEquals(2, check.statementLine());
        assertEquals(4, check.answerLine());
        assertEquals("#print \"" + check.answer() + "\"", check.content().lines().toList().get(3));
    }

    @Test
    void theAnswerAndASorryWarningAreOk() {
        var check = StatementChecker.Check.of(CONTEXT, STATEMENT);

        var result = check.judge(SHADOW, List.of(sorryWarning(check), answer(check, SHADOW)));

        assertEquals(new StatementChecker.Result(true, Optional.empty()), result);
    }

    @Test
    void errorsInTheContextAloneAreTheUsersOwnAndStillOk() {
        var check = StatementChecker.Check.of(CONTEXT, STATEMENT);

        var result = check.judge(SHADOW, List.of(message(SHADOW, 1, 4, Severity.ERROR, "unknown identifier 'nat.foo'"),
                answer(check, SHADOW)));

        assertTrue(result.ok(), result.toString());
    }

    @Test
    void anErrorOnTheStatementIsTheVerdictEvenWithTheAnswer() {
        var check = StatementChecker.Check.of(CONTEXT, STATEMENT);

        var result = check.judge(SHADOW, List.of(message(SHADOW, 3, 30, Severity.ERROR, "type mismatch"), answer(check, SHADOW)));

        assertEquals(new StatementChecker.Result(false, Optional.of("type mismatch")), result);
    }

    @Test
    void withoutTheChecksOwnAnswerNothingIsOk() {
        var check = StatementChecker.Check.of(CONTEXT, STATEMENT);
        var earlier = StatementChecker.Check.of(CONTEXT, "theorem earlier (n : ℕ) : n = n :=");
        List<List<LeanMessage>> attacks = new ArrayList<>();
        // Nothing yet: Lean has not sent this check's list.
        attacks.add(List.of());
        // The list an earlier clean check left under the same name.
        attacks.add(List.of(sorryWarning(earlier), answer(earlier, SHADOW)));
        // This check's answer, but for another checker's file.
        attacks.add(List.of(answer(check, StatementChecker.shadowName(ANCHOR, 1))));
        // The right text on another line, or not at column 0, or as a warning, or twice.
        attacks.add(List.of(message(SHADOW, check.statementLine(), 0, Severity.INFORMATION, check.answer())));
        attacks.add(List.of(message(SHADOW, check.answerLine(), 2, Severity.INFORMATION, check.answer())));
        attacks.add(List.of(message(SHADOW, check.answerLine(), 0, Severity.WARNING, check.answer())));
        attacks.add(List.of(answer(check, SHADOW), answer(check, SHADOW)));
        // Text that merely contains the answer.
        attacks.add(List.of(message(SHADOW, check.answerLine(), 0, Severity.INFORMATION, check.answer() + " and more")));

        for (List<LeanMessage> messages : attacks) {
            assertEquals(new StatementChecker.Result(false, Optional.of("Lean's answer was not seen")),
                    check.judge(SHADOW, messages), messages.toString());
        }
    }

    @Test
    void checksOnDifferentCheckersUseDifferentNamesBesideTheFile() {
        String first = StatementChecker.shadowName(ANCHOR, 0);
        String second = StatementChecker.shadowName(ANCHOR, 1);

        assertNotEquals(first, second);
        assertEquals(ANCHOR.getParent(), Path.of(first).getParent(), "relative imports resolve beside the file");
        assertTrue(first.endsWith(".lean") && !first.equals(ANCHOR.toString()), first);
    }

    @Test
    void aPoolThatRefusesReplaysRefusesTheCheckAndSaysWhy() {
        var checker = new StatementChecker(CheckerPool.refusing(1, "replays are refused: bubblewrap is not installed"));

        var result = checker.check(ANCHOR, CONTEXT, STATEMENT);

        assertFalse(result.ok());
        assertTrue(result.message().orElseThrow().contains("bubblewrap is not installed"), result.toString());
    }

    private static LeanMessage answer(StatementChecker.Check check, String fileName) {
        return message(fileName, check.answerLine(), 0, Severity.INFORMATION, check.answer());
    }

    private static LeanMessage sorryWarning(StatementChecker.Check check) {
        return message(SHADOW, check.statementLine(), 0, Severity.WARNING, "declaration 'add_zero'' uses sorry");
    }

    private static LeanMessage message(String fileName, int line, int column, Severity severity, String text) {
        return new LeanMessage(fileName, line, column, severity, "", text);
    }
}
