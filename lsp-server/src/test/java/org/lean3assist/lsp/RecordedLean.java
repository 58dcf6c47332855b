package org.lean3assist.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.verify.ShadowFiles;
import org.lean3assist.suggest.CandidateSource;
import org.lean3assist.workspace.LeanStarter;

/**
 * Server parts for in-process tests: a Lean that replays a recorded Lean 3.51.1 transcript, and
 * candidate tactics taken from the recorded replays, so that every variant the server syncs is one
 * Lean really answered.
 */
final class RecordedLean {

    static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();

    private RecordedLean() {}

    /** The URI of a recorded source file in the recordings' workspace. */
    static String uri(String name) {
        return RECORDINGS.sourcePath(name).toUri().toString();
    }

    static Path path(String name) {
        return RECORDINGS.sourcePath(name);
    }

    /** A server whose Lean replays {@code transcript} and whose candidates are {@code sources}. */
    static ServerParts parts(String transcript, List<CandidateSource> sources) {
        return parts(transcript, sources, 0);
    }

    /**
     * The same, with Lean answering at its recorded pace times {@code pace} (0: at once), so that
     * work in flight can be observed.
     */
    static ServerParts parts(String transcript, List<CandidateSource> sources, double pace) {
        LeanStarter starter = new LeanStarter() {
            @Override
            public LeanServer start(Path projectRoot, LeanBridgeSettings settings) throws java.io.IOException {
                // Each Lean the server starts (again after a restart) replays the transcript from its
                // beginning; the recordings replayed one variant at a time under one shadow name.
                ScriptedTransport.Factory lean = pace > 0
                        ? ScriptedTransport.pacedFactory(pace, RECORDINGS.script(transcript))
                        : ScriptedTransport.factory(RECORDINGS.script(transcript));
                return LeanServer.start(lean, settings.withReplay(1, Duration.ofSeconds(20)));
            }

            @Override
            public ShadowFiles shadowFiles() {
                return ShadowFiles.recordedLayout(RECORDINGS.workspace());
            }

            @Override
            public org.lean3assist.bridge.verify.VariantLayout variantLayout() {
                // The recorder replayed variants that keep the rest of the file.
                return org.lean3assist.bridge.verify.VariantLayout.REST_OF_FILE;
            }
        };
        return ServerParts.product()
                .withLean(starter)
                .withModel(settings -> Optional.empty())
                .withCandidateSources(model -> sources);
    }

    /** The candidates the recorder replayed at a position of a file, in recorded order. */
    static CandidateSource recordedCandidates(String name) {
        JsonNode replays = RECORDINGS.json("replays/" + name + ".json");
        return new CandidateSource() {
            @Override
            public String name() {
                return "recorded";
            }

            @Override
            public List<String> candidates(org.lean3assist.bridge.GoalAtPosition goal, int limit,
                                           java.util.function.BooleanSupplier cancelled) {
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
    static String recordedStatus(String name, int line, int column, String candidate) {
        for (JsonNode replay : RECORDINGS.json("replays/" + name + ".json")) {
            if (replay.at("/position/line").asInt() == line && replay.at("/position/column").asInt() == column
                    && replay.get("candidate").asText().equals(candidate)) {
                return replay.get("classification").asText();
            }
        }
        throw new AssertionError("no recorded replay of " + candidate + " at " + line + ":" + column);
    }

    /** The goal Lean recorded at a position. */
    static String recordedGoal(String name, int line, int column) {
        for (JsonNode entry : RECORDINGS.json("goals/" + name + ".json")) {
            if (entry.get("line").asInt() == line && entry.get("column").asInt() == column) {
                return entry.get("state").asText();
            }
        }
        throw new AssertionError("no recorded goal at " + line + ":" + column);
    }
}
