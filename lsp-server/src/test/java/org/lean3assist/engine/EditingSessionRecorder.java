package org.lean3assist.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.transport.LeanCommand;
import org.lean3assist.bridge.testing.RecordingTransport;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.text.LeanPosition;
import org.lean3assist.reallean.RealLean;

/**
 * Records what {@code EditingWhileReplayingTest} replays: a real Lean 3.51.1 editing
 * {@code basics.lean} as a user does while suggestions replay elsewhere: the file is opened and
 * checked, the goals at 15:2 and 6:2 are asked, an edit appends a false example, and the edited
 * version is checked and asked again. Runs only when asked:
 * {@code LEAN3_HOME=… ./mvnw -pl lsp-server test -Dtest=EditingSessionRecorder -Dlean3assist.record=$PWD/lsp-server/src/test/resources/lean3/editing}.
 */
@EnabledIf(value = "recording", disabledReason = "records only with -Dlean3assist.record=DIR and a real Lean 3")
class EditingSessionRecorder {

    /** What the edit appends: an error Lean reports on the edited version only. */
    static final String EDIT = "\nexample : (2 : ℕ) + 2 = 5 := rfl\n";

    @TempDir
    Path workspace;

    static boolean recording() {
        return System.getProperty("lean3assist.record") != null && RealLean.available();
    }

    @Test
    void recordsAnEditingSession() throws Exception {
        Path out = Path.of(System.getProperty("lean3assist.record"));
        String source = Recordings.source("basics");
        Path file = workspace.resolve("basics.lean");
        Files.writeString(file, source);
        Path leanHome = RealLean.installation().executable().toRealPath().getParent().getParent();
        List<String> events = new ArrayList<>();
        LeanBridgeSettings settings = LeanBridgeSettings.defaults();
        List<String> argv = new ArrayList<>(List.of(RealLean.installation().executable().toString()));
        argv.addAll(settings.serverArguments());
        try (LeanServer lean = LeanServer.start(RecordingTransport.factory(new LeanCommand(argv, workspace), events,
                RecordingTransport.placeholders(workspace, leanHome)), settings)) {
            lean.openDocument(file, 1, source).get(60, TimeUnit.SECONDS);
            lean.waitUntilChecked(file).get(60, TimeUnit.SECONDS);
            lean.goalAt(file, new LeanPosition(15, 2)).get(60, TimeUnit.SECONDS);
            lean.goalAt(file, new LeanPosition(6, 2)).get(60, TimeUnit.SECONDS);
            lean.changeDocument(file, 2, source + EDIT).get(60, TimeUnit.SECONDS);
            lean.waitUntilChecked(file).get(60, TimeUnit.SECONDS);
            lean.goalAt(file, new LeanPosition(6, 2)).get(60, TimeUnit.SECONDS);
            // The trailing messages of the last check, then a clean end.
            Thread.sleep(Duration.ofMillis(300).toMillis());
        }
        RecordingTransport.write(events, out.resolve("basics-edit.jsonl"));
    }
}
