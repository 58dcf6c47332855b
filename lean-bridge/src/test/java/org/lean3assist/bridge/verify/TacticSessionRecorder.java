package org.lean3assist.bridge.verify;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.testing.SessionRecording;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlocks;

/**
 * Makes the tactic-session recordings that {@code RecordedSessionLean} answers from: a real
 * session's answer to every step of a fixed list of paths from the site, kept under the path. Runs
 * only when asked, with a real Lean:
 * {@code LEAN3_HOME=… ./mvnw -pl lean-bridge test -Dtest=TacticSessionRecorder -Dlean3assist.record=src/test/resources/lean3/tactic-sessions}.
 */
@EnabledIf(value = "recording", disabledReason = "records only with -Dlean3assist.record=DIR and a real Lean 3")
class TacticSessionRecorder {

    /** A core-only exercise: a conjunction with a numeral equation, so paths of one to three steps close it. */
    static final String CONJUNCTION = String.join("\n",
            "theorem two_things (p q : Prop) (hp : p) (hq : q) : p ∧ (q ∧ 1 + 1 = 2) :=",
            "begin",
            "  sorry",
            "end",
            "");

    /** The paths recorded for {@link #CONJUNCTION}: each is run step by step from the site. */
    static final List<List<String>> CONJUNCTION_PATHS = List.of(
            List.of("split"),
            List.of("split", "exact hp"),
            List.of("split", "exact hp", "split"),
            List.of("split", "exact hp", "split", "exact hq"),
            List.of("split", "exact hp", "split", "exact hq", "refl"),
            List.of("split", "exact hp", "exact ⟨hq, rfl⟩"),
            List.of("split", "assumption"),
            List.of("split", "exact hq"),
            List.of("exact ⟨hp, hq, rfl⟩"),
            List.of("exact ⟨hp, sorry⟩"),
            List.of("simp"),
            List.of("simp [hp, hq]"),
            List.of("cc"),
            List.of("refl"),
            List.of("intro h"),
            List.of("skip"),
            List.of("repeat { skip }"));

    @TempDir
    Path workspace;

    static boolean recording() {
        return System.getProperty("lean3assist.record") != null && RealLean.found();
    }

    @Test
    void recordsTheConjunction() throws Exception {
        record("conjunction", CONJUNCTION, new LeanPosition(3, 2), CONJUNCTION_PATHS);
    }

    private void record(String name, String source, LeanPosition site, List<List<String>> paths) throws Exception {
        LeanBridgeSettings settings = LeanBridgeSettings.defaults();
        try (CheckerPool real = CheckerPool.forProject(RealLean.installation(), workspace, settings,
                Sandbox.none("recording"))) {
            SessionRecording recording = new SessionRecording(real.sessions().orElseThrow());
            try (TacticSession session = TacticSession.start(recording, source, site,
                    TacticBlocks.enclosing(source, site).orElseThrow(),
                    new TacticSession.Limits(Duration.ofSeconds(2), settings.deterministicTimeout(), Duration.ofSeconds(120)),
                    candidate -> SafetyVerdict.accept())) {
                Map<List<String>, Integer> states = new HashMap<>();
                states.put(List.of(), 0);
                for (List<String> path : paths) {
                    Integer state = states.get(path.subList(0, path.size() - 1));
                    if (state == null) {
                        throw new IllegalStateException("record " + path.subList(0, path.size() - 1) + " before " + path);
                    }
                    session.step(state, path.get(path.size() - 1)).state().ifPresent(reached -> states.put(path, reached));
                }
            }
            recording.write(Path.of(System.getProperty("lean3assist.record")).resolve(name + ".json"), source, site,
                    RealLean.installation().versionLine());
        }
    }
}
