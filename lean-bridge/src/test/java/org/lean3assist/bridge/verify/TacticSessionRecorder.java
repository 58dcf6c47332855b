package org.lean3assist.bridge.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.sandbox.Sandbox;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.bridge.text.TacticBlocks;
import org.lean3assist.bridge.transport.TransportListener;

/**
 * Makes the tactic-session recordings that {@code RecordedSessionLean} answers from: a real
 * session's answer to every step of a fixed list of paths from the site, kept under the path. Runs
 * only when asked, with a real Lean:
 * {@code LEAN3_HOME=… ./mvnw -pl lean-bridge test -Dtest=TacticSessionRecorder -Dlean3assist.record=src/test/resources/lean3/tactic-sessions}.
 */
@EnabledIf(value = "recording", disabledReason = "records only with -Dlean3assist.record=DIR and a real Lean 3")
class TacticSessionRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        Path out = Path.of(System.getProperty("lean3assist.record"));
        LeanBridgeSettings settings = LeanBridgeSettings.defaults();
        List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        CheckerPool real = CheckerPool.forProject(RealLean.installation(), workspace, settings,
                Sandbox.none("recording"));
        CheckerPool.SessionLauncher recordingLauncher = (content, listener) -> real.sessions().orElseThrow()
                .start(content, new TransportListener() {
                    @Override
                    public void onLine(String line) {
                        answers.add(line);
                        listener.onLine(line);
                    }

                    @Override
                    public void onStderr(String line) {
                        listener.onStderr(line);
                    }

                    @Override
                    public void onExit(org.lean3assist.bridge.transport.ExitStatus status) {
                        listener.onExit(status);
                    }
                });
        ObjectNode recording = JSON.createObjectNode();
        recording.put("source", source);
        recording.put("line", site.line());
        recording.put("column", site.column());
        recording.put("lean", RealLean.installation().versionLine());
        ArrayNode steps = recording.putArray("steps");
        try (real; TacticSession session = TacticSession.start(recordingLauncher, source, site,
                TacticBlocks.enclosing(source, site).orElseThrow(),
                new TacticSession.Limits(Duration.ofSeconds(2), settings.deterministicTimeout(), Duration.ofSeconds(120)),
                candidate -> SafetyVerdict.accept())) {
            recording.set("start", lastAnswer(answers));
            Map<List<String>, Integer> states = new HashMap<>();
            states.put(List.of(), 0);
            for (List<String> path : paths) {
                List<String> from = path.subList(0, path.size() - 1);
                Integer state = states.get(from);
                if (state == null) {
                    throw new IllegalStateException("record " + from + " before " + path);
                }
                answers.clear();
                TacticSession.Step step = session.step(state, path.get(path.size() - 1));
                step.state().ifPresent(reached -> states.put(path, reached));
                ObjectNode row = steps.addObject();
                path.forEach(row.putArray("path")::add);
                row.set("answer", lastAnswer(answers));
            }
        }
        Files.createDirectories(out);
        Files.writeString(out.resolve(name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(recording) + "\n");
    }

    /** The last marked answer among the lines read, without its marker. */
    private static JsonNode lastAnswer(List<String> lines) throws IOException {
        for (int index = lines.size() - 1; index >= 0; index--) {
            String line = lines.get(index);
            if (line.startsWith("lean3assist_session_")) {
                return JSON.readTree(line.substring(line.indexOf(' ') + 1));
            }
        }
        throw new IllegalStateException("no answer among " + lines);
    }
}
