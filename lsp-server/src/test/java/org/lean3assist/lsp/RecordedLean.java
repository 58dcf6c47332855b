package org.lean3assist.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.testing.CheckedReplays;
import org.lean3assist.bridge.testing.ForwardingTransport;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.transport.TransportFactory;
import org.lean3assist.bridge.verify.CheckerPool;
import org.lean3assist.engine.suggest.CandidateSource;
import org.lean3assist.engine.EngineParts;
import org.lean3assist.engine.LeanStarter;
import org.lean3assist.engine.suggest.Suggestion;

/**
 * Server parts for in-process tests: an editing Lean that replays a recorded Lean 3.51.1
 * transcript, checkers that replay the project's own real-Lean recordings of checked replays, and
 * candidate tactics taken from the recorded replays, so that every variant the server syncs is one
 * Lean really answered.
 */
public final class RecordedLean {

    static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    private RecordedLean() {}

    /** The URI of a recorded source file in the recordings' workspace. */
    public static String uri(String name) {
        return RECORDINGS.sourcePath(name).toUri().toString();
    }

    public static Path path(String name) {
        return RECORDINGS.sourcePath(name);
    }

    /** A server whose Lean replays {@code transcript} and whose candidates are {@code sources}. */
    public static EngineParts parts(String transcript, List<CandidateSource> sources) {
        return parts(transcript, sources, 0);
    }

    /**
     * The same, with Lean answering at its recorded pace times {@code pace} (0: at once), so that
     * work in flight can be observed.
     */
    public static EngineParts parts(String transcript, List<CandidateSource> sources, double pace) {
        LeanStarter starter = new LeanStarter() {
            @Override
            public LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws java.io.IOException {
                // Each editing Lean the server starts (again after a restart) replays the transcript
                // from its beginning.
                ScriptedTransport.Factory lean = pace > 0
                        ? ScriptedTransport.pacedFactory(pace, RECORDINGS.script(transcript))
                        : ScriptedTransport.factory(RECORDINGS.script(transcript));
                return LeanServer.start(lean, settings.withReplay(1, Duration.ofSeconds(20)));
            }

            @Override
            public CheckerPool checkers(Path projectRoot, LeanBridgeSettings settings) {
                return checkersFor(transcript, pace);
            }
        };
        return EngineParts.product()
                .withLean(starter)
                .withModel(settings -> Optional.empty())
                .withCandidateSources(model -> sources);
    }

    /**
     * The checkers for a transcript's source: one whose Lean replays the project's own real-Lean
     * recording of every checked replay of that source, or, for a source without one, a pool that
     * refuses every check, so that an unexpected replay fails loudly instead of passing.
     *
     * <p>With a pace, each check is held back before it reaches the checker, for about a tenth of
     * a second times the pace, and the checker then answers at once, all its messages with its
     * barrier. Slowing Lean's answers instead would let the barrier come before a replay's
     * messages, which a real Lean does only after the verifier's late-message wait.
     */
    static CheckerPool checkersFor(String transcript, double pace) {
        String source = transcript.substring(transcript.lastIndexOf('/') + 1).replace(".jsonl", "");
        if (!CheckedReplays.SOURCES.contains(source)) {
            return CheckerPool.refusing(1, "no recorded checker for " + transcript);
        }
        if (pace <= 0) {
            return CheckedReplays.checkers(RECORDINGS, source, 0);
        }
        long holdMillis = Math.round(50 * pace);
        LeanBridgeSettings settings = LeanBridgeSettings.defaults().withTrailingMessagesWait(Duration.ofMillis(20))
                .withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(10), 0);
        return new CheckerPool(slot -> LeanServer.start(heldBack(ScriptedTransport.factory(
                RECORDINGS.script("checked/" + source + ".jsonl")), holdMillis), settings),
                1, new CheckerPool.Confinement(false, "recorded checker"));
    }

    /** A transport that waits {@code holdMillis} before passing each {@code sync} on. */
    private static TransportFactory heldBack(TransportFactory recorded, long holdMillis) {
        return listener -> new ForwardingTransport(recorded.start(listener)) {
            @Override
            public void send(String line) throws java.io.IOException {
                if (line.contains("\"command\":\"sync\"")) {
                    try {
                        Thread.sleep(holdMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted while holding a check back");
                    }
                }
                inner.send(line);
            }
        };
    }

    /** The candidates the recorder replayed at a position of a file, in recorded order. */
    public static CandidateSource recordedCandidates(String name) {
        JsonNode replays = RECORDINGS.json("replays/" + name + ".json");
        return new CandidateSource() {
            @Override
            public Suggestion.Source source() {
                // The recorder's candidates were the portfolio's and the model's; they stand for the portfolio.
                return Suggestion.Source.PORTFOLIO;
            }

            @Override
            public List<String> candidates(org.lean3assist.bridge.GoalAtPosition goal, int limit,
                                           org.lean3assist.engine.Cancellation cancelled) {
                List<String> candidates = new ArrayList<>();
                for (JsonNode replay : replays) {
                    if (replay.get("state_before").asText().equals(goal.rawState())) {
                        candidates.add(replay.get("candidate").asText());
                    }
                }
                return candidates;
            }
        };
    }

    /** The recorded verdict of a candidate at a position, in the protocol's spelling. */
    public static String recordedStatus(String name, int line, int column, String candidate) {
        for (JsonNode replay : RECORDINGS.json("replays/" + name + ".json")) {
            if (replay.at("/position/line").asInt() == line && replay.at("/position/column").asInt() == column
                    && replay.get("candidate").asText().equals(candidate)) {
                return replay.get("classification").asText();
            }
        }
        throw new AssertionError("no recorded replay of " + candidate + " at " + line + ":" + column);
    }

    /** The goal Lean recorded at a position. */
    public static String recordedGoal(String name, int line, int column) {
        for (JsonNode entry : RECORDINGS.json("goals/" + name + ".json")) {
            if (entry.get("line").asInt() == line && entry.get("column").asInt() == column) {
                return entry.get("state").asText();
            }
        }
        throw new AssertionError("no recorded goal at " + line + ":" + column);
    }
}
