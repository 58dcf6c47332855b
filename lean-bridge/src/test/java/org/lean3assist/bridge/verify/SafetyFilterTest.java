package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
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

    /**
     * Where the filter's reasoning puts a tactic position, a term or the end of a block, written as
     * cases: a candidate, and between ⟪ and ⟫ the text the refusal must quote; no marker means the
     * candidate is accepted. The markers are removed before the candidate is checked.
     */
    static Stream<String> structure() {
        return Stream.of(
                // by extends over ';' and '<|>' up to a comma, a closing bracket or the end
                "exact (by simp) h",
                "exact (by simp, h)",
                "exact (by simp; ⟪h⟫)",
                "exact (by simp <|> ⟪h⟫)",
                "exact by simp; ⟪h⟫",
                "exact ⟨by simp, h⟩",
                "exact ⟨λ x, by simp, by ring⟩",
                // a binder takes its comma, so after the by the next comma ends the tactic
                "exact λ x, by simp, ⟪h⟫",
                "have h : p := by linarith, ⟪h⟫",
                "exact ∀ x, ∃ y, x = y, ⟪h⟫",
                "exact ∀ λ, ⟪pure⟫ ()",
                "show ∑ i in finset.range 3, i = 3",
                "exact (show p, from h)",
                // braces: a block after a combinator and after a comma in a term, a term elsewhere
                "exact (show p, { ⟪h⟫ })",
                "exact (λ x, {fst := x, snd := x})",
                "exact (show p, by { simp, ⟪h⟫ })",
                "try ⟪simp⟫",
                "try { simp } h",
                "repeat { ⟪(⟫pure ()) }",
                "⟪(⟫pure ())",
                "split; [linarith, ⟪h⟫]",
                "⟪[⟫simp]",
                "simp {⟪discharger⟫ := skip}",
                "simp {single_pass := tt}",
                // brackets: closers must match; the candidate may leave one open or close one of the proof
                "exact (by simp ⟪]⟫",
                "exact ⟨h.2, h.1",
                "apply nat.le_trans h₁ h₂)",
                "exact h ⟪}⟫ simp",
                // names: meta names everywhere, short meta names in terms, tactic names at tactic positions
                "exact ⟪get_env⟫",
                "exact (λ _, trivial) (⟪parser.command_like⟫)",
                "exact trivial",
                "cases h with step hstep",
                "exact (h : p ⟪.⟫ triv)",
                "exact (h x).symm",
                "⟪iterate 1000⟫ { skip }",
                "iterate 3 { skip }",
                "exact if h : x = 0 then by simp [h] else by ring");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structure")
    void refusesAtTheMarkedTextOrAccepts(String marked) {
        String candidate = marked.replace("⟪", "").replace("⟫", "");
        SafetyVerdict verdict = SafetyFilter.check(candidate);

        if (!marked.contains("⟪")) {
            assertEquals(SafetyVerdict.accept(), verdict, candidate);
            return;
        }
        String quoted = "'" + marked.substring(marked.indexOf('⟪') + 1, marked.indexOf('⟫')) + "'";
        assertFalse(verdict.accepted(), candidate);
        assertTrue(verdict.rejection().orElseThrow().contains(quoted),
                candidate + " should be refused at " + quoted + ", but: " + verdict.rejection().orElseThrow());
    }

    @Test
    void acceptsEveryTacticNameOnItsOwn() {
        for (String tactic : SafetyFilter.TACTICS) {
            String candidate = Set.of("try", "repeat", "all_goals", "any_goals", "iterate", "solve1", "focus", "case",
                    "work_on_goal").contains(tactic) ? tactic + " { skip }" : tactic;
            assertEquals(SafetyVerdict.accept(), SafetyFilter.check(candidate), candidate);
        }
    }

    @Test
    void theGeneratedTableHoldsTheEntryPointsTheAttacksUse() {
        // The attacks of the corpus reach these; if the table lost them, the short names would pass.
        for (String shortName : List.of("get_env", "set_env", "add_decl", "unsafe_run_io", "eval_expr", "to_expr",
                "infer_type", "mk_const", "when_tracing", "run_with_input", "command_like", "parser.run_with_input",
                "cmd", "spawn", "mk_simple_name", "updateex_env", "unchecked_cast", "apply_auto_param")) {
            assertTrue(SafetyFilter.termPositionRefusal(shortName).isPresent(), shortName);
        }
        assertTrue(SafetyFilter.absoluteRefusal("type_context.run").isPresent());
        assertTrue(SafetyFilter.absoluteRefusal("well_founded_tactics.default_dec_tac").isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"trivial", "funext", "pos", "step", "left", "h", "x", "hx", "nat.succ_le_iff", "pos.le"})
    void ordinaryNamesPassInTerms(String name) {
        assertTrue(SafetyFilter.absoluteRefusal(name).isEmpty(), name);
        assertTrue(SafetyFilter.termPositionRefusal(name).isEmpty(), name);
    }

    @Test
    void statementsScreenedAsShowStillPass() {
        // StatementChecker.screen checks a theorem's binders and type as "show " + body.
        for (String body : List.of("(p q : Prop) : p ∧ q → q ∧ p", ": (2 : ℕ) = 1 + 1", ": ∀ n : ℕ, n ≤ n + 1",
                "{α : Type*} [decidable_eq α] (s : finset α) : s.card = s.card",
                "(a b : ℝ) (h₀ : 0 < a ∧ 0 < b) : a * b > 0")) {
            assertEquals(SafetyVerdict.accept(), SafetyFilter.check("show " + body), body);
        }
    }

    @Test
    void everyRefusalIsOneSentence() {
        for (String candidate : HOSTILE) {
            assertOneSentence(SafetyFilter.check(candidate).rejection().orElseThrow());
        }
    }

    /** A reason is shown to users after "not sent to Lean: ", so it is one sentence without a final stop. */
    static void assertOneSentence(String reason) {
        assertFalse(reason.isBlank());
        assertFalse(reason.contains("\n"), reason);
        assertFalse(reason.contains(". "), "one sentence: " + reason);
        assertNotEquals('.', reason.charAt(reason.length() - 1), "no final stop: " + reason);
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

            List<String> hostile = Stream.concat(HOSTILE.stream(), AttackCorpus.all().map(AttackCorpus.Payload::text))
                    .distinct().toList();
            List<ReplayResult> results = verifier.verify(new VerifyRequest(file, 1, source, new LeanPosition(6, 2), hostile))
                    .get(10, TimeUnit.SECONDS);

            assertEquals(hostile.size(), results.size());
            assertTrue(results.stream().allMatch(result -> result.verdict() == Verdict.REJECTED));
            assertEquals(writtenBefore, lean.started().get(0).written(), "nothing was written after the document's sync");
            assertEquals(0, checkers.started(), "no checker was even started");
        }
    }
}
