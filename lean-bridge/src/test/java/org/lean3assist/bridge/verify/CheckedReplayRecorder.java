package org.lean3assist.bridge.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.LeanBridgeSettings;
import org.lean3assist.bridge.LeanServer;
import org.lean3assist.bridge.RealLean;
import org.lean3assist.bridge.testing.CheckedReplays;
import org.lean3assist.bridge.testing.RecordingTransport;
import org.lean3assist.bridge.transport.LeanCommand;

/**
 * Makes the recordings of checked replays that {@link CheckedReplays} reads: every candidate of a
 * source replayed on a real Lean checker with the filter bypassed, written as the checker's
 * transcript ({@code checked/NAME.jsonl}) and a table of the verdicts ({@code checked/NAME.json}).
 * Runs only when asked, with a real Lean:
 * {@code LEAN3_HOME=… ./mvnw -pl lean-bridge test -Dtest=CheckedReplayRecorder -Dlean3assist.record=src/test/resources/lean3/checked}.
 * The recording asserts nothing about the verdicts; {@code CheckedReplaysTest} does, in every build.
 */
@EnabledIf(value = "recording", disabledReason = "records only with -Dlean3assist.record=DIR and a real Lean 3")
class CheckedReplayRecorder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path workspace;

    static boolean recording() {
        return System.getProperty("lean3assist.record") != null && RealLean.found();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"basics", "multigoal", "verdicts"})
    void recordsEveryCandidate(String name) throws Exception {
        Path out = Path.of(System.getProperty("lean3assist.record"));
        String source = CheckedReplays.source(name);
        Path file = workspace.resolve(name + ".lean");
        Files.writeString(file, source);
        Path leanHome = RealLean.installation().executable().toRealPath().getParent().getParent();
        Map<String, String> placeholders = RecordingTransport.placeholders(workspace, leanHome);
        LeanBridgeSettings settings = LeanBridgeSettings.defaults().withReplay(1, Duration.ofSeconds(60))
                .withRestartBackoff(Duration.ofMillis(50), Duration.ofMillis(50), 0);
        List<String> events = new ArrayList<>();
        ArrayNode table = JSON.createArrayNode();

        try (LeanServer editing = LeanServer.start(RealLean.installation(), workspace, settings);
             CheckerPool checkers = new CheckerPool(slot -> {
                 List<String> argv = new ArrayList<>(List.of(RealLean.installation().executable().toString()));
                 argv.addAll(settings.serverArguments());
                 return LeanServer.start(RecordingTransport.factory(new LeanCommand(argv, workspace), events, placeholders),
                         settings);
             }, 1, new CheckerPool.Confinement(false, "recording"));
             Verifier unfiltered = new Verifier(editing, checkers, ShadowFiles.perSlot(),
                     candidate -> SafetyVerdict.accept())) {
            editing.openDocument(file, 1, source).get(60, TimeUnit.SECONDS);
            // First every candidate with the filter bypassed: the verdicts of the attacks themselves.
            for (var position : CheckedReplays.candidatesByPosition(name).entrySet()) {
                List<ReplayResult> results = unfiltered.verify(new VerifyRequest(file, 1, source, position.getKey(),
                        position.getValue())).get(600, TimeUnit.SECONDS);
                results.stream().sorted(java.util.Comparator.comparingInt(ReplayResult::index)).forEach(result -> {
                    ObjectNode row = table.addObject();
                    row.put("line", position.getKey().line());
                    row.put("column", position.getKey().column());
                    row.put("candidate", result.candidate());
                    row.put("verdict", result.verdict().name());
                    row.put("explanation", result.explanation().orElse(null));
                    row.put("goals_after", result.goalsAfter().map(goals -> goals.render()).orElse(null));
                });
            }
            // Then as the product replays them: Lean is also asked which of their names are meta code.
            // Each candidate by a verifier of its own, which has asked nothing yet, so that every
            // candidate's question is recorded, whatever a test asks before it.
            for (var position : CheckedReplays.candidatesByPosition(name).entrySet()) {
                for (String candidate : position.getValue()) {
                    try (Verifier product = new Verifier(editing, checkers, ShadowFiles.perSlot())) {
                        product.verify(new VerifyRequest(file, 1, source, position.getKey(), List.of(candidate)))
                                .get(600, TimeUnit.SECONDS);
                    }
                }
            }
            assertEquals(1, checkers.started(), "every candidate was replayed on one checker");
        }
        RecordingTransport.write(events, out.resolve(name + ".jsonl"));
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(table);
        for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
            text = text.replace(placeholder.getKey(), placeholder.getValue());
        }
        Files.writeString(out.resolve(name + ".json"), text + "\n", StandardCharsets.UTF_8);
    }
}
