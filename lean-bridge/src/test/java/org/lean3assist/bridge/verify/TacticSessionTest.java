package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.testing.RecordedSessionLean;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlocks;
import org.lean3assist.bridge.transport.ExitStatus;
import org.lean3assist.bridge.transport.Transport;

/**
 * The session's side in Java, against a recording of a real session's answers: the file it
 * starts, how each answer becomes an outcome, what reaches Lean (and what never does), and the
 * watchdog and the end of a session.
 */
class TacticSessionTest {

    private static final TacticSession.Limits LIMITS = new TacticSession.Limits(Duration.ofSeconds(2), 100_000,
            Duration.ofSeconds(10));

    private static TacticSession start(RecordedSessionLean lean, TacticSession.Limits limits) throws IOException {
        return TacticSession.start(lean, lean.source(), lean.site(),
                TacticBlocks.enclosing(lean.source(), lean.site()).orElseThrow(), limits, SafetyFilter::check);
    }

    @Test
    void theSessionsFileHasTheSessionAtTheSiteAndNothingOfTheProofAfterIt() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction");
        try (TacticSession session = start(lean, LIMITS)) {
            String file = lean.contents().get(0);
            assertTrue(file.startsWith("import system.io\n"), file);
            assertTrue(file.contains("namespace lean3assist_session"), "the session's code is in the file");
            assertTrue(file.contains("  " + TacticSession.SESSION_TACTIC + ",\nend\n"), file);
            assertFalse(file.contains("sorry\nend"), "the rest of the proof is left out: " + file);
            assertFalse(file.contains("MARKER"), "the marker is filled in");
            assertEquals(1, session.initial().goals().size());
            assertEquals("p ∧ q ∧ 1 + 1 = 2", session.initial().goals().get(0).target());
        }
    }

    @Test
    void eachAnswerBecomesAnOutcomeAndStatesAreValuesToGoBackTo() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction");
        try (TacticSession session = start(lean, LIMITS)) {
            TacticSession.Step split = session.step(0, "split");
            assertEquals(TacticSession.Outcome.GOALS, split.outcome());
            assertEquals(2, split.goals().orElseThrow().goals().size());
            TacticSession.Step left = session.step(split.state().getAsInt(), "exact hp");
            TacticSession.Step closed = session.step(left.state().getAsInt(), "exact ⟨hq, rfl⟩");
            assertEquals(TacticSession.Outcome.NO_GOALS, closed.outcome(), closed.toString());

            TacticSession.Step wrong = session.step(split.state().getAsInt(), "exact hq");
            assertEquals(TacticSession.Outcome.FAILED, wrong.outcome());
            assertTrue(wrong.explanation().orElseThrow().contains("but is expected to have type"), wrong.toString());

            TacticSession.Step sorry = session.step(0, "exact ⟨hp, sorry⟩");
            assertEquals(TacticSession.Outcome.REFUSED, sorry.outcome(), "the filter refuses sorry before Lean: " + sorry);

            TacticSession.Step loop = session.step(0, "repeat { skip }");
            assertEquals(TacticSession.Outcome.TIMEOUT, loop.outcome(), loop.toString());
            assertTrue(session.alive(), "Lean's own limit leaves the session running");
            assertEquals(TacticSession.Outcome.NO_GOALS, session.step(0, "exact ⟨hp, hq, rfl⟩").outcome());
            assertEquals(List.of(), lean.unrecorded());
        }
    }

    @Test
    void aRefusedTacticNeverReachesLeanAndRequestsAreAsciiWithTheirNames() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction");
        try (TacticSession session = start(lean, LIMITS)) {
            TacticSession.Step refused = session.step(0, "run_cmd tactic.trace \"x\"");
            assertEquals(TacticSession.Outcome.REFUSED, refused.outcome());
            assertEquals(TacticSession.Outcome.REFUSED, session.step(0, "skip\nend\n#eval 1").outcome());
            assertEquals(List.of(), lean.requests(), "nothing the filter refused was written to Lean");

            session.step(session.step(0, "split").state().getAsInt(), "exact hp");
            session.step(2, "exact ⟨hq, rfl⟩");
            String request = lean.requests().get(lean.requests().size() - 1);
            assertTrue(request.chars().allMatch(character -> character < 128), "ASCII only: " + request);
            assertTrue(request.contains("\\u27E8") || request.contains("\\u27e8"), request);
            assertTrue(request.contains("\"names\":[[\"hq\"],[\"rfl\"]]"), "the names Lean is asked about: " + request);
        }
    }

    @Test
    void theWatchdogEndsASessionThatDoesNotAnswer() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction").hangOn("cc");
        TacticSession.Limits quick = new TacticSession.Limits(Duration.ofMillis(100), 100_000, Duration.ofSeconds(10));
        try (TacticSession session = start(lean, quick)) {
            TacticSession.Step hung = session.step(0, "cc");
            assertEquals(TacticSession.Outcome.TIMEOUT, hung.outcome());
            assertTrue(hung.explanation().orElseThrow().contains("no answer from Lean"), hung.toString());
            assertFalse(session.alive());
            IllegalStateException ended = assertThrows(IllegalStateException.class, () -> session.step(0, "simp"));
            assertTrue(ended.getMessage().contains("no answer to 'cc'"), ended.getMessage());
        }
    }

    @Test
    void aLeanThatDiesInAStepEndsTheSessionWithItsLastWords() throws IOException {
        RecordedSessionLean lean = RecordedSessionLean.load("conjunction").dieOn("simp");
        try (TacticSession session = start(lean, LIMITS)) {
            IllegalStateException died = assertThrows(IllegalStateException.class, () -> session.step(0, "simp"));
            assertTrue(died.getMessage().contains("ended while running 'simp'"), died.getMessage());
            assertTrue(died.getMessage().contains("some other line Lean prints"), "Lean's last output: " + died.getMessage());
            assertFalse(session.alive());
        }
    }

    @Test
    void aLeanThatEndsBeforeTheSiteFailsTheStartWithWhatItSaid() {
        CheckerPool.SessionLauncher failing = (content, listener) -> {
            listener.onLine("session.lean:1:0: error: file 'no_such_module' not found in the LEAN_PATH");
            listener.onExit(ExitStatus.exited(1));
            return new Transport() {
                @Override
                public void send(String line) throws IOException {
                    throw new IOException("Broken pipe");
                }

                @Override
                public void closeInput() {
                }

                @Override
                public void kill() {
                }

                @Override
                public void close() {
                }
            };
        };
        String source = "import no_such_module\n" + TacticSessionRecorder.CONJUNCTION;
        LeanPosition site = new LeanPosition(4, 2);
        IOException failed = assertThrows(IOException.class, () -> TacticSession.start(failing, source, site,
                TacticBlocks.enclosing(source, site).orElseThrow(), LIMITS, SafetyFilter::check));
        assertTrue(failed.getMessage().contains("ended before it reached the site"), failed.getMessage());
        assertTrue(failed.getMessage().contains("not found in the LEAN_PATH"), failed.getMessage());
    }

    @Test
    void aFileWithARelativeImportOrAPreludeHasNoSession() {
        String relative = "import .helper\n" + TacticSessionRecorder.CONJUNCTION;
        LeanPosition site = new LeanPosition(4, 2);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TacticSession.content(
                relative, site, TacticBlocks.enclosing(relative, site).orElseThrow(), "lean3assist_session_0123456789abcdef"));
        assertTrue(refused.getMessage().contains("relative"), refused.getMessage());
        String prelude = "prelude\n" + TacticSessionRecorder.CONJUNCTION;
        assertThrows(IllegalArgumentException.class, () -> TacticSession.content(prelude, site,
                TacticBlocks.enclosing(prelude, site).orElseThrow(), "lean3assist_session_0123456789abcdef"));
    }

    @Test
    void earlierProofsAreStubbedLineForLineAndDefinitionsKeepTheirBodies() {
        String source = String.join("\n",
                "namespace demo",
                "def twice (n : ℕ) : ℕ :=",
                "begin",
                "  exact n + n",
                "end",
                "lemma slow (p : Prop) (hp : p) : p ∧ p :=",
                "begin",
                "  split,",
                "  { exact hp },",
                "  { exact hp }",
                "end",
                "example : true := begin trivial end",
                "theorem here (n : ℕ) : twice n = n + n :=",
                "begin",
                "  refl",
                "end",
                "end demo",
                "");
        String stubbed = TacticSession.stubEarlierProofs(source, 13);
        assertEquals(source.split("\n", -1).length, stubbed.split("\n", -1).length, "every line where it was:\n" + stubbed);
        assertTrue(stubbed.contains("begin\n  exact n + n\nend"), "a definition keeps its body:\n" + stubbed);
        assertTrue(stubbed.contains("lemma slow (p : Prop) (hp : p) : p ∧ p :=\nbegin sorry\n\n\n\nend"), stubbed);
        assertTrue(stubbed.contains("example : true := begin sorry end"), stubbed);
        assertTrue(stubbed.contains("theorem here (n : ℕ) : twice n = n + n :=\nbegin\n  refl\nend"), "the site's own proof stays:\n" + stubbed);
    }
}
