package org.lean3assist.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lean3assist.bridge.protocol.LeanMessage;
import org.lean3assist.bridge.testing.Recordings;
import org.lean3assist.bridge.testing.ScriptedTransport;
import org.lean3assist.bridge.text.LeanPosition;

/**
 * The documents API against the five recorded {@code lean --server} sessions: every goal at
 * every recorded position, and the messages of the files with errors.
 */
class RecordedSessionTest {

    private static final Recordings RECORDINGS = Recordings.withVirtualWorkspace();
    static final LeanBridgeSettings FAST = LeanBridgeSettings.defaults()
            .withTrailingMessagesWait(Duration.ofMillis(20))
            .withRestartBackoff(Duration.ofMillis(10), Duration.ofMillis(40), 3);

    @ParameterizedTest(name = "{0}.lean")
    @MethodSource("org.lean3assist.bridge.testing.Recordings#sourceNames")
    void answersTheRecordedGoalAtEveryPositionInAnyOrder(String name) throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("sessions/" + name + ".jsonl"));
        Path file = RECORDINGS.sourcePath(name);
        List<JsonNode> positions = new ArrayList<>();
        RECORDINGS.json("goals/" + name + ".json").forEach(positions::add);
        // The recorder asked in file order; asking backwards shows the answers do not depend on it.
        Collections.reverse(positions);

        try (LeanServer server = LeanServer.start(lean, FAST)) {
            server.openDocument(file, 1, Recordings.source(name)).get(10, TimeUnit.SECONDS);
            server.waitUntilChecked(file).get(10, TimeUnit.SECONDS);
            for (JsonNode entry : positions) {
                LeanPosition position = new LeanPosition(entry.get("line").asInt(), entry.get("column").asInt());

                Optional<GoalAtPosition> goal = server.goalAt(file, position).get(10, TimeUnit.SECONDS);

                String expected = entry.get("state").isNull() ? null : entry.get("state").asText();
                assertEquals(expected, goal.map(GoalAtPosition::rawState).orElse(null), "state at " + position);
                goal.ifPresent(found -> assertEquals(expected, found.goals().orElseThrow().render()));
            }
        }
        assertEquals(List.of(), lean.mismatches());
    }

    @ParameterizedTest(name = "{0}.lean")
    @ValueSource(strings = {"errors", "incomplete", "basics"})
    void reportsTheMessagesLeanReportedForTheFile(String name) throws Exception {
        ScriptedTransport.Factory lean = ScriptedTransport.factory(RECORDINGS.script("sessions/" + name + ".jsonl"));
        Path file = RECORDINGS.sourcePath(name);
        List<List<LeanMessage>> published = new CopyOnWriteArrayList<>();

        try (LeanServer server = LeanServer.start(lean, FAST)) {
            server.addListener(new LeanServerListener() {
                @Override
                public void onMessages(Path changed, List<LeanMessage> messages) {
                    published.add(messages);
                }
            });
            server.openDocument(file, 1, Recordings.source(name)).get(10, TimeUnit.SECONDS);
            List<LeanMessage> messages = server.waitUntilChecked(file).get(10, TimeUnit.SECONDS);

            // The one-shot `lean --json` run of the same file printed the same messages, in
            // another order (elaboration runs in parallel).
            assertEquals(RECORDINGS.cliMessages(name), Recordings.messageKeys(messages));
            assertEquals(messages.isEmpty() ? List.of() : List.of(messages), published.isEmpty() ? List.of()
                    : List.of(published.get(published.size() - 1)));
            assertTrue(messages.stream().allMatch(message -> message.fileName().equals(file.toString())));
        }
    }
}
