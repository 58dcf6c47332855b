package org.lean3assist.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.testing.CheckedReplays;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.Documents.Snapshot;
import org.lean3assist.engine.suggest.CandidateSource;
import org.lean3assist.engine.suggest.Suggestion;
import org.lean3assist.lsp.RecordedLean;

/**
 * The engine's features as data: a fixture is a piece of {@code basics.lean} with {@code $0} where
 * the cursor is, and the expectation is the engine's answer there, rendered as text. No LSP is
 * involved; Lean is the recorded real session of {@code basics.lean} and, for suggestions, the
 * recorded checks of its replays.
 */
class EngineFeaturesTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();
    private static final Path FILE = RECORDINGS.workspace().resolve("basics.lean");
    private static final String SOURCE = Recordings.source("basics");
    private static final long WAIT_SECONDS = 30;

    private static Engine engine;
    private static Snapshot document;
    private static LeanProject project;

    @BeforeAll
    static void openBasics() throws Exception {
        LeanStarter starter = new LeanStarter() {
            @Override
            public LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws IOException {
                return LeanServer.start(ScriptedTransport.factory(RECORDINGS.script("sessions/basics.jsonl")), settings);
            }

            @Override
            public CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings) {
                return CheckedReplays.checkers(RECORDINGS, "basics", 0);
            }
        };
        List<CandidateSource> recorded = List.of(RecordedLean.recordedCandidates("basics"));
        engine = new Engine(EngineParts.product().withLean(starter).withModel(config -> Optional.empty())
                .withCandidateSources(model -> recorded), LeanBridgeSettings.defaults());
        document = engine.open(FILE.toUri().toString(), 1, SOURCE);
        project = engine.project(FILE);
        engine.check(project, document).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    /** The Lean position of {@code $0} in a fixture that occurs once in the source, the marker removed. */
    private static LeanPosition cursor(String fixture) {
        int marker = fixture.indexOf("$0");
        String plain = fixture.replace("$0", "");
        int at = SOURCE.indexOf(plain);
        assertTrue(at >= 0 && SOURCE.indexOf(plain, at + 1) < 0, "the fixture occurs once in basics.lean: " + plain);
        int offset = at + marker;
        int line = (int) SOURCE.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
        int lineStart = SOURCE.lastIndexOf('\n', offset - 1) + 1;
        return new LeanPosition(line, SOURCE.codePointCount(lineStart, offset));
    }

    /** What the hover's goal part shows at the cursor: the tactic site and Lean's goal, or why none. */
    private static void checkGoal(String fixture, String expected) throws Exception {
        LeanPosition at = cursor(fixture);
        Optional<Engine.Place> place = engine.place(project, document, at);
        String actual;
        if (place.isPresent()) {
            var goal = engine.goalAt(place.get()).get(WAIT_SECONDS, TimeUnit.SECONDS);
            actual = "site " + place.get().site().start().line() + ":" + place.get().site().start().column() + "\n"
                    + goal.map(found -> found.rawState()).orElse("(no goal)");
        } else {
            actual = "(no tactic site)";
        }
        assertEquals(expected, actual, "at " + at);
    }

    /** The judged suggestions at the cursor, ranked, one "tactic: status [source]" line each. */
    private static void checkSuggestions(String fixture, String expected) throws Exception {
        var place = engine.place(project, document, cursor(fixture)).orElseThrow();
        var goal = engine.goalAt(place).get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow();
        List<Suggestion> ranked = engine.suggest(place, goal).result().get(WAIT_SECONDS, TimeUnit.SECONDS);
        String actual = ranked.stream().map(s -> s.tactic() + ": " + s.status() + " [" + s.source().wire() + "]")
                .collect(Collectors.joining("\n"));
        assertEquals(expected, actual);
    }

    @Test
    void theGoalBeforeTheTacticUnderTheCursor() throws Exception {
        checkGoal("  $0cases h with hp hq,\n  split,", """
                site 6:2
                p q : Prop,
                h : p ∧ q
                ⊢ q ∧ p""");
    }

    @Test
    void aCursorInsideATacticMeansTheTacticsStart() throws Exception {
        checkGoal("  cases h with h$0p hq,\n  split,", """
                site 6:2
                p q : Prop,
                h : p ∧ q
                ⊢ q ∧ p""");
    }

    @Test
    void outsideEveryProofThereIsNoSiteAndLeanIsNotAsked() throws Exception {
        checkGoal("theorem and_swap_$0ex", "(no tactic site)");
        checkGoal("-- basics.lean: small $0tactic proofs", "(no tactic site)");
    }

    @Test
    void suggestionsAreRankedByTheOneRuleClosingFirstThenInTheOrderProposed() throws Exception {
        checkSuggestions("  $0cases h with hp hq,\n  { right, exact hp },", """
                exact or.swap h: closes_goal [portfolio]
                exact or.elim h or.inr or.inl: closes_goal [portfolio]
                cases h with hp hq: progress [portfolio]
                right: progress [portfolio]
                exact h: invalid [portfolio]
                exact or_swapp h: invalid [portfolio]
                tauto: invalid [portfolio]
                { right, exact hp: invalid [portfolio]
                assumption: invalid [portfolio]
                sorry: rejected [portfolio]""");
    }

    @Test
    void aSecondRequestAtThePlaceReadsTheSameWork() throws Exception {
        var place = engine.place(project, document, cursor("  $0exact hq,\n  exact hp\nend")).orElseThrow();
        var goal = engine.goalAt(place).get(WAIT_SECONDS, TimeUnit.SECONDS).orElseThrow();
        assertTrue(engine.suggestions(place).isEmpty(), "nothing started before the first request");
        SuggestionWork first = engine.suggest(place, goal);
        assertTrue(first == engine.suggest(place, goal), "the same work");
        assertTrue(engine.suggestions(place).orElseThrow() == first);
        first.result().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
