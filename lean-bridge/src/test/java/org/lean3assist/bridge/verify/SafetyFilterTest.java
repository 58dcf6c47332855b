package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.testing.CheckedReplays;
import org.lean3assist.bridge.testing.RecordedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;

class SafetyFilterTest {

    /** Candidates an attacker (or a confused model) could produce. None may reach Lean. */
    static final List<String> HOSTILE = List.of(
            // proof holes
            "sorry", "admit", "exact sorry", "refine ⟨sorry, _⟩", "exact sorry_ax _ _", "cheat", "exact (by sorry)",
            "apply _root_.sorry", "exact classical.sorry", "try { sorry }", "all_goals { admit }", "simp; sorry",
            "exact h <|> sorry", "exact mk_sorry", "exact (undefined : false)", "apply my_admit_lemma",
            // IO and meta code
            "exact unsafe_run_io (io.put_str \"x\")", "run_tac tactic.trace \"x\"", "run_cmd tactic.skip",
            "exact io.cmd {cmd := \"rm\"}", "apply tactic.unsafe_run_io", "exact (io.fs.read_file x)",
            "simp [native.rb_map.mk]", "exact vm_eval x", "intro x, exact tactic.exact x", "exact `(x)",
            "exact ``(x)", "refine `[simp]", "exact %%x", "exact $ x", "apply foo $ bar",
            "exact (environment.add e d)", "exact (eval_expr ℕ e)", "exact (system.process.spawn x)",
            // commands and environment changes
            "#eval 1", "#exit", "#print axioms", "set_option pp.all true", "import data.real.basic",
            "meta def f := 1", "@[simp] lemma x : true := trivial", "attribute [simp] foo", "open nat",
            "universe u", "local attribute [instance] classical.prop_decidable", "notation `x` := 1",
            "axiom false_ax : false", "constant c : ℕ", "noncomputable theory", "namespace foo",
            "exact (do tactic.skip)",
            // leaving the tactic block
            "end", "refl\nend", "refl,\nend\ntheorem evil : false := sorry", "refl end", "refl, end",
            "exact x\n\n#eval 1", "exact (begin refl end)", "exact (match x with | _ := rfl end)",
            "theorem t : false", "def x := 1", "lemma x : true", "example : true := trivial", "instance : foo",
            "exact rfl := foo", "refl := x",
            // hiding text
            "refl -- end", "refl /- \n end -/", "refl /- hidden -/", "exact \"end\"", "exact 'e'",
            "exact «end»", "exact «sorry»", "exact x\u2028#eval 1", "exact x\r#eval 1", "exact x\u0085end",
            // look-alikes and odd characters
            "exact 𝓈ℴ𝓇𝓇𝓎", "exact sοrry", "exact ѕorry", "exact ｓｏｒｒｙ", "exact SORRY", "exact Sorry",
            "exact x\u200bsorry", "exact x\u202e", "exact \\x", "exact x @[simp]",
            // not a tactic at all
            "", "   ", "hello world", "x", "⟨h.2, h.1⟩", "(sorry)", "{ sorry }", "; sorry", "42",
            "exact ⟨h.1, h.2]", "cases h with hp hq, ring_exp ⊢ #check");

    static Stream<String> benign() {
        return RecordedReplays.all().map(RecordedReplays.Replay::candidate).filter(candidate -> !candidate.equals("sorry"))
                .distinct();
    }

    static Stream<String> hostile() {
        return HOSTILE.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("hostile")
    void refusesHostileCandidatesWithAReason(String candidate) {
        SafetyVerdict verdict = SafetyFilter.check(candidate);

        assertFalse(verdict.accepted(), candidate);
        assertFalse(verdict.rejection().orElseThrow().isBlank());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void acceptsEveryRecordedCandidateOtherThanSorry(String candidate) {
        assertEquals(SafetyVerdict.accept(), SafetyFilter.check(candidate));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreBenign")
    void acceptsOrdinaryTactics(String candidate) {
        assertEquals(SafetyVerdict.accept(), SafetyFilter.check(candidate));
    }

    static Stream<String> moreBenign() {
        return Stream.of("have h : p ∧ q := ⟨hp, hq⟩", "intros x y, simp at h ⊢", "rw ← nat.add_comm at h",
                "show ∀ x : ℕ, x = x, from λ x, rfl", "obtain ⟨x, hx⟩ := h", "induction n with n ih; simp [*]",
                "repeat { rw nat.succ_eq_add_one }", "exact @nat.le_trans _ _ _ h₁ h₂", "norm_num [h']",
                "refine ⟨_, _⟩; assumption", "exact (λ h, h.elim) hp", "cases h : f x",
                "rw [set.mem_def, function.comp_def]", "simp only [h_end_le, nat.succ_le_iff]");
    }

    @Test
    void explainsWhyALookAlikeIsRefused() {
        assertTrue(SafetyFilter.check("exact sοrry").rejection().orElseThrow().contains("looks like 'sorry'"));
        assertTrue(SafetyFilter.check("#eval 1").rejection().orElseThrow().contains("'#'"));
    }

    @Test
    void noHostileCandidateReachesTheTransport() throws Exception {
        Recordings recordings = RecordedReplays.RECORDINGS;
        ScriptedTransport.Factory lean = ScriptedTransport.factory(recordings.script("replays/basics.jsonl"));
        Path file = recordings.sourcePath("basics");
        String source = Recordings.source("basics");
        LeanBridgeSettings settings = LeanBridgeSettings.defaults().withTrailingMessagesWait(Duration.ofMillis(10));

        try (LeanServer server = LeanServer.start(lean, settings);
             CheckerPool checkers = CheckedReplays.checkers(recordings, "basics", 0);
             Verifier verifier = new Verifier(server, checkers)) {
            server.openDocument(file, 1, source).get(10, TimeUnit.SECONDS);
            List<String> writtenBefore = lean.started().get(0).written();

            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2), HOSTILE))
                    .get(10, TimeUnit.SECONDS);

            assertEquals(HOSTILE.size(), results.size());
            assertTrue(results.stream().allMatch(result -> result.verdict() == Verdict.REJECTED));
            assertEquals(writtenBefore, lean.started().get(0).written(), "nothing was written after the document's sync");
            assertEquals(0, checkers.started(), "no checker was even started");
        }
    }
}
