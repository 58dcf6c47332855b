package org.lean3assist.suggest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.text.LeanPosition;

/** Model-written statements reach Lean only as one plain theorem made of safe tokens. */
class StatementScreenTest {

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
}
