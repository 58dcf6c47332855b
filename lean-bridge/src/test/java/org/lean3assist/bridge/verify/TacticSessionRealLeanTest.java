package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * Tactic sessions on a real Lean 3, in the sandbox where there is one: states are values a step
 * can go back to; errors, {@code sorry}, meta code, the filter's refusals and the per-step limits
 * each get their outcome; and a session whose step runs away is ended, not left running.
 */
@EnabledIf(value = "org.lean3assist.bridge.RealLean#found",
        disabledReason = "no Lean 3 found (set LEAN3_HOME or put a Lean 3 on PATH); see the [real-lean] line above")
class TacticSessionRealLeanTest {

    private static final LeanBridgeSettings SETTINGS = LeanBridgeSettings.defaults()
            .withRestartBackoff(Duration.ofMillis(50), Duration.ofMillis(200), 3);
    private static final String SOURCE = String.join("\n",
            "open nat",
            "def secret_value : ℕ := 3",
            "meta def my_meta_tactic : tactic unit := tactic.skip",
            "",
            "theorem two_things (p q : Prop) (hp : p) (hq : q) : p ∧ (q ∧ succ 1 = 2) :=",
            "begin",
            "  sorry",
            "end",
            "");
    private static final LeanPosition SITE = new LeanPosition(7, 2);

    @TempDir
    Path workspace;

    @Test
    void stepsRunOnAnyStateAndEachOutcomeIsTold() throws Exception {
        Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (LeanServer editing = LeanServer.start(RealLean.installation(), workspace, SETTINGS);
             CheckerPool checkers = CheckerPool.forProject(RealLean.installation(), workspace, SETTINGS);
             Verifier verifier = new Verifier(editing, checkers);
             TacticSession session = verifier.openSession(SOURCE, SITE, Duration.ofSeconds(3))) {
            assertEquals(1, session.initial().goals().size(), session.initial().render());

            TacticSession.Step split = session.step(0, "split");
            assertEquals(TacticSession.Outcome.GOALS, split.outcome(), split.toString());
            assertEquals(2, split.goals().get().goals().size());
            int afterSplit = split.state().getAsInt();
            TacticSession.Step first = session.step(afterSplit, "exact hp");
            assertEquals(TacticSession.Outcome.GOALS, first.outcome(), first.toString());
            // Unicode and an open namespace reach Lean as written.
            TacticSession.Step rest = session.step(first.state().getAsInt(), "exact ⟨hq, rfl⟩");
            assertEquals(TacticSession.Outcome.NO_GOALS, rest.outcome(), rest.toString());
            // State 0 is still there: the same step again, from the site, on a fresh state.
            TacticSession.Step again = session.step(0, "split");
            assertEquals(TacticSession.Outcome.GOALS, again.outcome());
            assertTrue(again.state().getAsInt() > rest.state().getAsInt(), "a new state each time");

            TacticSession.Step wrong = session.step(0, "exact hq");
            assertEquals(TacticSession.Outcome.FAILED, wrong.outcome());
            assertTrue(wrong.explanation().orElse("").contains("type mismatch")
                    || wrong.explanation().orElse("").contains("expected"), wrong.toString());

            TacticSession.Step sorry = session.step(0, "exact ⟨hp, sorry⟩");
            assertFalse(sorry.outcome() == TacticSession.Outcome.NO_GOALS, "a step with sorry closes nothing: " + sorry);

            TacticSession.Step meta = session.step(0, "my_meta_tactic");
            assertEquals(TacticSession.Outcome.REFUSED, meta.outcome(), meta.toString());
            assertTrue(meta.explanation().orElse("").contains("my_meta_tactic"), meta.toString());

            TacticSession.Step filtered = session.step(0, "run_cmd tactic.trace \"x\"");
            assertEquals(TacticSession.Outcome.REFUSED, filtered.outcome(), filtered.toString());

            TacticSession.Step trailing = session.step(0, "skip end begin");
            assertEquals(TacticSession.Outcome.REFUSED, trailing.outcome(), "the filter refuses an end: " + trailing);

            TacticSession.Step loop = session.step(0, "repeat { skip }");
            assertEquals(TacticSession.Outcome.TIMEOUT, loop.outcome(), loop.toString());
            assertTrue(session.alive(), "a step stopped by its own limit leaves the session running");
            assertEquals(TacticSession.Outcome.GOALS, session.step(0, "split").outcome());
        }
    }
}
